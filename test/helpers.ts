/** Shared helpers for browser tests. */
import { createMockEmbed, type MockEmbed, type MockEmbedOptions } from '../src/testing/index.js';

declare global {
  interface Window {
    __FP__: { attackerOrigin: string; port: string };
  }
}

/** The third origin, for hostile frames. */
export const attackerOrigin = (): string => window.__FP__.attackerOrigin;

const cleanups: Array<() => void> = [];
/** Runs after each test (registered by `afterEach` below). */
export const onCleanup = (fn: () => void): void => void cleanups.push(fn);
afterEach(() => {
  for (const fn of cleanups.splice(0).reverse()) fn();
});

/** A mock embed that is disposed after the test. */
export function mockEmbed(options?: MockEmbedOptions): MockEmbed {
  const embed = createMockEmbed(options);
  onCleanup(() => embed.dispose());
  return embed;
}

/** A fresh iframe in the page, removed after the test. */
export function frame(): HTMLIFrameElement {
  const iframe = document.createElement('iframe');
  document.body.append(iframe);
  onCleanup(() => iframe.remove());
  return iframe;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `predicate` until it holds; rejects after `timeout` ms naming `what`. */
export async function waitFor(predicate: () => boolean, what = 'condition', timeout = 20_000): Promise<void> {
  const start = performance.now();
  while (!predicate()) {
    if (performance.now() - start > timeout) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** A JWT-shaped token (unsigned: the host never verifies) whose `exp` is `expiresAt`. */
export function fakeJwt(expiresAt: number, sub = 'test', issuedAt?: number): string {
  const encode = (value: object) =>
    btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({ sub, exp: Math.floor(expiresAt / 1000), ...(issuedAt ? { iat: Math.floor(issuedAt / 1000) } : {}) })}.signature`;
}

/**
 * Counts `message` listeners on window added and removed from now on (THREATS 37).
 * Returns a function giving the number still attached.
 */
export function countMessageListeners(): () => number {
  const live = new Set<unknown>();
  const add = window.addEventListener;
  const remove = window.removeEventListener;
  window.addEventListener = function (this: Window, type: string, listener: unknown, options?: unknown) {
    if (type === 'message') live.add(listener);
    return add.call(this, type, listener as EventListener, options as AddEventListenerOptions);
  } as typeof window.addEventListener;
  window.removeEventListener = function (this: Window, type: string, listener: unknown, options?: unknown) {
    if (type === 'message') live.delete(listener);
    return remove.call(this, type, listener as EventListener, options as EventListenerOptions);
  } as typeof window.removeEventListener;
  onCleanup(() => {
    window.addEventListener = add;
    window.removeEventListener = remove;
  });
  return () => live.size;
}

/** Records uncaught errors and unhandled rejections during a test. */
export function watchErrors(): unknown[] {
  const errors: unknown[] = [];
  const onError = (event: ErrorEvent) => errors.push(event.error ?? event.message);
  const onRejection = (event: PromiseRejectionEvent) => errors.push(event.reason);
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  onCleanup(() => {
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onRejection);
  });
  return errors;
}

/** What attacker pages (test/fixtures/attacker/evil.js) reported: what they sent and received. */
export function attackerReports(): Array<{ kind: 'sent' | 'received'; data?: unknown; count?: number }> {
  const reports: Array<{ kind: 'sent' | 'received'; data?: unknown; count?: number }> = [];
  const onMessage = (event: MessageEvent) => {
    const data = event.data as { __attacker?: (typeof reports)[number] } | null;
    if (event.origin === attackerOrigin() && data && typeof data === 'object' && data.__attacker)
      reports.push(data.__attacker);
  };
  window.addEventListener('message', onMessage);
  onCleanup(() => window.removeEventListener('message', onMessage));
  return reports;
}

/** URL of the attacker page posting `messages` to `target`. */
export function attackerUrl(
  messages: unknown[],
  target: 'parent' | 'top' | 'opener' | 'sibling' = 'parent',
  back?: string,
): string {
  const url = new URL('/evil.html', attackerOrigin());
  url.searchParams.set('messages', JSON.stringify(messages));
  url.searchParams.set('target', target);
  url.searchParams.set('report', location.origin);
  if (back) url.searchParams.set('back', back);
  return url.href;
}

/** Every guest message kind, valid, as an attacker would send them. */
export const SPOOFED_MESSAGES = [
  { type: 'READY_FOR_TOKEN', features: ['rpc'] },
  { type: 'PARAMETER_CHANGED', name: 'x', value: 1, params: { x: 1 } },
  { type: 'RUN_ALL', params: {} },
  { type: 'EXECUTION_RUN', data: { id: 'evil' } },
  { type: 'CLOSE' },
  { type: 'RESIZE', height: 5000 },
  { type: 'TOKEN_EXPIRED' },
  { type: 'ERROR', code: 'EVIL', message: 'evil' },
];
