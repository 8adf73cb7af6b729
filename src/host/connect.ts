import {
  ErrorCode,
  FrameportError,
  createLogger,
  parseGuestMessage,
  redact,
  type GuestMessage,
  type HostMessage,
  type Params,
  type Settings,
} from '../protocol/index.js';
import { explainCspBlock, explainTimeout, type HandshakeClues } from './diagnose.js';
import { createRpcClient, type RpcClient } from './rpc.js';
import { EXPIRY_SKEW } from './tokens.js';
import { resolveEmbedUrl } from './url.js';
import type { Connection, ConnectionState, ConnectOptions, TokenGrant, TraceEntry } from './types.js';

/** Refresh this long before expiry: a fifth of the lifetime, between 1 s and 60 s. */
const refreshLead = (lifetime: number) => Math.min(60_000, Math.max(1_000, lifetime / 5));
/** TOKEN_EXPIRED more often than this within LOOP_WINDOW means a refresh loop (THREATS 24). */
const LOOP_LIMIT = 3;
const LOOP_WINDOW = 10_000;
const MAX_TIMER = 2 ** 31 - 1;

/**
 * Connects the host page to one embed iframe. The handshake's requirements:
 *
 * 1. Listen before the iframe loads, so an early READY_FOR_TOKEN is not missed (THREATS 17).
 * 2. Accept a message only when `event.source` is this iframe's window AND `event.origin`
 *    is exactly the embed URL's origin (THREATS 1-8); validate it (THREATS 30-35).
 * 3. Never post before READY_FOR_TOKEN (THREATS 18), and post only to the exact origin:
 *    if the frame navigated elsewhere the browser drops the message (THREATS 9, 10).
 * 4. Fetch the token lazily, after READY, and answer every READY, reloads included,
 *    with a fresh token (THREATS 12, 19, 21); only the latest READY's answer is sent.
 * 5. Refresh ahead of expiry, on TOKEN_EXPIRED, and when the page wakes up (THREATS 24-26).
 * 6. `close()` leaves nothing behind: listeners, timers, ports (THREATS 28, 37-39).
 */
