import { ErrorCode, FrameportError } from '../protocol/index.js';

/** What the bridge saw of the frame before the handshake failed. */
export interface HandshakeClues {
  /** The origin we expected. */
  origin: string;
  /** The host page's origin. */
  host: string;
  /** The first origin our frame answered from, when it was not the expected one. */
  wrongOrigin?: string;
  /** The `type` of the first message from the right frame that failed validation. */
  invalidType?: string;
  /** The frame had completed a handshake, then loaded another document. */
  navigated?: boolean;
}

const loadExplain = () => import('./explain.js');

/**
 * How a handshake failed: `timeout` (detail: the timeout in ms), `navigation` (our frame spoke
 * from another origin after the handshake; detail: that origin), `csp` (this page's CSP refused
 * the frame; detail: the directive) or `silent` (the frame loaded and never spoke; detail: the
 * grace in ms).
 */
export type Failure = 'timeout' | 'navigation' | 'csp' | 'silent';

/**
 * The error of a failed handshake. Its code and cause are decided at once from the clues; its
 * message and hint come from explain.ts, loaded now (a page whose embeds connect never loads
 * it). When that load fails, the error keeps its code and cause with a short message.
 */
export function diagnose(
  clues: HandshakeClues,
  failure: Failure,
  detail: string | number,
  load = loadExplain, // for tests: words that cannot be loaded
): Promise<FrameportError> {
  const code = failure === 'navigation' ? ErrorCode.DISCONNECTED : ErrorCode.HANDSHAKE_TIMEOUT;
  const cause = causeOf(clues, failure);
  const seen = { ...clues }; // as they are now, not when the words arrive
  return load().then(
    ({ explain }) => {
      const { message, hint } = explain(code, cause, seen, detail);
      return new FrameportError(code, message, { cause, hint });
    },
    () => new FrameportError(code, `The embed at ${seen.origin} failed: ${cause}.`, { cause }),
  );
}

/** The machine-readable reason, most specific first. */
function causeOf(clues: HandshakeClues, failure: Failure): string {
  if (failure === 'navigation') return 'navigated';
  if (failure === 'csp') return 'csp-blocked';
  if (failure === 'silent') return 'frame-refused';
  if (clues.wrongOrigin) return 'origin-mismatch';
  if (clues.navigated) return 'navigated';
  return clues.invalidType !== undefined ? 'protocol-mismatch' : 'no-ready';
}
