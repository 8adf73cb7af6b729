import type { ErrorCode, FrameportError, GuestMessageOf, Params, Settings } from '../protocol/index.js';

/** A token and, when known, when it stops being valid (ms since epoch). */
export interface TokenGrant {
  token: string;
  expiresAt?: number;
}

/** What a `tokenProvider` may answer; `null` means the session has ended (stop refreshing). */
export type TokenProviderResult = string | TokenGrant | null;

/** A user-supplied function that fetches a fresh token. */
export type TokenProvider = () => Promise<TokenProviderResult> | TokenProviderResult;

/** Lifecycle of a connection, reflected by the elements as their `state`. */
export type ConnectionState = 'loading' | 'authenticating' | 'ready' | 'error' | 'closed';

/** Token lifecycle notifications (the elements re-dispatch them as DOM events). */
export type TokenEvent =
  | { type: 'token-refreshed'; expiresAt: number | undefined }
  | { type: 'token-refresh-failed'; attempt: number; nextRetryAt: number | undefined; error: FrameportError }
  | { type: 'session-ended' };

/** One entry of a connection's message timeline (tokens redacted), for debugging. */
export interface TraceEntry {
  /** `in`: from the embed; `out`: to the embed; `dropped`: from our frame but refused. */
  direction: 'in' | 'out' | 'dropped';
  /** The message type (or `?` when it had none). */
  type: string;
  /** ms since epoch. */
  time: number;
  /** The message, token redacted; for `dropped`, why. */
  detail: unknown;
}

/** Guest messages that the host re-dispatches to the app. */
export type EmbedEvent =
  | GuestMessageOf<'PARAMETER_CHANGED'>
  | GuestMessageOf<'RUN_ALL'>
  | GuestMessageOf<'EXECUTION_RUN'>
  | GuestMessageOf<'CLOSE'>;

export interface RetryOptions {
  /** Attempts before giving up with TOKEN_UNAVAILABLE (default 3). */
  attempts?: number;
  /** First backoff delay in ms, doubled each attempt, with jitter (default 500). */
  baseDelay?: number;
  /** Time allowed for one call of the token source, in ms (default 10000). */
  timeout?: number;
}

export interface ConnectOptions {
  /** The embed URL; its exact origin is the only one we talk to. */
  url: string;
  /** Where tokens come from: see `staticToken`, `providerToken`, `urlToken`, `tokenSourceFor`. */
  tokenSource: TokenSourceLike;
  /** Externalized parameters, sent with SET_PARAMETERS after every SET_TOKEN. */
  params?: Params;
  /** UI language and text overrides, sent with SET_SETTINGS after every SET_TOKEN. */
  settings?: Settings;
  /** Time to wait for READY_FOR_TOKEN, in ms (default 10000). */
  handshakeTimeout?: number;
  /** Time to wait for an RPC answer, in ms (default 30000). */
  rpcTimeout?: number;
  /** Allow `http:` URLs to hosts other than loopback (default false). */
  allowInsecure?: boolean;
  /** Log every message in and out with console.debug, tokens redacted. */
  debug?: boolean;
  /** Do not set `iframe.src` (the caller already did, e.g. with a token in the URL). */
  keepSrc?: boolean;
  onStateChange?: (state: ConnectionState) => void;
  onReady?: (info: { features: readonly string[]; protocol: number | undefined }) => void;
  onEvent?: (event: EmbedEvent) => void;
  onResize?: (height: number) => void;
  onError?: (error: FrameportError) => void;
  /** Every message in and out of this connection, tokens redacted (for a debugging timeline). */
  onTrace?: (entry: TraceEntry) => void;
  /** Called before a refresh; may return a token to use instead of calling the source. */
  onTokenExpiring?: () => Promise<TokenGrant | string | undefined> | TokenGrant | string | undefined;
}

/** Anything that can hand out tokens (the bridge only needs this). */
export interface TokenSourceLike {
  /** A token valid for at least `minValidity` ms more; calls in flight are shared. */
  get(options?: { minValidity?: number; force?: boolean }): Promise<TokenGrant | null>;
  /** Forgets `token` if it is the current one (the embed rejected it). */
  invalidate?(token: string): void;
  /** Token lifecycle notifications; returns the unsubscribe function. */
  subscribe?(listener: (event: TokenEvent) => void): () => void;
}

export interface Connection {
  readonly state: ConnectionState;
  /** Features the embed offered in its last READY_FOR_TOKEN. */
  readonly features: readonly string[];
  /** Resolves once the handshake is done (the first time); rejects if the connection closes first. */
  readonly ready: Promise<void>;
  /** Calls an RPC method of the embed. Rejects with RPC_UNAVAILABLE, RPC_TIMEOUT, DISCONNECTED... */
  call<T = unknown>(method: string, ...args: unknown[]): Promise<T>;
  /** Sends SET_PARAMETERS now (and remembers them for later handshakes). */
  setParameters(params: Params): void;
  /** Sends SET_SETTINGS now (and remembers them for later handshakes). */
  setSettings(settings: Settings): void;
  /** Fetches a fresh token and sends it. */
  refreshToken(): Promise<void>;
  /** Removes every listener, timer and port. Idempotent. */
  close(): void;
}

export type { ErrorCode };
