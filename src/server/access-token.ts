import { baseUrl, expiryOf, fetchToken } from './platform.js';
import { refuseCrossSite } from './cross-site.js';
import { TokenErrorCode, errorResponse, methodNotAllowed, tokenResponse } from './responses.js';

/** Who the token is for: a user of your organisation (by e-mail) or one of your customers (a sub-organization). */
export interface AccessTokenIdentity {
  identifier: string;
  type: 'USER' | 'SUB_ORG';
}

export interface AccessTokenHandlerOptions {
  /** The platform's base URL, e.g. `https://platform.example`. */
  platformUrl: string;
  /** Your license key. It stays on the server: it is sent to the platform only, and never appears in a response. */
  licenseKey: string;
  /**
   * Maps the incoming request (its session cookie, say) to the identity to issue a token for;
   * `null` answers 401. This is where your own authentication happens.
   */
  identify: (
    request: Request,
  ) => Promise<AccessTokenIdentity | null | undefined> | AccessTokenIdentity | null | undefined;
  /**
   * Origins of other sites whose pages may ask for tokens (exact origins, e.g.
   * `https://app.example`). Without it, requests whose `Origin` is another host, or whose
   * `Sec-Fetch-Site` is `cross-site`, get 403 `CROSS_SITE` before anything else runs.
   */
  allowedOrigins?: readonly string[];
  /** The `fetch` to call the platform with (default: the global one). */
  fetch?: typeof fetch;
  /** Time allowed for the platform call, in ms (default 10000). */
  timeoutMs?: number;
}

/**
 * A `token-url` endpoint for `<execution-details>`: `POST` answers `{ token, expiresAt }` with a
 * fresh access token for the identity `identify` returns (seed: `POST /dp/api/v1/access/token`).
 *
 * Status codes: 200; 405 for other methods; 403 `CROSS_SITE` for another site's page; 401 when `identify` answers null; 500 when it throws;
 * 502 when the platform refuses or cannot be reached. Every body is JSON, `cache-control: no-store`.
 *
 * @example
 * ```ts
 * const handler = createAccessTokenHandler({
 *   platformUrl: 'https://platform.example',
 *   licenseKey: process.env.LICENSE_KEY!,
 *   identify: async (req) => ({ identifier: 'acme', type: 'SUB_ORG' }),
 * });
 * ```
 */
export function createAccessTokenHandler(options: AccessTokenHandlerOptions): (request: Request) => Promise<Response> {
  const url = `${baseUrl(options.platformUrl)}/dp/api/v1/access/token`;
  const { licenseKey, identify } = options;
  return async (request) => {
    if (request.method !== 'POST') return methodNotAllowed();
    const crossSite = refuseCrossSite(request, options.allowedOrigins);
    if (crossSite) return crossSite;
    let identity: AccessTokenIdentity | null | undefined;
    try {
      identity = await identify(request);
    } catch {
      return errorResponse(500, TokenErrorCode.INTERNAL, 'identify() failed.');
    }
    if (!identity) return errorResponse(401, TokenErrorCode.UNAUTHENTICATED, 'Sign in to get a token.');

    const result = await fetchToken({
      fetch: options.fetch ?? globalThis.fetch,
      url,
      timeoutMs: options.timeoutMs ?? 10_000,
      body: { license_key: licenseKey, auth: { identifier: identity.identifier, type: identity.type } },
      read: (json, requestedAt) => {
        const token = json.access_token;
        if (typeof token !== 'string' || !token) return undefined;
        const expiresAt = expiryOf(token, json, requestedAt);
        return expiresAt === undefined ? undefined : { token, expiresAt };
      },
    });
    return result instanceof Response ? result : tokenResponse(result);
  };
}
