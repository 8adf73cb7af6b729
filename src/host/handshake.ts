import { toFrameportError } from '../protocol/errors.js';
import type { Refresher } from './refresh.js';
import type { TokenGrant } from './types.js';

/** How much validity a token fetched while the frame loaded must still have to be sent. */
const FRESHLY_FETCHED = 1_000;

export interface Handshake {
  /** READY_FOR_TOKEN arrived: obtain a token and hand it to `deliver`, unless a newer READY wins. */
  start(): Promise<void>;
  /** Drops the handshake in flight (the frame navigated, or the connection closed). */
  abandon(): void;
}

export interface HandshakeOptions {
  refresher: Refresher;
  /** Called once per READY that is still the latest when its token arrives. */
  deliver(grant: TokenGrant): void;
  fail(error: unknown): void;
  /** The token source answered `null`. */
  ended(): void;
}

/**
 * Answers READY_FOR_TOKEN with a token. The token is requested as soon as the connection
 * starts, while the frame loads, so a handshake costs max(frame load, token fetch) instead of
 * their sum; it is still sent only in answer to READY (THREATS 18). Every READY, reloads
 * included, gets an answer, and only the latest READY's answer is sent (THREATS 12, 19-21).
 */
export function createHandshake(options: HandshakeOptions): Handshake {
  const { refresher } = options;
  let generation = 0;
  // Obtained while the frame loads; the first READY uses its answer, or reports its failure
  // rather than fetching again. Asked for at once, in this task: a request started a microtask
  // later would wait until the element has rendered and made its iframe.
  let early: Promise<{ grant: TokenGrant | null } | { error: unknown }> | undefined = askNow(() =>
    refresher.obtain(false),
  ).then(
    (grant) => ({ grant }),
    (error: unknown) => ({ error }),
  );

  return {
    async start() {
      const current = ++generation;
      refresher.cancel();
      let next: TokenGrant | null;
      try {
        const first = await early;
        early = undefined;
        if (first && 'error' in first) throw first.error;
        if (first?.grant === null) next = null;
        // The early answer sits in the source's cache: asking again is no second fetch (even
        // for a short-lived token, hence the small margin), and it follows a token source
        // switched since then.
        else next = await refresher.obtain(false, first ? FRESHLY_FETCHED : undefined);
      } catch (error) {
        if (current === generation) options.fail(toFrameportError(error));
        return;
      }
      if (current !== generation) return; // a newer READY, a navigation or close() won (THREATS 20, 28)
      if (next === null) return options.ended();
      options.deliver(next);
    },
    abandon() {
      generation++;
      early = undefined;
    },
  };
}

/** Calls `ask` now; whatever it throws or returns becomes a promise. */
const askNow = <T>(ask: () => T | Promise<T>): Promise<T> => new Promise<T>((resolve) => resolve(ask()));

/**
 * Tells when the frame shows a new document that has not announced itself: the frame navigated
 * (or reloaded). Each document fires one `load` on the iframe and announces itself once, in
 * either order: ours with READY_FOR_TOKEN, a foreign one with its first message. So more loads
 * than announcements means a document that may not be the embed. Limit: a READY sent again
 * within one document can hide one later navigation to a page that never speaks.
 */
export function watchDocuments(
  iframe: HTMLIFrameElement,
  onUnannounced: () => void,
): { announced(foreign: boolean): void; stop(): void } {
  let loads = 0;
  let announcements = 0;
  let foreignSpoke = false;
  const onLoad = () => {
    try {
      // The initial about:blank document (same-origin, so readable) is no navigation.
      if (iframe.contentDocument?.URL === 'about:blank') return;
    } catch {
      // cross-origin: a real document
    }
    loads++;
    if (loads <= announcements) return; // its announcement came first
    foreignSpoke = false;
    onUnannounced();
  };
  iframe.addEventListener('load', onLoad);
  return {
    /** A READY from the embed's origin, or any message from our frame on another origin. */
    announced(foreign) {
      if (foreign && foreignSpoke) return; // that page already counted
      foreignSpoke = foreign;
      announcements = Math.min(announcements + 1, loads + 1);
    },
    stop: () => iframe.removeEventListener('load', onLoad),
  };
}
