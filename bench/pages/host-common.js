// Host-side helpers shared by the three host pages (frameport, raw, penpal).
import { listenerCounts, nextMessage, now, query, sleep } from './shared.js';

export const GUEST = query().get('guest');
export const TOKEN = 'bench-token-0123456789';
export const guestUrl = (variant) => `${GUEST}/guest/${variant}.html?host=${encodeURIComponent(location.origin)}`;

/** Host-clock time at which `frame()` acknowledges holding its token (one postMessage hop). */
export const tokenAck = (frame) =>
  nextMessage(
    (event) => event.origin === GUEST && event.data?.__bench === 'token' && event.source === frame()?.contentWindow,
  ).then(() => now());

/**
 * Where the handshake time went, in ms after `t0` on the host clock: the iframe document's
 * fetch (resource timing of the host page) and the guest's own marks (its clock converted
 * through both timeOrigins; cross-process error well under 1 ms).
 */
export async function probe(frame, t0) {
  const entry = performance
    .getEntriesByType('resource')
    .filter((e) => e.initiatorType === 'iframe')
    .at(-1);
  performance.clearResourceTimings();
  const reply = nextMessage(
    (event) => event.origin === GUEST && event.data?.__bench === 'probe' && event.source === frame()?.contentWindow,
    5_000,
  );
  frame().contentWindow.postMessage({ __bench: 'probe' }, GUEST);
  const marks = await reply;
  const base = performance.timeOrigin + t0;
  const out = { iframeFetchStart: entry ? entry.startTime - t0 : undefined };
  for (const [key, value] of Object.entries(marks)) {
    if (key !== '__bench' && key !== 'timeOrigin' && typeof value === 'number')
      out[`guest.${key}`] = marks.timeOrigin + value - base;
  }
  return out;
}

/** Rejects after `ms`, so a broken variant fails the run instead of hanging the harness. */
export const deadline = (promise, ms, what) =>
  Promise.race([
    promise,
    sleep(ms).then(() => Promise.reject(new Error(`bench: ${what} did not finish within ${ms} ms`))),
  ]);

/**
 * Sends the burst command to a guest; resolves once `subscribe` has reported n values (their
 * sum checked) with the host time that took, and the guest's own time for its send loop.
 */
export function burst(frame, n, raw, subscribe) {
  const target = frame();
  const guestDone = nextMessage(
    (event) => event.origin === GUEST && event.data?.__bench === 'burst-done' && event.source === target.contentWindow,
    60_000,
  );
  const received = new Promise((resolve, reject) => {
    let count = 0;
    let sum = 0;
    const expected = (n * (n - 1)) / 2;
    let t0 = 0;
    const unsubscribe = subscribe((value) => {
      sum += value;
      if (++count === n) {
        const ms = now() - t0;
        unsubscribe();
        if (sum !== expected) reject(new Error(`bench: events arrived corrupted (sum ${sum}, expected ${expected})`));
        else resolve(ms);
      }
    });
    t0 = now();
    target.contentWindow.postMessage({ __bench: 'burst', n, raw }, GUEST);
  });
  return Promise.all([received, guestDone]).then(([ms, done]) => ({ ms, sendLoopMs: done.ms }));
}

/** The host app's token endpoint answering after `delay` ms; a fresh URL each time (no cache). */
export const tokenEndpoint = (delay) => `/token?delay=${delay}&n=${Math.random().toString(36).slice(2)}`;

/** One POST to the token endpoint, as a raw bridge does it: resolves with the token. */
export const fetchToken = (delay) =>
  fetch(tokenEndpoint(delay), { method: 'POST', credentials: 'same-origin', headers: { accept: 'application/json' } })
    .then((response) => response.json())
    .then((body) => body.token);

export async function sequential(n, call) {
  const t0 = now();
  for (let i = 0; i < n; i++) {
    const result = await call();
    if (result?.limit !== 1000) throw new Error('bench: getParameters answered something else');
  }
  return now() - t0;
}

export { listenerCounts, now, query, sleep };
