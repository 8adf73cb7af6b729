import { TokenErrorCode, errorResponse } from './responses.js';

/**
 * A 403 answer for a request another site's page made, or `undefined` to go on. The session
 * cookie travels with a cross-site POST too: the attacker cannot read the answer, but the
 * endpoint must not mint a token for it at all. Browsers say who asked: `Origin` (sent with
 * every POST) and `Sec-Fetch-Site`. A request with neither comes from outside a browser
 * (server to server, curl) and carries no victim's cookie, so it is not refused here.
 *
 * The request's own host counts as same-origin whatever its scheme, so a TLS-terminating proxy
 * that hands the app `http://` URLs does not lock out its own pages.
 */
export function refuseCrossSite(request: Request, allowedOrigins: readonly string[] = []): Response | undefined {
  const origin = request.headers.get('origin');
  const site = request.headers.get('sec-fetch-site');
  const listed = origin !== null && allowedOrigins.some((allowed) => sameOrigin(allowed, origin));
  if (listed) return undefined;
  const ownHost = new URL(request.url).host;
  const fromOwnPage = origin !== null && origin !== 'null' && hostOf(origin) === ownHost;
  const refused = origin !== null ? !fromOwnPage : site === 'cross-site' || site === 'same-site';
  if (!refused && site !== 'cross-site') return undefined;
  return errorResponse(
    403,
    TokenErrorCode.CROSS_SITE,
    'Tokens are issued only to pages of this site (see the allowedOrigins option).',
  );
}

function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}

function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}
