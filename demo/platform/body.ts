import type { Context } from 'hono';
import { validator } from 'hono/validator';
import type { z } from 'zod';
import { badRequest } from './errors.js';

/** The first problem zod found, as the 400's message. */
function problem(error: z.ZodError): string {
  const issue = error.issues[0];
  const where = issue && issue.path.length ? `${issue.path.join('.')}: ` : '';
  return `Invalid body: ${where}${issue?.message ?? 'invalid'}`;
}

/**
 * Hono's `validator` for a JSON body checked by a zod schema: the route reads `c.req.valid('json')`.
 * Malformed JSON (Hono's 400) and a body the schema refuses are both INVALID_REQUEST; a request
 * without a JSON content type is validated as an empty object.
 */
export function jsonBody<T extends z.ZodType>(schema: T) {
  return validator('json', (value): z.infer<T> => {
    const result = schema.safeParse(value);
    if (!result.success) throw badRequest(problem(result.error));
    return result.data;
  });
}

/** Parses and validates a JSON body inside a handler (routes not yet on `jsonBody`). */
export async function readJson<T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T>> {
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    throw badRequest('The body must be a JSON object');
  }
  const result = schema.safeParse(raw);
  if (!result.success) throw badRequest(problem(result.error));
  return result.data;
}
