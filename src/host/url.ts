import { ErrorCode, FrameportError } from '../protocol/index.js';

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

export interface UrlPolicy {
  /** Accept `http:` for hosts other than loopback. */
  allowInsecure?: boolean | undefined;
}

/**
 * Parses an embed URL and enforces what we are willing to load and talk to: an absolute
 * `https:` URL (or `http:` on loopback, or anywhere when the user opts in), no credentials.
 * `javascript:`, `data:`, `blob:`, relative and malformed values are refused: their origin
 * is opaque or inherited, so no exact origin could be checked (THREATS 3, 4, 34).
 */
export function resolveEmbedUrl(value: unknown, policy: UrlPolicy = {}): URL {
  const refuse = (why: string, hint?: string): never => {
    throw new FrameportError(ErrorCode.INVALID_URL, `Refused embed URL: ${why}`, {
      cause: 'invalid-url',
      hint: hint ?? 'Use an absolute https:// URL of the platform.',
    });
  };
  if (typeof value !== 'string' || value.trim() === '') return refuse('it is empty.');
  let url: URL;
  try {
    url = new URL(value); // no base: relative URLs fail here on purpose
  } catch {
    return refuse('it is not an absolute URL.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return refuse(`the ${url.protocol} scheme cannot be embedded safely.`);
  }
  if (url.username || url.password) return refuse('it contains credentials.');
  if (url.protocol === 'http:' && !LOOPBACK.test(url.hostname) && !policy.allowInsecure) {
    return refuse(
      `plain http: to ${url.hostname} would expose the token on the network.`,
      'Serve the platform over https, or set allow-insecure for a trusted network.',
    );
  }
  return url;
}

/** The platform URL of `<execution-details>` joined with the execution path. */
export function joinPath(base: URL, path: string): URL {
  const joined = new URL(base.href);
  joined.pathname = `${joined.pathname.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
  return joined;
}
