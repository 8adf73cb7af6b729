import { expect } from '@esm-bundle/chai';
import { connect, staticToken } from '../../src/host/index.js';
import { otherOrigin } from '../../src/testing/index.js';
import { frame, onCleanup, sleep, waitFor } from '../helpers.js';

/**
 * A hostile embed must not freeze the host page (THREATS 35). Each payload is built inside the
 * embed's own cross-origin frame (test/fixtures/hostile-embed.ts) and posted from there; the host
 * measures the longest gap between its own timer ticks while the messages arrive, once with a
 * plain `message` listener that only reads `event.data.type` (the control: what the browser's
 * deserialisation costs anyway) and once with connect(). The SDK may add work proportional to
 * its limits, never to the size of the message.
 */

/** The longest gap between timer ticks on this page's main thread, from start() to stop(). */
function stallMonitor() {
  let max = 0;
  let last = performance.now();
  let stopping: (() => void) | undefined;
  const tick = () => {
    const now = performance.now();
    max = Math.max(max, now - last);
    last = now;
    if (stopping) return stopping();
    setTimeout(tick, 0);
  };
  setTimeout(tick, 0);
  return {
    /** Resolves with the longest stall once one more tick has run (closing the last gap). */
    stop: () => new Promise<number>((resolve) => (stopping = () => resolve(Math.round(max)))),
  };
}

const gc = () => (window as unknown as { gc?: () => void }).gc?.();

const fixtureUrl = (kind: string, count: number) => {
  const url = new URL(`${otherOrigin()}/test/fixtures/hostile-embed.html`);
  url.searchParams.set('host', location.origin);
  url.searchParams.set('kind', kind);
  url.searchParams.set('count', String(count));
  return url.href;
};

/** The control: a plain listener on the hostile frame, reading each message's `type`. */
async function plainListenerStall(kind: string, count: number): Promise<number> {
  const iframe = frame();
  const url = fixtureUrl(kind, count);
  const origin = new URL(url).origin;
  let ready = false;
  let closed = false;
  const onMessage = (event: MessageEvent) => {
    if (event.source !== iframe.contentWindow || event.origin !== origin) return;
    const data = event.data as { type?: unknown } | null;
    const type = data && typeof data === 'object' ? data.type : undefined;
    if (type === 'READY_FOR_TOKEN') ready = true;
    if (type === 'CLOSE') closed = true;
  };
  window.addEventListener('message', onMessage);
  onCleanup(() => window.removeEventListener('message', onMessage));
  iframe.src = url;
  await waitFor(() => ready, 'the hostile frame to load', 60_000);
  await sleep(100);
  const monitor = stallMonitor();
  iframe.contentWindow!.postMessage({ fixture: 'go' }, origin);
  await waitFor(() => closed, 'the end marker', 120_000);
  const stall = await monitor.stop();
  window.removeEventListener('message', onMessage);
  iframe.remove();
  return stall;
}

/** The same frame connected with connect(): what reached the app, and the longest stall. */
async function sdkStall(kind: string, count: number): Promise<{ stall: number; events: string[]; heights: number[] }> {
  const events: string[] = [];
  const heights: number[] = [];
  const iframe = frame();
  const connection = connect(iframe, {
    url: fixtureUrl(kind, count),
    tokenSource: staticToken('t'),
    handshakeTimeout: 60_000,
    onEvent: (event) => events.push(event.type),
    onResize: (height) => heights.push(height),
    onError: (error) => events.push(`error:${error.code}`),
  });
  onCleanup(() => connection.close());
  await connection.ready;
  await sleep(100);
  const monitor = stallMonitor();
  iframe.contentWindow!.postMessage({ fixture: 'go' }, new URL(fixtureUrl(kind, count)).origin);
  await waitFor(() => events.includes('CLOSE'), 'the end marker', 120_000);
  const stall = await monitor.stop();
  connection.close();
  iframe.remove();
  return { stall, events, heights };
}

/** "Comparable to the control": within `factor` (1.5x), or a fixed slack for a busy 2-core machine. */
const bound = (control: number, slack: number, factor: number) => Math.max(factor * control, control + slack);

/**
 * Measures the control and the SDK on the same payload and logs both for the record. A shared
 * 2-core machine has pauses (GC, other processes) of the same size as these stalls, so a pair
 * over the bound is measured again (up to `attempts` pairs) and the first pair within the bound
 * counts: noise goes away, a real cost (27 s against 36 ms before the fix) fails every pair. The
 * 1 s slack is far below every stall the fix removed (5.7 to 27 s).
 */
export async function measure(kind: string, count = 1, slack = 1000, attempts = 3, factor = 1.5) {
  const pair = async () => {
    gc();
    const control = await plainListenerStall(kind, count);
    gc();
    await sleep(200);
    const sdk = await sdkStall(kind, count);
    gc();
    console.log(
      `[freeze] ${kind} x${count}: longest host stall ${sdk.stall} ms with frameport, ${control} ms with a plain listener`,
    );
    return { control, ...sdk, slack, factor };
  };
  let result = await pair();
  for (let attempt = 1; attempt < attempts && result.stall > bound(result.control, slack, factor); attempt++) {
    result = await pair();
  }
  return result;
}

interface Measured {
  stall: number;
  control: number;
  slack: number;
  factor: number;
}

export const withinControl = ({ stall, control, slack, factor }: Measured) =>
  expect(stall, `stall ${stall} ms vs plain listener ${control} ms`).to.be.at.most(bound(control, slack, factor));
