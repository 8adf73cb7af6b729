import type { ErrorCode } from '../protocol/errors.js';
import type { Params } from '../protocol/messages.js';
import type { TokenGrant } from '../host/types.js';

/**
 * The events of the embed elements: their `detail` types and one event map per element, so
 * `el.addEventListener('parameter-change', (e) => e.detail.name)` type-checks.
 *
 * Every event is a non-bubbling, non-composed `CustomEvent` dispatched on the element, like the
 * native `close` and `error` events it is named after: listen on the element, or capture on an
 * ancestor. No detail ever carries a token (THREATS 14).
 */

/** `ready`: the handshake is done (fired again after the embed reloads). */
export interface ReadyDetail {
  /** Capabilities the embed announced in READY_FOR_TOKEN (`rpc`, `rpc:<method>`, ...). */
  features: readonly string[];
  /** Protocol version the embed speaks, when it said. */
  protocol: number | undefined;
}

/** Why a `close` happened. */
export type CloseReason = 'button' | 'escape' | 'backdrop' | 'embed';

/** `close` (cancelable: `preventDefault()` keeps the modal open). */
export interface CloseDetail {
  reason: CloseReason;
}

/**
 * `error`: the plain form of a `FrameportError`. `cause` is a short machine-readable reason
 * (`no-ready`, `invalid-url`, `token-url-status-401`, ...) and `hint` says what to do.
 */
export interface ErrorDetail {
  code: ErrorCode;
  message: string;
  cause?: string;
  hint?: string;
}

/** `execution-run` (`<execution-details>`): the execution object of the re-run. */
export interface ExecutionRunDetail {
  data: { id: string; [key: string]: unknown };
}

/** `parameter-change` (`<notebook-embed>`): one parameter changed; `params` is the full set. */
export interface ParameterChangeDetail {
  name: string;
  value: unknown;
  params: Params;
}

/** `run-all` (`<notebook-embed>`): the user ran every cell, with these parameters. */
export interface RunAllDetail {
  params: Params;
}

/** `token-refreshed`: a fresh token was obtained (the token itself is never in a detail). */
export interface TokenRefreshedDetail {
  /** When the new token expires, ms since epoch, when known. */
  expiresAt: number | undefined;
}

/** `token-refresh-failed`: one attempt to obtain a token failed. */
export interface TokenRefreshFailedDetail {
  /** 1 for the first attempt of this refresh. */
  attempt: number;
  /** When the next attempt is due (ms since epoch), or undefined when this was the last one. */
  nextRetryAt: number | undefined;
  code: ErrorCode;
  message: string;
  cause?: string;
  hint?: string;
}

/** `session-ended`: the token provider answered `null`; refreshing has stopped. */
export type SessionEndedDetail = Record<string, never>;

/** What a `token-expiring` listener may hand over instead of the configured token source. */
export type TokenResponse = TokenGrant | string | undefined;

/**
 * `token-expiring` (cancelable): the token is about to be refreshed. A listener may supply the
 * token itself with `event.detail.respondWith(tokenOrPromise)`, which also cancels the default
 * action (asking the configured token source). Without `respondWith` the source is asked.
 */
export interface TokenExpiringDetail {
  respondWith(response: TokenResponse | Promise<TokenResponse>): void;
}

/** Events of both embed elements. */
export interface EmbedEventMap {
  ready: CustomEvent<ReadyDetail>;
  close: CustomEvent<CloseDetail>;
  error: CustomEvent<ErrorDetail>;
  'token-expiring': CustomEvent<TokenExpiringDetail>;
  'token-refreshed': CustomEvent<TokenRefreshedDetail>;
  'token-refresh-failed': CustomEvent<TokenRefreshFailedDetail>;
  'session-ended': CustomEvent<SessionEndedDetail>;
}

/** Events of `<execution-details>`. */
export interface ExecutionDetailsEventMap extends EmbedEventMap {
  'execution-run': CustomEvent<ExecutionRunDetail>;
}

/** Events of `<notebook-embed>`. */
export interface NotebookEmbedEventMap extends EmbedEventMap {
  'parameter-change': CustomEvent<ParameterChangeDetail>;
  'run-all': CustomEvent<RunAllDetail>;
}
