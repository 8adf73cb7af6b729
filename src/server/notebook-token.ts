import { baseUrl, expiryOf, fetchToken } from './platform.js';
import { refuseCrossSite } from './cross-site.js';
import { TokenErrorCode, errorResponse, methodNotAllowed, tokenResponse } from './responses.js';

export interface NotebookTokenHandlerOptions {
  /** The platform's base URL, e.g. `https://platform.example`. */
  platformUrl: string;
  /** The notebook integration's id (from its Integration URL `/embed/notebooks/<id>`). */
  integrationId: string;
  /** An API key listed under the integration's "Permitted API keys". */
  apiKey: string;
  /** The API key's secret. It stays on the server: sent to the platform only, never in a response. */
  apiSecret: string;
  /**
   * Decides whether the incoming request may have a token (its session, say); `false` answers 403.
   * Without it every caller gets one: fine for a public dashboard, not for private data.
   */
  authorize?: (request: Request) => Promise<boolean> | boolean;
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
 * A `token-url` endpoint for `<notebook-embed>`: `POST` answers `{ token, expiresAt }` with a fresh
 * one-hour integration token, one per call as the platform asks (seed: issue a token per session,
 * never reuse it). The platform call is `POST /api/v1/integrations/<id>/token` with the key and secret.
 *
 * Status codes: 200; 405 for other methods; 403 `CROSS_SITE` for another site's page; 403 when `authorize` answers false; 500 when it throws;
 * 502 when the platform refuses (wrong secret, key not permitted) or cannot be reached.
 */
export function createNotebookTokenHandler(
  options: NotebookTokenHandlerOptions,
): (request: Request) => Promise<Response> {
  const url = `${baseUrl(options.platformUrl)}/api/v1/integrations/${encodeURIComponent(options.integrationId)}/token`;
  const { apiKey, apiSecret, authorize } = options;
  return async (request) => {
    if (request.method !== 'POST') return methodNotAllowed();
    const crossSite = refuseCrossSite(request, options.allowedOrigins);
    if (crossSite) return crossSite;
    if (authorize) {
      let allowed: boolean;
      try {
        allowed = await authorize(request);
      } catch {
        return errorResponse(500, TokenErrorCode.INTERNAL, 'authorize() failed.');
      }
      if (!allowed) return errorResponse(403, TokenErrorCode.FORBIDDEN, 'Not allowed to view this notebook.');
    }

    const result = await fetchToken({
      fetch: options.fetch ?? globalThis.fetch,
      url,
      timeoutMs: options.timeoutMs ?? 10_000,
      body: { api_key: apiKey, api_secret: apiSecret },
      read: (json, requestedAt) => {
        const token = json.token;
        if (typeof token !== 'string' || !token) return undefined;
        const expiresAt = expiryOf(token, json, requestedAt);
        return expiresAt === undefined ? undefined : { token, expiresAt };
      },
    });
    return result instanceof Response ? result : tokenResponse(result);
  };
}
