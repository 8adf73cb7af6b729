// The embed page of the platform, made embeddable with frameport/guest (src/guest, bundled).
// shared.js first: its `moduleStart` mark is taken before the SDK's modules evaluate.
import { BASE_PARAMS, marks, probeReply, query } from './shared.js';
import { createGuest } from '../../src/guest/index.ts';

const HOST = query().get('host');
let params = { ...BASE_PARAMS };

marks.beforeCreateGuest = performance.now();
const guest = createGuest({
  allowedOrigins: [HOST],
  api: { getParameters: () => params },
  onParameters: (next) => (params = { ...params, ...next }),
  // Bench hook: tell the host page when the token is held (a bench message, ignored by the SDK).
  onToken: () => ((marks.token ??= performance.now()), parent.postMessage({ __bench: 'token' }, HOST)),
  // The guest's default is debug: true (console.debug of every message); a production embed turns it off.
  debug: query().get('debug') === '1',
});

addEventListener('message', (event) => {
  if (event.source !== parent || event.origin !== HOST) return;
  const data = event.data;
  if (data?.__bench === 'probe') return parent.postMessage(probeReply(), HOST);
  if (data?.__bench !== 'burst') return;
  // `raw`: the same messages posted without the guest SDK (splits guest-side from host-side cost).
  const t0 = performance.now();
  if (data.raw) {
    for (let i = 0; i < data.n; i++)
      parent.postMessage({ type: 'PARAMETER_CHANGED', name: 'limit', value: i, params: { ...params, limit: i } }, HOST);
  } else {
    for (let i = 0; i < data.n; i++) guest.emit.parameterChanged('limit', i, { ...params, limit: i });
  }
  parent.postMessage({ __bench: 'burst-done', ms: performance.now() - t0 }, HOST);
});
marks.afterCreateGuest = performance.now();
