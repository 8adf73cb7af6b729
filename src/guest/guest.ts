import {
  ErrorCode,
  FrameportError,
  PROTOCOL_VERSION,
  parseGuestMessage,
  parseHostMessage,
  type GuestCloseReason,
  type GuestMessage,
  type Params,
  type Settings,
} from '../protocol/index.js';
import { createLogger } from '../log.js';
import { exposeApi, type GuestApi } from './expose.js';

export type { GuestApi };

export interface GuestOptions {
  /** Exact origins of the host pages allowed to embed this page and send it tokens. */
  allowedOrigins: readonly string[];
  /** Extra capabilities to announce; `rpc` and `rpc:<method>` are added when `api` is given. */
  features?: readonly string[];
  /** Methods the host may call over RPC. */
  api?: GuestApi;
  /**
   * Every token: the first, refreshes, and a `?token=` found in the page URL. A URL token is
   * taken only when the browser proves the parent page is on an allowed origin
   * (`location.ancestorOrigins`, Chromium and WebKit); see `allowUnverifiedUrlToken`.
   */
  onToken?: (token: string) => void;
  /**
   * Also take a `?token=` where the browser cannot tell who the parent is (Firefox: no
   * `location.ancestorOrigins`, or "null" in it under `referrerpolicy="no-referrer"`). Off by
   * default: any page could then frame this one with its own token and sign the embed in as
   * another user (login CSRF).
   */
  allowUnverifiedUrlToken?: boolean;
  /** SET_PARAMETERS from the host. */
  onParameters?: (params: Params) => void;
  /** SET_SETTINGS from the host. */
  onSettings?: (settings: Settings) => void;
  /** Report the content height as RESIZE (default true). */
  autoResize?: boolean;
  /** console.debug every message in and out, tokens redacted (default true, as vendors document). */
  debug?: boolean;
}

export interface GuestEmitter {
  parameterChanged(name: string, value: unknown, params: Params): void;
  runAll(params?: Params): void;
  executionRun(data: { id: string; [key: string]: unknown }): void;
  /** CLOSE: the embed's own Cancel/X (`button`, the default) or Escape (`escape`). */
  close(reason?: GuestCloseReason): void;
  resize(height: number): void;
  tokenExpired(): void;
  error(code: string, message: string): void;
}

export interface Guest {
  /** The current token, if one was received. */
  readonly token: string | undefined;
  /** The origin of the host that sent the token. */
  readonly hostOrigin: string | undefined;
  readonly emit: GuestEmitter;
  /** Announces READY_FOR_TOKEN again (e.g. after the token was lost). */
  requestToken(): void;
  /** Removes every listener, observer and port. */
  destroy(): void;
}

function normalizeOrigins(origins: readonly string[]): Set<string> {
  const result = new Set<string>();
  for (const value of origins) {
    let origin: string;
    try {
      origin = new URL(value).origin;
    } catch {
      origin = 'null';
    }
    // "*" and opaque origins would hand tokens to anyone (THREATS 4, 9).
    if (origin === 'null' || value === '*') {
      throw new FrameportError(
        ErrorCode.INVALID_ARGUMENT,
        `allowedOrigins must be exact http(s) origins, got ${JSON.stringify(value)}.`,
      );
    }
    result.add(origin);
  }
  if (result.size === 0)
    throw new FrameportError(ErrorCode.INVALID_ARGUMENT, 'allowedOrigins must name at least one host origin.');
  return result;
}

/**
 * Takes `?token=` out of the page URL so it does not linger in history, the Referer or a later
 * redirect (THREATS 13). Runs when this module is evaluated, before the app's own code, so the
 * token is gone from `location` as early as a script can make it; `createGuest` decides later
 * whether to accept it.
 */
function takeTokenFromUrl(): string | undefined {
  if (typeof location === 'undefined' || typeof history === 'undefined') return undefined;
  const url = new URL(location.href);
  const token = url.searchParams.get('token');
  if (token === null) return undefined;
  url.searchParams.delete('token');
  history.replaceState(history.state, '', url.href);
  return token || undefined;
}

let tokenFromUrl = takeTokenFromUrl();

/**
 * Whether a URL token may be used: only in a frame whose parent the browser reports on an
 * allowed origin. `location.ancestorOrigins[0]` is the parent's origin in Chromium and WebKit;
 * Firefox either lacks it or reports "null" when the frame has `referrerpolicy="no-referrer"`
 * (which `token-delivery="url"` sets). Where the parent cannot be known, only an explicit
 * opt-in accepts the token.
 */
function parentIsAllowed(allowed: ReadonlySet<string>, unverified: boolean): boolean {
  if (window.parent === window) return false; // opened top-level: nobody embedded us
  const ancestors = (location as Location & { ancestorOrigins?: DOMStringList }).ancestorOrigins;
  const parent = ancestors && ancestors.length > 0 ? ancestors.item(0) : null;
  if (parent === null || parent === 'null') return unverified;
  return allowed.has(parent);
}

