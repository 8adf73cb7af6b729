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

/**
 * Turns a handshake that never completed into the most likely cause and what to do about it,
 * so a developer does not have to guess between CSP, frame-ancestors, origins and versions.
 */
export function explainTimeout(clues: HandshakeClues, timeout: number): FrameportError {
  const timedOut = `The embed did not complete the handshake within ${timeout} ms.`;
  if (clues.wrongOrigin) {
    return new FrameportError(
      ErrorCode.HANDSHAKE_TIMEOUT,
      `${timedOut} It answered from ${clues.wrongOrigin}, but ${clues.origin} was expected.`,
      {
        cause: 'origin-mismatch',
        hint: `The embed URL redirected to ${clues.wrongOrigin}: use that exact origin (scheme, host, port) as the platform URL, or fix the redirect.`,
      },
    );
  }
  if (clues.navigated) {
    return new FrameportError(
      ErrorCode.HANDSHAKE_TIMEOUT,
      `The embed frame loaded another page, which did not complete the handshake within ${timeout} ms.`,
      {
        cause: 'navigated',
        hint: `A link or redirect inside the embed may have left ${clues.origin}. Retry loads the embed again.`,
      },
    );
  }
  if (clues.invalidType !== undefined) {
    return new FrameportError(
      ErrorCode.HANDSHAKE_TIMEOUT,
      `${timedOut} It sent messages, but none was valid (first: ${clues.invalidType}).`,
      {
        cause: 'protocol-mismatch',
        hint: 'The embed speaks another protocol version than this SDK: update frameport or the platform.',
      },
    );
  }
  return new FrameportError(
    ErrorCode.HANDSHAKE_TIMEOUT,
    `${timedOut} The page at ${clues.origin} never sent READY_FOR_TOKEN.`,
    {
      cause: 'no-ready',
      hint: `Check that ${clues.origin} is running and serves a frameport embed, then that its frame-ancestors (or X-Frame-Options) allow ${clues.host}.`,
    },
  );
}

/** Our frame spoke from another origin after the handshake: it shows a page that is not the embed. */
export function explainNavigation(clues: HandshakeClues, foreign: string): FrameportError {
  return new FrameportError(
    ErrorCode.DISCONNECTED,
    `The embed frame navigated to ${foreign}; only ${clues.origin} gets tokens and messages.`,
    {
      cause: 'navigated',
      hint: 'A link or redirect inside the embed left the platform. Retry loads the embed again.',
    },
  );
}

/** The host page's own Content-Security-Policy refused to load the frame. */
export function explainCspBlock(clues: HandshakeClues, directive: string): FrameportError {
  return new FrameportError(
    ErrorCode.HANDSHAKE_TIMEOUT,
    `This page's Content-Security-Policy (${directive}) blocked the embed at ${clues.origin}.`,
    {
      cause: 'csp-blocked',
      hint: `Add ${clues.origin} to the frame-src directive of this page's Content-Security-Policy.`,
    },
  );
}

/** The frame loaded but nothing in it spoke: the browser most likely refused to show it. */
export function explainSilentFrame(clues: HandshakeClues, grace: number): FrameportError {
  return new FrameportError(
    ErrorCode.HANDSHAKE_TIMEOUT,
    `The embed frame for ${clues.origin} loaded but stayed silent for ${grace} ms: the browser most likely refused to show it here.`,
    {
      cause: 'frame-refused',
      hint: `${clues.origin} must allow ${clues.host} in its Content-Security-Policy frame-ancestors (or X-Frame-Options): the browser console names the header. For a slow guest page, raise handshake-timeout.`,
    },
  );
}
