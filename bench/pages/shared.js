// Shared by every bench page (bundled into each by esbuild).

/** Milliseconds on a clock every page of this machine shares (used only for sanity checks). */
export const now = () => performance.now();

/** The parameter set a notebook reports: 8 values of mixed types, like a real one. */
export const BASE_PARAMS = Object.freeze({
  region: 'eu-west-1',
  start: '2024-01-01',
  end: '2024-12-31',
  limit: 1000,
  threshold: 0.75,
  enabled: true,
  tags: ['a', 'b', 'c'],
  owner: 'bench@example.com',
});

export const query = () => new URLSearchParams(location.search);

/** Resolves with the data of the next window message from `source` that satisfies `test`. */
export function nextMessage(test, timeout = 20_000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      removeEventListener('message', on);
      reject(new Error('bench: timed out waiting for a message'));
    }, timeout);
    function on(event) {
      if (!test(event)) return;
      clearTimeout(timer);
      removeEventListener('message', on);
      resolve(event.data);
    }
    addEventListener('message', on);
  });
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Records window/document listeners (the leak figure): installed by the instrumented pages
 * before any other script runs.
 */
export function listenerCounts() {
  const live = globalThis.__benchListeners;
  if (!live) return null;
  const counts = {};
  for (const key of live.keys()) {
    const [target, type] = key.split('|');
    counts[`${target}:${type}`] = (counts[`${target}:${type}`] ?? 0) + 1;
  }
  return counts;
}

/** Guest-side timing marks (ms since the guest's timeOrigin), sent to the host on request. */
export const marks = { moduleStart: performance.now() };

export function probeReply() {
  const nav = performance.getEntriesByType('navigation')[0];
  return {
    __bench: 'probe',
    timeOrigin: performance.timeOrigin,
    htmlStart: nav?.fetchStart,
    htmlEnd: nav?.responseEnd,
    classicScript: globalThis.__benchStart,
    ...marks,
  };
}
