import { createGuest } from '../guest/index.js';
import { MOCK_KEY, type MockCommand, type MockReport } from './protocol.js';

/**
 * Runs inside the mock embed page. Configured by its query string:
 * `host` (the test page's origin, where reports go), `allowed` (allowed host
 * origins, default `host`), `features` (comma list), `rpc` (1 = expose the
 * notebook API), `silent` (1 = never send READY_FOR_TOKEN), `params` (JSON initial params).
 * It answers the handshake like a real embed, records what it receives and reports it to
 * the test page, and obeys commands (emit any message, reload, navigate).
 */
export function runMockEmbed(): void {
  const query = new URL(location.href).searchParams;
  const host = query.get('host') ?? '';
  let params: Record<string, unknown> = JSON.parse(query.get('params') ?? '{}') as Record<string, unknown>;

  const mockId = query.get('mockId');
  const report = (value: MockReport) => window.parent.postMessage({ [MOCK_KEY]: { ...value, mockId } }, host);
  const heard = (message: { type: string; [key: string]: unknown }, hasPort = false) =>
    report({ kind: 'received', message, hasPort });

  const api = {
    getParameters: () => (report({ kind: 'rpc', method: 'getParameters', args: [] }), params),
    setParameters: (next: Record<string, unknown>) => {
      report({ kind: 'rpc', method: 'setParameters', args: [next] });
      params = { ...params, ...next };
      return params;
    },
    runAll: () => (report({ kind: 'rpc', method: 'runAll', args: [] }), { rows: Object.keys(params).length }),
    rerun: () => (report({ kind: 'rpc', method: 'rerun', args: [] }), { id: `rerun-${Date.now()}`, status: 'RUNNING' }),
    fail: () => {
      throw new Error('mock failure');
    },
    hang: () => new Promise(() => {}),
  };

  // Listen to the raw channel first, so the test sees exactly what arrived (ports included).
  window.addEventListener('message', (event) => {
    if (event.source !== window.parent || event.origin !== host) return;
    const data = event.data as Record<string, unknown> | null;
    if (data && typeof data === 'object' && MOCK_KEY in data) return obey(data[MOCK_KEY] as MockCommand);
    if (data && typeof data.type === 'string') heard(data as { type: string }, event.ports.length > 0);
  });

  const silent = query.get('silent') === '1';
  const guest = silent
    ? undefined
    : createGuest({
        allowedOrigins: (query.get('allowed') ?? host).split(','),
        onToken: (token) => report({ kind: 'token', token }),
        features: (query.get('features') ?? '').split(',').filter(Boolean),
        ...(query.get('rpc') === '1' ? { api } : {}),
        onParameters: (next) => (params = { ...next }),
        allowUnverifiedUrlToken: query.get('unverifiedUrlToken') === '1',
        debug: false,
      });

  function obey(command: MockCommand): void {
    const done = (value?: unknown) => report({ kind: 'reply', id: command.id, value });
    switch (command.kind) {
      case 'post':
        window.parent.postMessage(command.message, host);
        return done();
      case 'flood':
        for (let i = 0; i < command.count; i++) window.parent.postMessage(command.message, host);
        return done();
      case 'ready':
        guest?.requestToken();
        return done();
      case 'navigate':
        done();
        location.href = command.url;
        return;
      case 'reload':
        done();
        location.reload();
        return;
      case 'set-params':
        params = command.params;
        return done();
      case 'spawn-child': {
        const child = document.createElement('iframe');
        child.src = command.url;
        child.onload = () => done();
        document.body.append(child);
        return;
      }
    }
  }

  report({ kind: 'loaded', href: location.href });
}
