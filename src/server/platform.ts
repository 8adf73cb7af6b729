import { jwtExpiry } from '../host/jwt.js';
import { ErrorCode, FrameportError } from '../protocol/errors.js';
import { isRecord } from '../protocol/is-record.js';
import { TokenErrorCode, errorResponse, type TokenResponseBody } from './responses.js';

export interface PlatformCall {
  fetch: typeof fetch;
  url: string;
  body: unknown;
  timeoutMs: number;
  /** Reads the token and its expiry from the platform's answer; undefined when the shape is wrong. */
  read: (json: Record<string, unknown>, requestedAt: number) => TokenResponseBody | undefined;
}

/**
 * POSTs the credentials to the platform and turns its answer into the `token-url` body, or into a
 * 502 whose message names the platform's status and error code, never the request body (the
 * secret or license key).
 */
export async function fetchToken(call: PlatformCall): Promise<TokenResponseBody | Response> {
  const requestedAt = Date.now(); // before the call, so expiresAt errs on the early side
  let response: Response;
  try {
    response = await call.fetch(call.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(call.body),
      signal: AbortSignal.timeout(call.timeoutMs),
      // The body carries secrets: never follow a redirect; a 3xx is treated as a failure below.
      redirect: 'manual',
    });
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    return errorResponse(
      502,
      TokenErrorCode.PLATFORM_UNREACHABLE,
      timedOut ? `The platform did not answer within ${call.timeoutMs} ms.` : 'The platform could not be reached.',
    );
  }

  const json: unknown = await response.json().catch((): unknown => undefined);
  if (!response.ok) {
    const code = platformErrorCode(json);
    return errorResponse(
      502,
      TokenErrorCode.PLATFORM_ERROR,
      `The platform refused the token request (HTTP ${response.status}${code ? ` ${code}` : ''}).`,
    );
  }
  const body = isRecord(json) ? call.read(json, requestedAt) : undefined;
  return body ?? errorResponse(502, TokenErrorCode.PLATFORM_ERROR, 'The platform answered without a usable token.');
}

/** `expiresAt` from the answer's `expires_at` (ms), else `expires_in` (s), else the JWT's `exp`. */
export function expiryOf(token: string, json: Record<string, unknown>, requestedAt: number): number | undefined {
  if (typeof json.expires_at === 'number' && json.expires_at > 0) return json.expires_at;
  if (typeof json.expires_in === 'number' && json.expires_in > 0) return requestedAt + json.expires_in * 1000;
  return jwtExpiry(token);
}

/** The platform's own error code, only if it looks like one (a short identifier, never free text). */
function platformErrorCode(json: unknown): string | undefined {
  const code = isRecord(json) && isRecord(json.error) ? json.error.code : undefined;
  return typeof code === 'string' && /^[A-Za-z0-9_.-]{1,64}$/.test(code) ? code : undefined;
}

/** `https://platform.example/` -> `https://platform.example`; throws at setup time on a bad URL. */
export function baseUrl(platformUrl: string): string {
  // A FrameportError that says which option is wrong, not the URL parser's bare "Invalid URL".
  // The value is not echoed: a URL may carry credentials.
  const invalid = (why: string) =>
    new FrameportError(ErrorCode.INVALID_URL, `platformUrl ${why}`, {
      cause: 'invalid-url',
      hint: "Pass the platform's absolute base URL, such as https://platform.example.",
    });
  let url: URL;
  try {
    url = new URL(platformUrl);
  } catch {
    throw invalid('is not an absolute URL.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalid(`must be http(s), not ${url.protocol}`);
  return url.href.replace(/\/+$/, '');
}