export function connect(iframe: HTMLIFrameElement, options: ConnectOptions): Connection {
  const url = resolveEmbedUrl(options.url, { allowInsecure: options.allowInsecure });
  if (iframe.hasAttribute('sandbox') && !iframe.sandbox.contains('allow-same-origin')) {
    // An opaque-origin frame can only be reached with "*", which we never use (THREATS 42).
    throw new FrameportError(
      ErrorCode.INVALID_SANDBOX,
      'The iframe sandbox lacks allow-same-origin, so the embed would have an opaque origin that cannot be addressed safely.',
      {
        cause: 'sandbox-opaque-origin',
        hint: 'Add allow-same-origin (and allow-scripts) to the sandbox attribute.',
      },
    );
  }
  const origin = url.origin;
  const log = createLogger('frameport', options.debug ?? false);
  const handshakeTimeout = options.handshakeTimeout ?? 10_000;
  const rpcTimeout = options.rpcTimeout ?? 30_000;
  const tokens = options.tokenSource;

  let state: ConnectionState = 'loading';
  let features: readonly string[] = [];
  let params = options.params && cloneForEmbed(options.params);
  let settings = options.settings && cloneForEmbed(options.settings);
  let generation = 0;
  let grant: TokenGrant | undefined;
  let rpc: RpcClient | undefined;
  let handshakeTimer: ReturnType<typeof setTimeout> | undefined;
  let refreshTimer: ReturnType<typeof setTimeout> | undefined;
  let expiredAt: number[] = [];
  let closed = false;
  let resolveReady!: () => void;
  let rejectReady!: (error: FrameportError) => void;
  const ready = new Promise<void>((resolve, reject) => ((resolveReady = resolve), (rejectReady = reject)));
  ready.catch(() => {}); // unobserved rejections must not reach the page's console

  const setState = (next: ConnectionState) => {
    if (state === next || closed) return;
    state = next;
    options.onStateChange?.(next);
  };

  const fail = (error: FrameportError) => {
    if (closed) return;
    log('error', error.toJSON());
    setState('error');
    options.onError?.(error);
  };

  const trace = (direction: TraceEntry['direction'], type: string, detail: unknown) =>
    options.onTrace?.({ direction, type, time: Date.now(), detail: redact(detail) });

  /** Posts to the exact origin; a value that cannot be cloned becomes a typed error. */
  const post = (message: HostMessage, transfer: Transferable[] = []) => {
    const target = iframe.contentWindow;
    if (!target || closed) return;
    try {
      target.postMessage(message, origin, transfer);
      log('→', message);
      trace('out', message.type, message);
    } catch (error) {
      throw new FrameportError(ErrorCode.DATA_CLONE, `${message.type} could not be sent: ${(error as Error).message}`, {
        cause: 'data-clone',
        hint: 'Pass plain data: no functions, DOM nodes or class instances.',
      });
    }
  };

  const closeRpc = (reason: string) => {
    rpc?.close(new FrameportError(ErrorCode.DISCONNECTED, reason, { cause: 'disconnected' }));
    rpc = undefined;
  };

  // What we saw of the frame, to explain a failed handshake (see diagnose.ts).
  const seen: HandshakeClues = { origin, host: location.origin };

  const armHandshakeTimer = () => {
    clearTimeout(handshakeTimer);
    handshakeTimer = setTimeout(() => fail(explainTimeout(seen, handshakeTimeout)), handshakeTimeout);
  };

  /** The host page's CSP refused the frame: say so at once instead of waiting (THREATS 41). */
  const onViolation = (event: SecurityPolicyViolationEvent) => {
    if (state !== 'loading' || !/^(frame|child|default)-src/.test(event.effectiveDirective)) return;
    if (event.blockedURI && !event.blockedURI.startsWith(origin)) return;
    clearTimeout(handshakeTimer);
    fail(explainCspBlock(seen, event.effectiveDirective));
  };

  const scheduleRefresh = () => {
    clearTimeout(refreshTimer);
    if (grant?.expiresAt === undefined) return;
    const lifetime = grant.expiresAt - Date.now();
    const delay = Math.min(MAX_TIMER, Math.max(1_000, lifetime - refreshLead(lifetime)));
    refreshTimer = setTimeout(() => void refresh(false), delay);
  };

  /** Obtains a token: first from the app's `onTokenExpiring` hook, then from the source. */
  const obtainToken = async (force: boolean): Promise<TokenGrant | null> => {
    if (force && grant) tokens.invalidate?.(grant.token);
    const lead = grant?.expiresAt !== undefined ? refreshLead(grant.expiresAt - Date.now()) : EXPIRY_SKEW;
    return tokens.get({ minValidity: Math.max(EXPIRY_SKEW, lead), force: force && !tokens.invalidate });
  };

  const sessionEnded = () => {
    clearTimeout(refreshTimer);
    grant = undefined;
    fail(
      new FrameportError(ErrorCode.TOKEN_UNAVAILABLE, 'The session has ended: the token provider answered null.', {
        cause: 'session-ended',
      }),
    );
  };

  /** Sends the token, a port when RPC was offered, then parameters and settings. */
  const deliver = (next: TokenGrant, withPort: boolean) => {
    grant = next;
    let transfer: Transferable[] = [];
    if (withPort) {
      closeRpc('The embed reloaded.');
      const channel = new MessageChannel();
      rpc = createRpcClient(channel.port1, rpcTimeout);
      transfer = [channel.port2];
    }
    post({ type: 'SET_TOKEN', token: next.token }, transfer);
    scheduleRefresh();
  };

  const handshake = async (offered: readonly string[], protocol: number | undefined) => {
    const current = ++generation;
    clearTimeout(handshakeTimer);
    closeRpc('The embed reloaded.');
    features = offered;
    setState('authenticating');
    let next: TokenGrant | null;
    try {
      next = await obtainToken(false);
    } catch (error) {
      if (current === generation) fail(error as FrameportError);
      return;
    }
    if (closed || current !== generation) return; // a newer READY or close() won (THREATS 20, 28)
    if (next === null) return sessionEnded();
    try {
      deliver(next, features.includes('rpc'));
      if (params) post({ type: 'SET_PARAMETERS', params });
      if (settings) post({ type: 'SET_SETTINGS', ...settings });
    } catch (error) {
      return fail(error as FrameportError);
    }
    setState('ready');
    resolveReady();
    options.onReady?.({ features, protocol });
  };

  const refresh = async (force: boolean): Promise<void> => {
    if (closed || !grant) return;
    const current = generation;
    let next: TokenGrant | null;
    try {
      const supplied = await options.onTokenExpiring?.();
      next = supplied ? (typeof supplied === 'string' ? { token: supplied } : supplied) : await obtainToken(force);
    } catch (error) {
      // While the embed's token is still good, failures stay quiet (token-refresh-failed events
      // tell the app); either way the loop keeps trying through an outage (THREATS 23).
      const remaining = (grant?.expiresAt ?? 0) - Date.now();
      if (force || remaining <= 0) fail(error as FrameportError);
      clearTimeout(refreshTimer);
      refreshTimer = setTimeout(() => void refresh(false), Math.max(1_000, Math.min(30_000, remaining / 2)));
      return;
    }
    if (closed || current !== generation) return;
    if (next === null) return sessionEnded();
    deliver(next, false);
    if (state === 'error') setState('ready');
  };

  const onTokenExpired = () => {
    const now = Date.now();
    expiredAt = [...expiredAt.filter((t) => now - t < LOOP_WINDOW), now];
    if (expiredAt.length > LOOP_LIMIT) {
      clearTimeout(refreshTimer);
      return fail(
        new FrameportError(ErrorCode.TOKEN_UNAVAILABLE, 'The embed keeps rejecting fresh tokens.', {
          cause: 'refresh-loop',
          hint: 'The tokens may be for another platform, integration or scope than this embed.',
        }),
      );
    }
    void refresh(true);
  };

  const dispatch = (message: GuestMessage) => {
    switch (message.type) {
      case 'READY_FOR_TOKEN':
        return void handshake(message.features ?? [], message.protocol);
      case 'RESIZE':
        return options.onResize?.(message.height);
      case 'TOKEN_EXPIRED':
        return onTokenExpired();
      case 'ERROR':
        return fail(
          new FrameportError(ErrorCode.EMBED_ERROR, `${message.code}: ${message.message}`, { cause: message.code }),
        );
      default:
        // The schemas built a fresh object and the SDK keeps none of it: the app owns it
        // (a second deep copy cost half of the SDK's time per event in the bench).
        return options.onEvent?.(message);
    }
  };

  const onMessage = (event: MessageEvent) => {
    if (closed) return;
    if (!iframe.isConnected) return close(); // the app removed the iframe behind our back (THREATS 38)
    const source = iframe.contentWindow;
    if (source === null || event.source !== source) return; // not our frame: say nothing, log nothing
    if (event.origin !== origin) {
      seen.wrongOrigin ??= event.origin;
      return log(`ignored a message from ${event.origin} (expected ${origin})`);
    }
    const parsed = parseGuestMessage(event.data);
    if (!parsed.ok) {
      if (parsed.reason !== 'not-a-message') {
        seen.invalidType ??= parsed.type ?? '(none)';
        trace('dropped', parsed.type ?? '?', { reason: parsed.reason });
      }
      return log(`dropped an invalid message (${parsed.reason})`, { type: parsed.type });
    }
    log('←', parsed.message);
    trace('in', parsed.message.type, parsed.message);
    dispatch(parsed.message);
  };

  /** After sleep, bfcache or going back online, the clock may have jumped (THREATS 25, 26). */
  const onWake = () => {
    if (!grant?.expiresAt) return; // hidden or not: timers were throttled while asleep either way
    const lifetime = grant.expiresAt - Date.now();
    if (lifetime <= refreshLead(lifetime)) void refresh(false);
    else scheduleRefresh();
  };

  const removalWatch = new MutationObserver(() => {
    if (!iframe.isConnected) close();
  });

  function close(): void {
    if (closed) return;
    closed = true;
    window.removeEventListener('message', onMessage);
    document.removeEventListener('visibilitychange', onWake);
    window.removeEventListener('online', onWake);
    window.removeEventListener('pageshow', onWake);
    document.removeEventListener('securitypolicyviolation', onViolation);
    removalWatch.disconnect();
    clearTimeout(handshakeTimer);
    clearTimeout(refreshTimer);
    closeRpc('The connection was closed.');
    rejectReady(
      new FrameportError(ErrorCode.DISCONNECTED, 'The connection was closed before the handshake completed.', {
        cause: 'disconnected',
      }),
    );
    state = 'closed';
    options.onStateChange?.('closed');
  }

  window.addEventListener('message', onMessage);
  document.addEventListener('visibilitychange', onWake);
  window.addEventListener('online', onWake);
  window.addEventListener('pageshow', onWake);
  document.addEventListener('securitypolicyviolation', onViolation);
  if (iframe.ownerDocument.body) removalWatch.observe(iframe.ownerDocument, { childList: true, subtree: true });
  if (!options.keepSrc) iframe.src = url.href; // after listening (requirement 1)
  armHandshakeTimer();
  options.onStateChange?.('loading');

  const requireRpc = async (method: string): Promise<RpcClient> => {
    if (state !== 'ready') await ready;
    if (closed)
      throw new FrameportError(ErrorCode.DISCONNECTED, 'The connection was closed.', { cause: 'disconnected' });
    const listed = features.filter((f) => f.startsWith('rpc:'));
    if (!rpc || (listed.length > 0 && !listed.includes(`rpc:${method}`))) {
      throw new FrameportError(ErrorCode.RPC_UNAVAILABLE, `The embed does not offer ${method}().`, {
        cause: 'rpc-unavailable',
        hint: `Offered features: ${features.join(', ') || 'none'}.`,
      });
    }
    return rpc;
  };

  return {
    get state() {
      return state;
    },
    get features() {
      return features;
    },
    ready,
    async call<T>(method: string, ...args: unknown[]): Promise<T> {
      return (await requireRpc(method)).call<T>(method, args);
    },
    setParameters(next: Params) {
      params = cloneForEmbed(next);
      if (state === 'ready') post({ type: 'SET_PARAMETERS', params });
    },
    setSettings(next: Settings) {
      settings = cloneForEmbed({
        language: next.language,
        i18nOverrides: next.i18nOverrides,
        ...(next.theme ? { theme: next.theme } : {}),
        ...(next.modal !== undefined ? { modal: next.modal } : {}),
      });
      if (state === 'ready') post({ type: 'SET_SETTINGS', ...settings });
    },
    refreshToken: () => refresh(true),
    close,
  };
}

/**
 * Copies `value` so later changes by the app do not leak in (and vice versa). Plain objects and
 * arrays are copied key by key first, which reads through the reactive Proxies of Vue, Svelte
 * and MobX (structured clone refuses a Proxy); anything that still cannot be cloned is a typed error.
 */
export function cloneForEmbed<T>(value: T): T {
  const plain = (item: unknown, depth: number): unknown => {
    if (item === null || typeof item !== 'object' || depth > 64) return item;
    if (Array.isArray(item)) return item.map((element) => plain(element, depth + 1));
    const prototype = Object.getPrototypeOf(item) as unknown;
    if (prototype !== Object.prototype && prototype !== null) return item; // Date, Map, typed arrays...
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(item)) copy[key] = plain((item as Record<string, unknown>)[key], depth + 1);
    return copy;
  };
  try {
    return structuredClone(plain(value, 0)) as T;
  } catch (error) {
    throw new FrameportError(
      ErrorCode.DATA_CLONE,
      `The value cannot be sent to the embed: ${(error as Error).message}`,
      {
        cause: 'data-clone',
        hint: 'Pass plain data: no functions, DOM nodes or class instances.',
      },
    );
  }
}
