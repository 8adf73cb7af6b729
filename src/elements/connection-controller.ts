import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { connect } from '../host/connect.js';
import { onSignOut } from '../host/sessions.js';
import { SwitchableTokenSource } from '../host/token-switch.js';
import { providerEnded, signedOut, tokenSourceFor, unavailable } from '../host/tokens.js';
import type { Connection, EmbedEvent, TokenEvent, TokenProvider, TokenSourceLike, TraceEntry } from '../host/types.js';
import { toFrameportError } from '../protocol/errors.js';
import type { Params, Settings } from '../protocol/messages.js';
import type { EmbedDefaults } from './context.js';
import type { ErrorDetail, TokenResponse } from './events.js';
import { whenNearViewport } from './near-viewport.js';
import { frameAttributes, type TokenDelivery } from './settings.js';

/** Lifecycle of an embed, reflected as its `state` attribute. `idle`: not configured or not connected. */
export type EmbedState = 'idle' | 'loading' | 'authenticating' | 'ready' | 'error';

const isBusy = (state: EmbedState) => state === 'loading' || state === 'authenticating';

/** Entries kept in `element.timeline`. */
const TIMELINE_LIMIT = 500;

/** The element's public settings the connection reads, each time it reconciles. */
export interface ConnectionHost extends ReactiveControllerHost, HTMLElement {
  readonly accessToken: string | undefined;
  readonly tokenProvider: TokenProvider | undefined;
  readonly tokenUrl: string | undefined;
  readonly tokenDelivery: TokenDelivery;
  readonly language: string;
  readonly handshakeTimeout: number;
  readonly modal: boolean;
  readonly open: boolean;
  readonly loading: 'eager' | 'lazy';
  readonly debug: boolean;
  readonly autoResize: boolean;
  readonly allowInsecure: boolean;
  readonly sandbox: string | undefined;
  readonly allow: string | undefined;
  readonly referrerPolicy: string | undefined;
}

/** What the element works out for the connection (its protected hooks), asked only when needed. */
export interface EmbedHooks {
  /** What the nearest `<embed-provider>` provides. */
  defaults(): EmbedDefaults;
  /** The embed URL without `lang`, or undefined while not configured; throws INVALID_URL. */
  url(defaults: EmbedDefaults): URL | undefined;
  /** Parameters sent with SET_PARAMETERS after every SET_TOKEN. */
  params(): Params | undefined;
  /** What SET_SETTINGS carries. */
  settings(): Settings;
  /** Dispatches one of the element's events. */
  emit(type: string, detail: unknown): void;
  /** A guest event (CLOSE, PARAMETER_CHANGED, ...). */
  onEvent(message: EmbedEvent): void;
}

type TokenSetting = { token?: string | undefined; provider?: TokenProvider | undefined; url?: string | undefined };

/**
 * The embed's iframe and its `connect()` connection, kept in line with the element's settings on
 * every update (requirements 1-5 of `EmbedElement`): it creates the iframe (once loading is allowed:
 * a lazy embed near the viewport, a modal once opened), switches token sources without a reload,
 * sends changed settings and parameters, and keeps the state, error and timeline the element shows.
 * Reconciling runs before the host renders, so the iframe exists (and listens) before first paint.
 */
export class ConnectionController implements ReactiveController {
  readonly #host: ConnectionHost;
  readonly #hooks: EmbedHooks;
  // Plain fields, for the element to read (only this controller writes them).
  /** The embed's lifecycle, also reflected as the host's `state` attribute. */
  state: EmbedState = 'idle';
  /** The error shown in the error state (undefined in any other). */
  error: ErrorDetail | undefined;
  /** Every message in and out, newest last, tokens redacted; kept across reconnects. */
  readonly timeline: TraceEntry[] = [];
  readonly #tokens = new SwitchableTokenSource();
  /** The token setting `#source` was made from: a new source only when one of them changes. */
  #tokenInput: readonly unknown[] | undefined;
  #source: TokenSourceLike | undefined;
  #connection: Connection | undefined;
  /** `call()`s waiting for a connection. */
  #waiters: Array<(connection: Connection) => void> = [];
  #box: HTMLDivElement | undefined;
  #iframe: HTMLIFrameElement | undefined;
  /** What the iframe was made for (URL, delivery, attributes), or the cause of the error shown. */
  #frameKey: string | undefined;
  /** Bumped on every disconnect: callbacks of an older connection or token fetch do nothing. */
  #generation = 0;
  /** Stops the token and sign-out subscriptions of the current connection. */
  #unsubscribe: (() => void) | undefined;
  #sentSettings: string | undefined;
  #sentParams: Params | undefined;
  #height: number | undefined;
  #autoResize: boolean | undefined;
  #switchingSource = false;
  /** Loading was allowed once (near the viewport, or the modal opened); stays so until removed. */
  #allowed = false;
  #stopWaiting: (() => void) | undefined;

