import type { ErrorCode } from '../protocol/index.js';
import type { HandshakeClues } from './diagnose.js';

/**
 * The words of a failed handshake's error: what most likely happened and what to do about it, so
 * a developer does not have to guess between CSP, frame-ancestors, origins and versions. Loaded
 * only when a handshake fails (diagnose.ts), so it imports nothing: the CDN build's chunk of it
 * never imports frameport.js back. `detail`: the timeout or grace in ms, the foreign origin, or
 * the CSP directive.
 */
export function explain(
  code: ErrorCode,
  cause: string,
  clues: HandshakeClues,
  detail: string | number,
): { message: string; hint: string } {
  const { origin, host } = clues;
  const timedOut = `The embed did not complete the handshake within ${detail} ms.`;
  const retry = 'Retry loads the embed again.';
  switch (cause) {
    case 'origin-mismatch':
      return {
        message: `${timedOut} It answered from ${clues.wrongOrigin}, but ${origin} was expected.`,
        hint: `The embed URL redirected to ${clues.wrongOrigin}: use that exact origin (scheme, host, port) as the platform URL, or fix the redirect.`,
      };
    case 'navigated':
      return code === 'DISCONNECTED'
        ? {
            message: `The embed frame navigated to ${detail}; only ${origin} gets tokens and messages.`,
            hint: `A link or redirect inside the embed left the platform. ${retry}`,
          }
        : {
            message: `The embed frame loaded another page, which did not complete the handshake within ${detail} ms.`,
            hint: `A link or redirect inside the embed may have left ${origin}. ${retry}`,
          };
    case 'protocol-mismatch':
      return {
        message: `${timedOut} It sent messages, but none was valid (first: ${clues.invalidType}).`,
        hint: 'The embed speaks another protocol version than this SDK: update frameport or the platform.',
      };
    case 'csp-blocked':
      return {
        message: `This page's Content-Security-Policy (${detail}) blocked the embed at ${origin}.`,
        hint: `Add ${origin} to the frame-src directive of this page's Content-Security-Policy.`,
      };
    case 'frame-refused':
      return {
        message: `The embed frame for ${origin} loaded but stayed silent for ${detail} ms: the browser most likely refused to show it here.`,
        hint: `${origin} must allow ${host} in its Content-Security-Policy frame-ancestors (or X-Frame-Options): the browser console names the header. For a slow guest page, raise handshake-timeout.`,
      };
    default: // no-ready
      return {
        message: `${timedOut} The page at ${origin} never sent READY_FOR_TOKEN.`,
        hint: `Check that ${origin} is running and serves a frameport embed, then that its frame-ancestors (or X-Frame-Options) allow ${host}.`,
      };
  }
}
