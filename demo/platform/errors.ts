import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Error codes the platform's JSON API answers with, in `{ "error": { "code", "message" } }`. */
export const ApiErrorCode = {
  INVALID_REQUEST: 'INVALID_REQUEST',
  INVALID_LICENSE_KEY: 'INVALID_LICENSE_KEY',
  INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
  INVALID_TOKEN: 'INVALID_TOKEN',
  TOKEN_EXPIRED: 'TOKEN_EXPIRED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  /** 400: a block window is active for the job and does not allow manual executions (seed 003). */
  BLOCKED_BY_WINDOW: 'BLOCKED_BY_WINDOW',
  /** 400: a dependent job runs only after its primary job, never alone (seed 003). */
  DEPENDENT_JOB: 'DEPENDENT_JOB',
  INTERNAL: 'INTERNAL',
} as const;
export type ApiErrorCode = (typeof ApiErrorCode)[keyof typeof ApiErrorCode];

/** Thrown by routes and models; `app.onError` turns it into the JSON error body. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const badRequest = (message: string) => new ApiError(400, ApiErrorCode.INVALID_REQUEST, message);
export const notFound = (what: string) => new ApiError(404, ApiErrorCode.NOT_FOUND, `${what} not found`);

/** The one error body shape of every JSON endpoint. */
export function errorResponse(c: Context, error: ApiError): Response {
  const headers: Record<string, string> = { 'cache-control': 'no-store' };
  if (error.status === 401 && (error.code === 'INVALID_TOKEN' || error.code === 'TOKEN_EXPIRED')) {
    headers['www-authenticate'] = `Bearer error="invalid_token"`;
  }
  return c.json({ error: { code: error.code, message: error.message } }, error.status, headers);
}