  constructor(host: ConnectionHost, hooks: EmbedHooks) {
    this.#host = host;
    this.#hooks = hooks;
    host.addController(this);
  }

  get features(): readonly string[] {
    return this.#connection?.features ?? [];
  }

  get iframe(): HTMLIFrameElement | undefined {
    return this.#iframe;
  }

  /**
   * The iframe's parent, made once and rendered as a node, so the iframe can be created (and
   * its connection listening) before the first render, and Lit never re-creates its parent.
   */
  get frame(): HTMLDivElement {
    return (this.#box ??= Object.assign(document.createElement('div'), { className: 'frame' }));
  }

  hostConnected(): void {
    const host = this.#host;
    if (host.getAttribute('state') !== this.state) host.setAttribute('state', this.state);
    host.requestUpdate(); // re-added: reconcile again (one new iframe, one handshake)
  }

  hostDisconnected(): void {
    this.#stopWaiting?.();
    this.#stopWaiting = undefined;
    this.#allowed = false;
    this.#teardown();
    this.#setState('idle');
  }

  /** Reconciles before the host renders, so state changes it makes land in this same update. */
  hostUpdate(): void {
    const host = this.#host;
    if (!host.isConnected) return;
    this.#reconcile();
    if (host.autoResize !== this.#autoResize) {
      this.#autoResize = host.autoResize;
      this.#applyHeight();
    }
  }

  /** Loads the embed again from scratch: a new iframe and handshake. */
  reload(): void {
    this.#teardown();
    this.#host.requestUpdate();
  }

  /** Calls an RPC method of the embed, once there is a connection. */
  async call<T>(method: string, ...args: unknown[]): Promise<T> {
    const connection = this.#connection ?? (await new Promise<Connection>((resolve) => this.#waiters.push(resolve)));
    return connection.call<T>(method, ...args);
  }

  /** Sends SET_PARAMETERS now (synchronously, so DATA_CLONE throws to the caller) and remembers it. */
  sendParameters(params: Params): void {
    this.#connection?.setParameters(params);
    this.#sentParams = params;
  }

  #setState(next: EmbedState): void {
    if (next !== 'error') this.error = undefined;
    const previous = this.state;
    if (previous === next) return;
    this.state = next;
    this.#host.setAttribute('state', next);
    // Loading and authenticating look the same: an update here would run before the token is
    // sent (READY_FOR_TOKEN sets authenticating), for nothing.
    if (!(isBusy(previous) && isBusy(next))) this.#host.requestUpdate();
  }

