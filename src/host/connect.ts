import {
  cloneFailure,
  ErrorCode,
  FrameportError,
  parseGuestMessage,
  redact,
  toFrameportError,
  type GuestMessage,
  type HostMessage,
  type Params,
  type Settings,
} from '../protocol/index.js';
import { createLogger } from '../log.js';
import { diagnose, type HandshakeClues } from './diagnose.js';
import { watchSilentFrame } from './refused.js';
import { createHandshake, watchDocuments } from './handshake.js';
import { createRefresher } from './refresh.js';
import { register } from './router.js';
import { createRpcLink } from './rpc-link.js';
import { providerEnded } from './tokens.js';
import { resolveEmbedUrl } from './url.js';
import type { Connection, ConnectionState, ConnectOptions, TraceEntry } from './types.js';

/**
 * Connects the host page to one embed iframe, composing one module per concern: the window
 * channel (router.ts), the handshake (handshake.ts), token refresh (refresh.ts), RPC
 * (rpc-link.ts) and diagnosis (diagnose.ts). The handshake's requirements:
 *
 * 1. Listen before the iframe loads, so an early READY_FOR_TOKEN is not missed (THREATS 17).
 * 2. Accept a message only when `event.source` is this iframe's window AND `event.origin`
 *    is exactly the embed URL's origin (THREATS 1-8); validate it (THREATS 30-35).
 * 3. Never post before READY_FOR_TOKEN (THREATS 18), and post only to the exact origin:
 *    if the frame navigated elsewhere the browser drops the message (THREATS 9, 10).
 * 4. Obtain the token while the frame loads, send it only in answer to READY, and answer every
 *    READY, reloads included; only the latest READY's answer is sent (THREATS 12, 19, 21).
 * 5. A frame that shows another document after the handshake is handshaken again, or fails
 *    with an error when the new page is not the embed: never `ready` on a foreign page.
 * 6. Refresh ahead of expiry, on TOKEN_EXPIRED, and when the page wakes up (THREATS 24-26).
 * 7. `close()` leaves nothing behind: listeners, timers, ports (THREATS 28, 37-39).
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

  let state: ConnectionState = 'loading';
  let features: readonly string[] = [];
  let params = options.params && cloneForEmbed(options.params);
  let settings = options.settings && cloneForEmbed(options.settings);
  let handshakeTimer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;
  let handshaken = false;
  let resolveReady!: () => void;
  let rejectReady!: (error: FrameportError) => void;
  const ready = new Promise<void>((resolve, reject) => ((resolveReady = resolve), (rejectReady = reject)));
  ready.catch(() => {}); // unobserved rejections must not reach the page's console

  const setState = (next: ConnectionState) => {
    if (state === next || closed) return;
    state = next;
    options.onStateChange?.(next);
  };

  const fail = (thrown: unknown) => {
    if (closed) return;
    const error = toFrameportError(thrown);
    log('error', error.toJSON());
    setState('error');
    options.onError?.(error);
  };

  /** Fails with a diagnosis once its words have loaded, unless the connection has moved on meanwhile. */
  const failWith = (diagnosis: Promise<FrameportError>) => {
    const at = state;
    void diagnosis.then((error) => state === at && fail(error));
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
      throw cloneFailure(`${message.type} could not be sent`, error);
    }
  };

  const rpc = createRpcLink(options.rpcTimeout ?? 30_000);

  // What we saw of the frame, to explain a failed handshake (see diagnose.ts).
  const seen: HandshakeClues = { origin, host: location.origin };

  const armHandshakeTimer = () => {
    clearTimeout(handshakeTimer);
    handshakeTimer = setTimeout(() => failWith(diagnose(seen, 'timeout', handshakeTimeout)), handshakeTimeout);
  };

  const refresher = createRefresher({
    tokens: options.tokenSource,
    onTokenExpiring: options.onTokenExpiring,
    send: (grant) => {
      if (closed) return;
      post({ type: 'SET_TOKEN', token: grant.token });
      refresher.hold(grant);
      if (state === 'error') setState('ready');
    },
    fail,
    ended: () => sessionEnded(),
  });

  const sessionEnded = () => {
    refresher.stop();
    fail(providerEnded());
  };

  const handshake = createHandshake({
    refresher,
    fail,
    ended: sessionEnded,
    deliver: (grant) => {
      if (closed) return;
      try {
        // Sends the token, a port when RPC was offered, then parameters and settings.
        const transfer = features.includes('rpc') ? [rpc.open()] : [];
        post({ type: 'SET_TOKEN', token: grant.token }, transfer);
        refresher.hold(grant);
        if (params) post({ type: 'SET_PARAMETERS', params });
        if (settings) post({ type: 'SET_SETTINGS', ...settings });
      } catch (error) {
        return fail(error);
      }
      setState('ready');
      handshaken = true;
      resolveReady();
      options.onReady?.({ features, protocol });
    },
  });
  let protocol: number | undefined;

  /** The frame shows a document that has not said READY yet: nothing goes to it until it does. */
  const documents = watchDocuments(iframe, () => {
    if (state !== 'authenticating' && state !== 'ready') return;
    handshake.abandon();
    refresher.cancel();
    rpc.close('The embed frame loaded another page.');
    seen.navigated = true;
    setState('loading');
    armHandshakeTimer();
  });

  // A refused frame never speaks: say so soon after it loads, not at the handshake timeout.
  const silentGrace = Math.min(handshakeTimeout, Math.max(3_000, Math.round(handshakeTimeout / 3)));
  const silence = watchSilentFrame(iframe, silentGrace, () => {
    if (state !== 'loading' || seen.navigated) return;
    clearTimeout(handshakeTimer);
    failWith(diagnose(seen, 'silent', silentGrace));
  });

  const onReadyForToken = (offered: readonly string[], version: number | undefined) => {
    documents.announced(false);
    clearTimeout(handshakeTimer);
    rpc.close('The embed reloaded.');
    features = offered;
    protocol = version;
    setState('authenticating');
    void handshake.start();
  };

  const dispatch = (message: GuestMessage) => {
    switch (message.type) {
      case 'READY_FOR_TOKEN':
        return onReadyForToken(message.features ?? [], message.protocol);
      case 'RESIZE':
        return options.onResize?.(message.height);
      case 'TOKEN_EXPIRED':
        return refresher.expired();
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

  /** A message whose source is our frame (the router checked); now the origin and the shape. */
  const onMessage = (event: MessageEvent) => {
    if (closed) return;
    silence.spoke(); // any message, even one we drop: the frame shows a live document
    if (event.origin !== origin) {
      documents.announced(true);
      if (state === 'authenticating' || state === 'ready' || (state === 'loading' && seen.navigated)) {
        // Our frame speaks from another origin: it navigated away from the embed (requirement 5).
        handshake.abandon();
        refresher.cancel();
        rpc.close('The embed frame navigated to another origin.');
        return failWith(diagnose(seen, 'navigation', event.origin));
      }
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

  const unregister = register({
    iframe,
    origin,
    message: onMessage,
    wake: () => refresher.wake(),
    removed: () => close(), // the app removed the iframe behind our back (THREATS 38)
    /** The host page's CSP refused the frame: say so at once instead of waiting (THREATS 41). */
    violation: (event) => {
      if (state !== 'loading' || !/^(frame|child|default)-src/.test(event.effectiveDirective)) return;
      if (event.blockedURI && !event.blockedURI.startsWith(origin)) return;
      clearTimeout(handshakeTimer);
      failWith(diagnose(seen, 'csp', event.effectiveDirective));
    },
  });

  function close(): void {
    if (closed) return;
    closed = true;
    unregister();
    documents.stop();
    silence.stop();
    handshake.abandon();
    refresher.stop();
    clearTimeout(handshakeTimer);
    rpc.close('The connection was closed.');
    // Only a pending `ready` needs its error (building one captures a stack: ~1 ms per removal).
    if (!handshaken) {
      rejectReady(
        new FrameportError(ErrorCode.DISCONNECTED, 'The connection was closed before the handshake completed.', {
          cause: 'disconnected',
        }),
      );
    }
    state = 'closed';
    options.onStateChange?.('closed');
  }

  if (!options.keepSrc) iframe.src = url.href; // after listening (requirement 1)
  armHandshakeTimer();
  options.onStateChange?.('loading');

  return {
    get state() {
      return state;
    },
    get features() {
      return features;
    },
    ready,
    async call<T>(method: string, ...args: unknown[]): Promise<T> {
      if (state !== 'ready') await ready;
      if (closed)
        throw new FrameportError(ErrorCode.DISCONNECTED, 'The connection was closed.', { cause: 'disconnected' });
      return rpc.client(method, features).call<T>(method, args);
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
    refreshToken: () => (closed ? Promise.resolve() : refresher.refresh(true)),
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
    throw cloneFailure('The value cannot be sent to the embed', error);
  }
}
