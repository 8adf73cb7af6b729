import type { Context } from 'hono';
import type { z } from 'zod';
import { badRequest } from './errors.js';

/** Parses and validates a JSON body; anything malformed is a 400 with the first problem named. */
export async function readJson<T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T>> {
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    throw badRequest('The body must be a JSON object');
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue && issue.path.length ? `${issue.path.join('.')}: ` : '';
    throw badRequest(`Invalid body: ${where}${issue?.message ?? 'invalid'}`);
  }
  return result.data;
}
