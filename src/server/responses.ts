/** Error codes of the token endpoints, in `{ "error": { "code", "message" } }`. */
export const TokenErrorCode = {
  /** Only POST is answered. */
  METHOD_NOT_ALLOWED: 'METHOD_NOT_ALLOWED',
  /** `identify` answered null: nobody is signed in. */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /** `authorize` answered false. */
  FORBIDDEN: 'FORBIDDEN',
  /** The platform refused the request or answered something unexpected. */
  PLATFORM_ERROR: 'PLATFORM_ERROR',
  /** The platform could not be reached in time. */
  PLATFORM_UNREACHABLE: 'PLATFORM_UNREACHABLE',
  /** `identify` or `authorize` threw. */
  INTERNAL: 'INTERNAL',
  /** The request came from another site's page (its `Origin` or `Sec-Fetch-Site`). */
  CROSS_SITE: 'CROSS_SITE',
} as const;
export type TokenErrorCode = (typeof TokenErrorCode)[keyof typeof TokenErrorCode];

/** The body of a successful answer: the browser's `token-url` contract. */
export interface TokenResponseBody {
  token: string;
  /** When the token stops being valid, in ms since the epoch. */
  expiresAt: number;
}

// Tokens are per user and short-lived: no cache, proxy or browser may keep a copy.
const HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };

export function tokenResponse(body: TokenResponseBody): Response {
  return new Response(JSON.stringify(body), { status: 200, headers: HEADERS });
}

export function errorResponse(
  status: number,
  code: TokenErrorCode,
  message: string,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify({ error: { code, message } }), { status, headers: { ...HEADERS, ...headers } });
}

export const methodNotAllowed = (): Response =>
  errorResponse(405, TokenErrorCode.METHOD_NOT_ALLOWED, 'Use POST to request a token.', { allow: 'POST' });
