/**
 * Type tests, checked by `tsc --noEmit` (not run): the public event and property types.
 * Each `@ts-expect-error` line must fail to compile, or tsc reports the directive unused.
 */
import type { ExecutionDetails, NotebookEmbed, EmbedProvider, ErrorDetail, CloseReason } from '../../src/index.js';

declare const notebook: NotebookEmbed;
declare const execution: ExecutionDetails;

export function eventTypes(): void {
  notebook.addEventListener('parameter-change', (event) => {
    const name: string = event.detail.name;
    const params: Record<string, unknown> = event.detail.params;
    // @ts-expect-error detail has no `token`, or anything else not declared
    void event.detail.token;
    (void name, params);
  });
  notebook.addEventListener('run-all', (event) => void (event.detail.params satisfies Record<string, unknown>));
  notebook.addEventListener('close', (event) => {
    const reason: CloseReason = event.detail.reason;
    // @ts-expect-error not a close reason
    const wrong: CloseReason = 'api';
    (void reason, wrong);
  });
  notebook.addEventListener('error', (event) => {
    const detail: ErrorDetail = event.detail;
    const code: 'HANDSHAKE_TIMEOUT' | 'TOKEN_UNAVAILABLE' | 'INVALID_URL' | 'EMBED_ERROR' | string = detail.code;
    void code;
  });
  notebook.addEventListener('ready', (event) => void (event.detail.features satisfies readonly string[]));
  notebook.addEventListener('token-expiring', (event) =>
    event.detail.respondWith(Promise.resolve({ token: 't', expiresAt: 1 })),
  );
  notebook.addEventListener('token-refresh-failed', (event) => void (event.detail.attempt satisfies number));
  execution.addEventListener('execution-run', (event) => void (event.detail.data.id satisfies string));
  // Native events keep their types.
  notebook.addEventListener('click', (event) => void (event.clientX satisfies number));

  // @ts-expect-error parameter-change belongs to <notebook-embed>, not <execution-details>
  execution.addEventListener('parameter-change', (event: CustomEvent<{ name: string }>) => event.detail.name);
}

export function elementTypes(): void {
  const a: NotebookEmbed = document.createElement('notebook-embed');
  const b: ExecutionDetails = document.createElement('execution-details');
  const c: EmbedProvider = document.createElement('embed-provider');
  a.params = { region: 'eu' };
  a.tokenProvider = async () => ({ token: 't', expiresAt: Date.now() + 1000 });
  a.tokenProvider = () => 'sync-token';
  b.settings = { language: 'de', modal: true, i18nOverrides: { x: 'y' } };
  c.tokenProvider = async () => null;
  const state: 'idle' | 'loading' | 'authenticating' | 'ready' | 'error' = a.state;
  void state;
  void (a.getParameters() satisfies Promise<Record<string, unknown>>);
  void (b.rerun() satisfies Promise<{ id: string }>);
  // @ts-expect-error state is read-only
  a.state = 'ready';
  // @ts-expect-error settings has no such field
  b.settings = { theme: 'dark' };
  const delivery: 'message' | 'url' = a.tokenDelivery;
  // @ts-expect-error tokenDelivery reads as 'message' | 'url', not only 'url'
  const onlyUrl: 'url' = a.tokenDelivery;
  (void delivery, onlyUrl);
}