  #fail(error: unknown): void {
    const detail = toFrameportError(error).toJSON();
    this.#setState('error');
    this.error = detail;
    this.#host.requestUpdate();
    this.#hooks.emit('error', detail);
  }

  /** Drops the frame and fails, once per `cause`: later updates with the same cause keep the error shown. */
  #failOnce(cause: string, error: () => unknown): void {
    if (cause === this.#frameKey) return;
    this.#teardown();
    this.#frameKey = cause;
    this.#fail(error());
  }

  /** Brings the iframe and connection in line with the settings (idempotent). */
  #reconcile(): void {
    const host = this.#host;
    const defaults = this.#hooks.defaults();
    let url: URL | undefined;
    try {
      url = this.#hooks.url(defaults);
    } catch (error) {
      return this.#failOnce(`invalid:${(error as Error).message}`, () => error);
    }

    // The token setting in force: the element's own if it has any, else the provider's.
    const own = host.tokenProvider || host.tokenUrl || host.accessToken;
    const setting: TokenSetting = own
      ? { provider: host.tokenProvider, url: host.tokenUrl, token: host.accessToken }
      : { provider: defaults.tokenProvider, url: defaults.tokenUrl };
    if (url && !own && (setting.provider || setting.url) && this.#providerTokenRefused(defaults, url)) return;
    const tokenInput = [setting.provider, setting.url, setting.token];
    if (!this.#tokenInput || tokenInput.some((value, i) => value !== this.#tokenInput![i])) {
      this.#tokenInput = tokenInput;
      this.#source = tokenSourceFor(setting);
    }
    const source = this.#source;

    if (!url || (!source && !this.#connection)) {
      // Not configured (yet): frameworks often set properties after connecting the element.
      if (this.#frameKey !== undefined) this.#teardown();
      this.#setState('idle');
      return;
    }
    // The token setting was removed from a running embed: keep it (it holds a valid token);
    // the next refresh fails with TOKEN_UNAVAILABLE `no-token-source` unless one is set again.

    const delivery = host.tokenDelivery;
    const frame = frameAttributes(delivery, host);
    const frameKey = JSON.stringify([url.href, delivery, frame, host.allowInsecure]);
    if (frameKey !== this.#frameKey) {
      this.#teardown();
      if (!source || !this.#mayLoad()) return this.#setState('idle');
      this.#frameKey = frameKey;
      this.#tokens.use(source);
      this.#start(url, delivery, frame);
      return;
    }
    if (this.#tokens.use(source) && source) this.#tokenSourceChanged();

    const connection = this.#connection;
    if (!connection) return;
    const settings = this.#hooks.settings();
    const settingsKey = JSON.stringify(settings);
    if (settingsKey !== this.#sentSettings) {
      this.#sentSettings = settingsKey;
      connection.setSettings(settings);
    }
    const params = this.#hooks.params();
    if (params && params !== this.#sentParams) {
      try {
        this.sendParameters(params);
      } catch (error) {
        this.#sentParams = params;
        this.#fail(error);
      }
    }
  }

  /**
   * Tokens of an `<embed-provider>` go only to frames on its `platform-url`'s origin: an embed
   * pointing elsewhere gets none, and an error (once) instead. True when refused.
   */
  #providerTokenRefused({ platformUrl }: EmbedDefaults, url: URL): boolean {
    let providerOrigin: string | undefined;
    try {
      providerOrigin = new URL(platformUrl ?? '', document.baseURI).origin;
    } catch {
      providerOrigin = undefined;
    }
    if (platformUrl && providerOrigin === url.origin) return false;
    this.#failOnce(`provider-origin:${url.origin}`, () =>
      unavailable(
        `The <embed-provider> token is for ${providerOrigin ?? 'its platform-url'}, not for ${url.origin}.`,
        'provider-origin-mismatch',
        "Point the embed at the provider's platform-url, or give it its own token-url or tokenProvider.",
      ),
    );
    return true;
  }

  /**
   * Whether the iframe may be created now. A closed modal loads nothing until first opened; a
   * lazy embed waits until it nears the viewport, keeping the frame's height meanwhile so the
   * page does not jump and embeds further down stay far.
   */
  #mayLoad(): boolean {
    const host = this.#host;
    if (this.#allowed) return true;
    if (host.modal && !host.open) return false;
    if (host.loading === 'lazy' && !host.modal) {
      this.frame.style.minHeight = 'var(--frameport-height, 480px)';
      this.#stopWaiting ??= whenNearViewport(host, () => {
        this.#stopWaiting = undefined;
        this.#allowed = true;
        host.requestUpdate();
      });
      return false;
    }
    this.#allowed = true;
    return true;
  }

  /**
   * Creates the iframe and connects it (after fetching the token first with `token-delivery="url"`).
   * Its title is the host's to set, when it renders.
   */
  #start(url: URL, delivery: TokenDelivery, frame: { sandbox: string; allow: string; referrerPolicy: string }): void {
    const generation = ++this.#generation;
    const current = () => generation === this.#generation;
    const box = this.frame;
    box.style.minHeight = '';
    const iframe = document.createElement('iframe');
    iframe.setAttribute('part', 'frame');
    // sandbox, allow, referrerpolicy: HTML lowercases attribute names.
    for (const [name, value] of Object.entries(frame)) iframe.setAttribute(name, value);
    box.append(iframe);
    this.#iframe = iframe;
    this.#height = undefined;
    this.#setState('loading');

    const href = new URL(url.href);
    href.searchParams.set('lang', this.#host.language);
    const unsubscribeTokens = this.#tokens.subscribe((event) => current() && this.#onTokenEvent(event));
    const unregisterSession = onSignOut(() => current() && this.#endSession());
    this.#unsubscribe = () => (unsubscribeTokens(), unregisterSession());

    if (delivery === 'message') return this.#connect(iframe, href.href, current);
    this.#tokens.get().then(
      (grant) => {
        if (!current()) return; // disconnected or changed meanwhile (THREATS 28)
        if (!grant) return this.#fail(providerEnded());
        const withToken = new URL(href.href);
        withToken.searchParams.set('token', grant.token);
        this.#connect(iframe, href.href, current, withToken.href);
      },
      (error: unknown) => current() && this.#fail(error),
    );
  }

  #connect(iframe: HTMLIFrameElement, url: string, current: () => boolean, srcWithToken?: string): void {
    const host = this.#host;
    const hooks = this.#hooks;
    const params = hooks.params();
    const settings = hooks.settings();
    let connection: Connection;
    try {
      connection = connect(iframe, {
        url,
        tokenSource: this.#tokens,
        ...(params ? { params } : {}),
        settings,
        handshakeTimeout: host.handshakeTimeout,
        allowInsecure: host.allowInsecure,
        debug: host.debug,
        keepSrc: srcWithToken !== undefined,
        // An `error` state keeps the error shown: setState('error') leaves it.
        onStateChange: (state) => current() && this.#setState(state === 'closed' ? 'idle' : state),
        onReady: ({ features, protocol }) => current() && hooks.emit('ready', { features: [...features], protocol }),
        onEvent: (message) => current() && hooks.onEvent(message),
        onResize: (height) => {
          if (!current()) return;
          this.#height = height;
          this.#applyHeight();
        },
        onError: (error) => current() && this.#fail(error),
        onTokenExpiring: () => (current() ? this.#onTokenExpiring() : undefined),
        onTrace: (entry) => {
          // Bounded: a long-lived embed must not grow without end.
          if (this.timeline.push(entry) > TIMELINE_LIMIT) this.timeline.shift();
        },
      });
    } catch (error) {
      return this.#fail(error); // INVALID_URL, INVALID_SANDBOX
    }
    this.#connection = connection;
    this.#sentSettings = JSON.stringify(settings);
    this.#sentParams = params;
    // Listening has started: now the page may load, token in its URL or not (THREATS 17).
    if (srcWithToken !== undefined) iframe.src = srcWithToken;
    for (const resolve of this.#waiters.splice(0)) resolve(connection);
  }

  /** Keeps the iframe; the next SET_TOKEN comes from the new source. */
  #tokenSourceChanged(): void {
    const connection = this.#connection;
    if (!connection) return;
    if (connection.state === 'error') return this.reload(); // no session to refresh: start again
    // Before READY nothing was fetched yet; while authenticating the source switch is seen by
    // SwitchableTokenSource.get itself.
    if (connection.state !== 'ready') return;
    this.#switchingSource = true; // not an expiry: no token-expiring event
    try {
      void connection.refreshToken();
    } finally {
      this.#switchingSource = false;
    }
  }

  #onTokenExpiring(): Promise<TokenResponse> | TokenResponse {
    if (this.#switchingSource) return undefined;
    let response: TokenResponse | Promise<TokenResponse> = undefined;
    const event = new CustomEvent('token-expiring', {
      cancelable: true,
      detail: {
        respondWith: (value: TokenResponse | Promise<TokenResponse>) => {
          response = value;
          event.preventDefault();
        },
      },
    });
    this.#host.dispatchEvent(event);
    return response;
  }

  /** Re-dispatched as the DOM event of the same name; no detail carries the token. */
  #onTokenEvent(event: TokenEvent): void {
    this.#hooks.emit(
      event.type,
      event.type === 'token-refreshed'
        ? { expiresAt: event.expiresAt }
        : event.type === 'token-refresh-failed'
          ? { attempt: event.attempt, nextRetryAt: event.nextRetryAt, ...event.error.toJSON() }
          : {},
    );
  }

  #applyHeight(): void {
    const iframe = this.#iframe;
    if (!iframe) return;
    // CSSOM, not a style attribute in a template: allowed under `style-src 'self'` (THREATS 40).
    iframe.style.height = this.#host.autoResize && this.#height !== undefined ? `${this.#height}px` : '';
  }

  /** `signOut()`: ends the connection, empties the frame and fails with `session-ended`. */
  #endSession(): void {
    this.#disconnect();
    this.#iframe?.setAttribute('src', 'about:blank');
    this.#fail(signedOut('Call reload() (or press Retry) once a user is signed in.'));
  }

  /** Closes the connection and stops listening; late answers of the old one are ignored. */
  #disconnect(): void {
    this.#generation++;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    const connection = this.#connection;
    this.#connection = undefined;
    connection?.close();
  }

  /** Closes the connection and drops the iframe; safe to call at any time. */
  #teardown(): void {
    this.#disconnect();
    this.#iframe?.remove();
    this.#iframe = undefined;
    this.#frameKey = undefined;
    this.#sentSettings = undefined;
    this.#sentParams = undefined;
    this.#height = undefined;
  }
}
