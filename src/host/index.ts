/**
 * The host-side bridge, without any element: `connect(iframe, options)` runs the handshake
 * with one embed iframe and returns a {@link Connection}.
 * @packageDocumentation
 */
export { connect } from './connect.js';
export { TokenCache, providerToken, staticToken, tokenSourceFor, urlToken, EXPIRY_SKEW } from './tokens.js';
export { signOut } from './sessions.js';
export { resolveEmbedUrl, joinPath, type UrlPolicy } from './url.js';
export { jwtExpiry } from './jwt.js';
export type * from './types.js';
export { ErrorCode, FrameportError, isFrameportError } from '../protocol/index.js';
