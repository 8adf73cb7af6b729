/**
 * The one error type of frameport. Every failure carries a `code` from {@link ErrorCode};
 * the same codes appear in the `error` events of the elements.
 */
export const ErrorCode = {
  /** The embed did not send READY_FOR_TOKEN within `handshake-timeout`. */
  HANDSHAKE_TIMEOUT: 'HANDSHAKE_TIMEOUT',
  /** The token source failed, hung, or answered something that is not a token, after retries. */
  TOKEN_UNAVAILABLE: 'TOKEN_UNAVAILABLE',
  /** The embed URL is not an absolute http(s) URL we are willing to load. */
  INVALID_URL: 'INVALID_URL',
  /** The iframe's `sandbox` would give it an opaque ("null") origin: we cannot address it safely. */
  INVALID_SANDBOX: 'INVALID_SANDBOX',
  /** The embed reported an error with an ERROR message. */
  EMBED_ERROR: 'EMBED_ERROR',
  /** The embed did not offer RPC, or does not offer this method. */
  RPC_UNAVAILABLE: 'RPC_UNAVAILABLE',
  /** An RPC call got no answer in time (the embed may have died). */
  RPC_TIMEOUT: 'RPC_TIMEOUT',
  /** The RPC call failed inside the embed. */
  RPC_FAILED: 'RPC_FAILED',
  /** The connection was closed, or the embed reloaded, while the call was pending. */
  DISCONNECTED: 'DISCONNECTED',
  /** A value could not be sent: it cannot be structured-cloned (functions, DOM nodes...). */
  DATA_CLONE: 'DATA_CLONE',
  /** An argument given to the SDK is not valid. */
  INVALID_ARGUMENT: 'INVALID_ARGUMENT',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Extra, human-oriented information about a failure. */
export interface ErrorInfo {
  /** A short machine-readable reason, more precise than the code (e.g. `csp-blocked`). */
  cause?: string;
  /** What the developer can do about it. */
  hint?: string;
}

export class FrameportError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly reason: string | undefined;

  constructor(code: ErrorCode, message: string, info: ErrorInfo = {}) {
    super(message);
    this.name = 'FrameportError';
    this.code = code;
    this.reason = info.cause;
    this.hint = info.hint;
  }

  /** The plain, cloneable form used in event details. */
  toJSON(): { code: ErrorCode; message: string; cause?: string; hint?: string } {
    return {
      code: this.code,
      message: this.message,
      ...(this.reason === undefined ? {} : { cause: this.reason }),
      ...(this.hint === undefined ? {} : { hint: this.hint }),
    };
  }
}

export const isFrameportError = (value: unknown): value is FrameportError =>
  value instanceof Error && (value as { name?: unknown }).name === 'FrameportError';

/**
 * Any thrown value as a FrameportError: a FrameportError as is, anything else (a plain `Error`
 * from an app's token source or hook, a string...) as EMBED_ERROR `unexpected`, its message kept.
 */
export function toFrameportError(thrown: unknown): FrameportError {
  if (isFrameportError(thrown)) return thrown;
  return new FrameportError(ErrorCode.EMBED_ERROR, thrown instanceof Error ? thrown.message : String(thrown), {
    cause: 'unexpected',
  });
}

/** DATA_CLONE: `message`, then what the browser said about the value that cannot be cloned. */
export const cloneFailure = (message: string, error: unknown) =>
  new FrameportError(ErrorCode.DATA_CLONE, `${message}: ${(error as Error).message}`, {
    cause: 'data-clone',
    hint: 'Pass plain data: no functions, DOM nodes or class instances.',
  });
