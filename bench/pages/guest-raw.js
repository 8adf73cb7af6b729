// A hand-written embed page: raw postMessage handshake, raw MessagePort request/response.
import { BASE_PARAMS, marks, probeReply, query } from './shared.js';

const HOST = query().get('host');
let params = { ...BASE_PARAMS };
let token;
let port;

addEventListener('message', (event) => {
  if (event.source !== parent || event.origin !== HOST) return;
  const data = event.data;
  if (data === null || typeof data !== 'object') return;
  if (data.type === 'SET_TOKEN' && typeof data.token === 'string') {
    token = data.token;
    if (event.ports[0]) {
      port?.close();
      port = event.ports[0];
      port.onmessage = ({ data: request }) => {
        if (request?.method === 'getParameters') port.postMessage({ id: request.id, result: params });
      };
    }
    marks.token ??= performance.now();
    parent.postMessage({ __bench: 'token' }, HOST);
  } else if (data.__bench === 'probe') {
    parent.postMessage(probeReply(), HOST);
  } else if (data.type === 'SET_PARAMETERS') {
    params = { ...params, ...data.params };
  } else if (data.__bench === 'burst') {
    const t0 = performance.now();
    for (let i = 0; i < data.n; i++)
      parent.postMessage({ type: 'PARAMETER_CHANGED', name: 'limit', value: i, params: { ...params, limit: i } }, HOST);
    parent.postMessage({ __bench: 'burst-done', ms: performance.now() - t0 }, HOST);
  }
});

marks.beforeCreateGuest = performance.now();
parent.postMessage({ type: 'READY_FOR_TOKEN', features: ['rpc'], protocol: 1 }, HOST);
marks.afterCreateGuest = performance.now();
void token;