/** Makes this page embeddable by frameport hosts. */
export function createGuest(options: GuestOptions): Guest {
  const allowed = normalizeOrigins(options.allowedOrigins);
  const log = createLogger('frameport guest', options.debug ?? true);
  const api = options.api;
  let token: string | undefined;
  let hostOrigin: string | undefined;
  let port: MessagePort | undefined;
  let lastHeight = 0;
  let destroyed = false;
  let modal = false;

  const offeredMethods = api ? Object.keys(api).filter((name) => typeof api[name] === 'function') : [];
  const features = [
    ...new Set([...(options.features ?? []), ...(api ? ['rpc', ...offeredMethods.map((m) => `rpc:${m}`)] : [])]),
  ];

  /** Posts to the host that sent the token, or to each allowed origin before that: never "*". */
  const send = (message: GuestMessage) => {
    const checked = parseGuestMessage(message);
    if (!checked.ok)
      throw new FrameportError(ErrorCode.INVALID_ARGUMENT, `Not a valid ${String(message.type)} message.`);
    if (destroyed || window.parent === window) return;
    try {
      for (const origin of hostOrigin ? [hostOrigin] : allowed) window.parent.postMessage(message, origin);
    } catch (error) {
      throw new FrameportError(ErrorCode.DATA_CLONE, `${message.type} could not be sent: ${(error as Error).message}`);
    }
    log('→', message);
  };

  const onMessage = (event: MessageEvent) => {
    if (event.source !== window.parent || window.parent === window) return;
    if (!allowed.has(event.origin)) return log(`ignored a message from ${event.origin}: not an allowed origin`);
    const parsed = parseHostMessage(event.data);
    if (!parsed.ok) return log(`dropped an invalid message (${parsed.reason})`, { type: parsed.type });
    const message = parsed.message;
    log('←', message);
    switch (message.type) {
      case 'SET_TOKEN': {
        token = message.token;
        hostOrigin = event.origin;
        const received = event.ports[0];
        if (received && api) {
          port?.close();
          port = received;
          exposeApi(api, received);
        }
        options.onToken?.(message.token);
        if (lastHeight > 0) send({ type: 'RESIZE', height: lastHeight });
        return;
      }
      case 'SET_PARAMETERS':
        return options.onParameters?.(message.params);
      case 'SET_SETTINGS': {
        modal = message.modal === true;
        const { type: _type, ...settings } = message;
        return options.onSettings?.(settings);
      }
    }
  };

  const resize = new ResizeObserver(() => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height > 0 && height !== lastHeight) {
      lastHeight = height;
      send({ type: 'RESIZE', height });
    }
  });

  /**
   * In the host's dialog, Escape inside the frame never reaches the host page: forward it as
   * CLOSE so the dialog closes wherever focus is. A page that handled Escape itself (closing a
   * menu, cancelling an edit) calls preventDefault() and keeps the dialog open.
   */
  const onKeydown = (event: KeyboardEvent) => {
    if (!modal || event.key !== 'Escape' || event.defaultPrevented || event.isComposing) return;
    send({ type: 'CLOSE', reason: 'escape' });
  };

  const requestToken = () => send({ type: 'READY_FOR_TOKEN', features, protocol: PROTOCOL_VERSION });

  window.addEventListener('message', onMessage);
  window.addEventListener('keydown', onKeydown);
  if (options.autoResize ?? true) resize.observe(document.documentElement);
  const urlToken = tokenFromUrl ?? takeTokenFromUrl();
  tokenFromUrl = undefined; // one guest takes it, once
  if (urlToken && parentIsAllowed(allowed, options.allowUnverifiedUrlToken === true)) {
    token = urlToken;
    queueMicrotask(() => options.onToken?.(urlToken));
  } else if (urlToken) {
    log('ignored ?token=: the parent page is not known to be on an allowed origin');
  }
  requestToken();

  const emit: GuestEmitter = {
    parameterChanged: (name, value, params) => send({ type: 'PARAMETER_CHANGED', name, value, params }),
    runAll: (params) => send(params ? { type: 'RUN_ALL', params } : { type: 'RUN_ALL' }),
    executionRun: (data) => send({ type: 'EXECUTION_RUN', data }),
    close: (reason) => send(reason ? { type: 'CLOSE', reason } : { type: 'CLOSE' }),
    resize: (height) => send({ type: 'RESIZE', height }),
    tokenExpired: () => send({ type: 'TOKEN_EXPIRED' }),
    error: (code, message) => send({ type: 'ERROR', code, message }),
  };

  return {
    get token() {
      return token;
    },
    get hostOrigin() {
      return hostOrigin;
    },
    emit,
    requestToken,
    destroy() {
      destroyed = true;
      window.removeEventListener('message', onMessage);
      window.removeEventListener('keydown', onKeydown);
      resize.disconnect();
      port?.close();
    },
  };
}
