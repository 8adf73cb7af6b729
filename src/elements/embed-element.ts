import { LitElement, html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { ContextConsumer } from '@lit/context';
import { connect } from '../host/connect.js';
import { onSignOut } from '../host/sessions.js';
import { SwitchableTokenSource } from '../host/token-switch.js';
import { providerEnded, signedOut, tokenSourceFor, unavailable } from '../host/tokens.js';
import type {
  Connection,
  ConnectionState,
  EmbedEvent,
  TokenEvent,
  TokenProvider,
  TokenSourceLike,
  TraceEntry,
} from '../host/types.js';
import { ErrorCode, toFrameportError } from '../protocol/errors.js';
import type { Params, Settings } from '../protocol/messages.js';
import { embedDefaultsContext, type EmbedDefaults } from './context.js';
import { defaultTrue, jsonObject } from './converters.js';
import type { ErrorDetail, TokenResponse } from './events.js';
import { hostStrings, type HostStringKey, type HostStrings } from './i18n.js';
import { ModalController } from './modal-controller.js';
import { whenNearViewport } from './near-viewport.js';
import {
  frameAttributes,
  resolveHandshakeTimeout,
  resolveLanguage,
  resolveModal,
  resolveOverrides,
  resolveTokenDelivery,
  type OwnSettings,
  type SeedSettings,
  type SettingLayers,
  type TokenDelivery,
} from './settings.js';
import { embedStyles } from './styles.js';
import { ThemeController, themeSetting, type ThemeSetting } from './theme-controller.js';

/** Entries kept in `element.timeline`. */
const TIMELINE_LIMIT = 500;

/** Lifecycle of an embed, reflected as its `state` attribute. `idle`: not configured or not connected. */
export type EmbedState = 'idle' | 'loading' | 'authenticating' | 'ready' | 'error';

export { FRAME_DEFAULTS, type SeedSettings, type TokenDelivery } from './settings.js';

/**
 * The shared base of `<execution-details>` and `<notebook-embed>`. It holds no protocol logic:
 * it resolves its settings (own attributes, then `settings`, then the nearest
 * `<embed-provider>`, then defaults), renders the iframe with its loading and error states,
 * and drives `connect()` from `frameport/host`.
 *
 * Run-time changes (requirements, each with a test in test/elements):
 * 1. The embed URL, `token-delivery`, `sandbox`, `allow`, `referrerpolicy` or `allow-insecure`
 *    change -> the old connection is closed and its iframe removed; a new iframe is made.
 * 2. The token source changes -> same iframe, same connection, a fresh SET_TOKEN.
 * 3. `language` / `i18nOverrides` change -> SET_SETTINGS at once, no reload.
 * 4. `modal` / `open` change -> the same iframe, never moved in the DOM (a moved iframe reloads).
 * 5. Removed from the document -> connection closed and iframe dropped; re-added -> one new
 *    iframe and one handshake (THREATS 27); nothing is posted for a token that arrives after
 *    removal (THREATS 28).
 *
 * @attr access-token - A static token. Never reflected from the property, so a token set as a property does not end up in the DOM.
 * @attr token-url - The host app's own token endpoint: `POST`, same-origin credentials, answers `{ "token": "...", "expiresAt"?: number }`.
 * @attr token-delivery - `message` (default): SET_TOKEN. `url`: `?token=` in the iframe URL, with `referrerpolicy="no-referrer"`.
 * @attr language - UI language passed to the embed (`lang` query parameter and SET_SETTINGS). Default `en`.
 * @attr i18n-overrides - JSON object of text overrides, passed to the embed; `frameport.*` keys also reword the host's own strings.
 * @attr modal - Show inside a modal `<dialog>` with a close button; `open`, `show()` and `close()` control it. Escape closes it wherever focus is, also inside the embed.
 * @attr theme - `auto` (default: the host page's `color-scheme`, then `prefers-color-scheme`), `light` or `dark`; sent to the embed, changes apply live.
 * @attr open - Whether the modal is shown (ignored inline).
 * @attr handshake-timeout - Time in ms to wait for READY_FOR_TOKEN before `error` (default 10000).
 * @attr debug - `console.debug` every message in and out, tokens redacted.
 * @attr auto-resize - Follow the embed's RESIZE messages (default true; `auto-resize="false"` turns it off).
 * @attr allow-insecure - Accept `http:` embed URLs on hosts other than loopback.
 * @attr sandbox - Overrides the iframe's sandbox (must keep `allow-scripts allow-same-origin`).
 * @attr allow - Overrides the iframe's permissions policy (`clipboard-write; fullscreen`).
 * @attr referrerpolicy - Overrides the iframe's referrer policy (`strict-origin-when-cross-origin`); always `no-referrer` with `token-delivery="url"`.
 * @attr loading - `eager` (default) or `lazy`: as on `<iframe>`, the frame is created only when the element nears the viewport.
 * @attr frame-title - The iframe's accessible name (default from the i18n table).
 * @attr state - Read-only reflection of `state`.
 *
 * @prop {TokenProvider | undefined} tokenProvider - Called for a fresh token: `() => Promise<string | { token, expiresAt? } | null>`.
 * @prop {EmbedState} state - Read-only lifecycle: `idle`, `loading`, `authenticating`, `ready`, `error`.
 * @prop {readonly string[]} features - Capabilities the embed announced in its last READY_FOR_TOKEN.
 *
 * @event ready - The handshake is done. `detail: { features, protocol }`.
 * @event close - The modal is closing, or the embed asked to close. Cancelable. `detail: { reason: 'button' | 'escape' | 'backdrop' | 'embed' }`.
 * @event error - A failure, also shown in the error state. `detail: { code, message, cause?, hint? }`.
 * @event execution-run - The user re-ran the execution. `detail: { data }`.
 * @event token-expiring - A refresh is due. Cancelable; `detail.respondWith(tokenOrPromise)` supplies the token.
 * @event token-refreshed - A fresh token was obtained. `detail: { expiresAt }`.
 * @event token-refresh-failed - An attempt to obtain a token failed. `detail: { attempt, nextRetryAt, code, message, cause?, hint? }`.
 * @event session-ended - The token provider answered `null`: refreshing has stopped.
 *
 * @csspart dialog - The `<dialog>` around everything (a plain block when inline).
 * @csspart header - The modal's top bar holding the close button.
 * @csspart close-button - The modal's X button.
 * @csspart body - The area holding the iframe and its overlays.
 * @csspart frame - The `<iframe>`.
 * @csspart loading - The loading overlay.
 * @csspart spinner - The spinner of the loading overlay.
 * @csspart error - The error panel.
 * @csspart error-title - The error panel's heading.
 * @csspart error-summary - The error panel's sentence for people.
 * @csspart error-details - The disclosure holding the technical detail (message, hint, code).
 * @csspart error-message - The error message.
 * @csspart error-hint - What to try.
 * @csspart error-code - The error code and cause.
 * @csspart retry-button - The error panel's Retry button.
 *
 * @cssproperty --frameport-height - Height of the inline iframe before the embed reports its own (default 480px).
 * @cssproperty --frameport-border - Border of the frame and of the modal's bar.
 * @cssproperty --frameport-radius - Corner radius.
 * @cssproperty --frameport-accent - Spinner, focus ring and Retry button colour.
 * @cssproperty --frameport-accent-contrast - Text colour on the accent.
 * @cssproperty --frameport-background - Background behind the iframe.
 * @cssproperty --frameport-color - Text colour of host-rendered UI.
 * @cssproperty --frameport-font - Font of the loading and error states.
 * @cssproperty --frameport-backdrop - The modal's backdrop.
 * @cssproperty --frameport-modal-width - Width of the modal (default 1100px, at most the viewport).
 * @cssproperty --frameport-modal-height - Height of the modal (default 85vh).
 * @cssproperty --frameport-modal-shadow - Shadow of the modal.
 * @cssproperty --frameport-overlay-background - Background of the loading overlay.
 * @cssproperty --frameport-overlay-color - Text colour of the loading overlay.
 * @cssproperty --frameport-error-background - Background of the error panel.
 * @cssproperty --frameport-error-color - Text colour of the error panel.
 * @cssproperty --frameport-muted-color - Colour of the error code line.
 */
export abstract class EmbedElement extends LitElement {
  static override styles = embedStyles;

  static override properties: PropertyDeclarations = {
    accessToken: { attribute: 'access-token' },
    tokenProvider: { attribute: false },
    tokenUrl: { attribute: 'token-url', reflect: true },
    tokenDelivery: { attribute: 'token-delivery', noAccessor: true },
    language: { noAccessor: true },
    i18nOverrides: { attribute: 'i18n-overrides', converter: jsonObject },
    modal: { type: Boolean, noAccessor: true },
    theme: { reflect: true },
    open: { type: Boolean, reflect: true },
    handshakeTimeout: { attribute: 'handshake-timeout', type: Number, noAccessor: true },
    debug: { type: Boolean, reflect: true },
    autoResize: { attribute: 'auto-resize', converter: defaultTrue, reflect: true },
    allowInsecure: { attribute: 'allow-insecure', type: Boolean, reflect: true },
    sandbox: { reflect: true },
    allow: { reflect: true },
    referrerPolicy: { attribute: 'referrerpolicy', reflect: true },
    frameTitle: { attribute: 'frame-title', reflect: true },
    loading: {},
  };

  /** A static token (`access-token`). */
  declare accessToken: string | undefined;
  /** Called for a fresh token; shared (one cache, one refresh in flight) by every element using the same function. */
  declare tokenProvider: TokenProvider | undefined;
  /** The host app's own token endpoint (`token-url`). */
  declare tokenUrl: string | undefined;
  /** Text overrides passed to the embed (`i18n-overrides`); `frameport.*` keys reword host strings. */
  declare i18nOverrides: Record<string, string> | undefined;
  /** Whether the modal is shown (`open`); ignored inline. */
  declare open: boolean;
  /** `console.debug` every message in and out, tokens redacted (`debug`). */
  declare debug: boolean;
  /** Follow the embed's RESIZE (`auto-resize`, default true). */
  declare autoResize: boolean;
  /** Accept `http:` embed URLs on non-loopback hosts (`allow-insecure`). */
  declare allowInsecure: boolean;
  /** Overrides the iframe's `sandbox`. */
  declare sandbox: string | undefined;
  /** Overrides the iframe's `allow`. */
  declare allow: string | undefined;
  /** Overrides the iframe's `referrerpolicy`. */
  declare referrerPolicy: string | undefined;
  /** The iframe's accessible name (`frame-title`). */
  declare frameTitle: string | undefined;
  /** `eager` (default) or `lazy`: create the iframe only when the element nears the viewport. */
  declare loading: 'eager' | 'lazy';
  /** `auto` (follow the host page), `light` or `dark`; unset: `<embed-provider>`'s, else `auto`. */
  declare theme: ThemeSetting | undefined;

  #own: OwnSettings = {};
  #reflecting = false;
  #state: EmbedState = 'idle';
  #timeline: TraceEntry[] = [];
  #error: ErrorDetail | undefined;
  readonly #tokens = new SwitchableTokenSource();
  #tokenInput: readonly unknown[] | undefined;
  #source: TokenSourceLike | undefined;
  #connection: Connection | undefined;
  #waiters: Array<(connection: Connection) => void> = [];
  #iframe: HTMLIFrameElement | undefined;
  #box: HTMLDivElement | undefined;
  #frameKey: string | undefined;
  #generation = 0;
  #unsubscribeTokens: (() => void) | undefined;
  #unregisterSession: (() => void) | undefined;
  #sentSettings: string | undefined;
  #sentParams: Params | undefined;
  #height: number | undefined;
  #switchingSource = false;
  /** Loading was allowed once (near the viewport, or the modal opened); stays so until removed. */
  #allowed = false;
  #stopWaiting: (() => void) | undefined;
  readonly #defaults = new ContextConsumer(this, { context: embedDefaultsContext, subscribe: true });
  readonly #modal = new ModalController(this, (reason, cancelable) => this.emit('close', { reason }, cancelable));
  readonly #theme = new ThemeController(this, () => themeSetting(this.theme ?? this.providerDefaults.theme));

  // `declare`, not class fields: a field would shadow Lit's accessor (useDefineForClassFields).
  // Settings without a default simply start unset; those with one are set here.
  constructor() {
    super();
    this.open = false;
    this.debug = false;
    this.autoResize = true;
    this.allowInsecure = false;
    this.loading = 'eager';
  }

  // ---- settings with defaults ---------------------------------------------------------

  /** UI language passed to the embed: own value, else `settings`, else `<embed-provider>`, else `en`. */
  get language(): string {
    return resolveLanguage(this.#layers());
  }
  set language(value: string | null | undefined) {
    this.#setOwn('language', 'language', value ?? undefined);
  }

  /** `message` (default) or `url`. */
  get tokenDelivery(): TokenDelivery {
    return resolveTokenDelivery(this.#layers());
  }
  set tokenDelivery(value: string | null | undefined) {
    this.#setOwn('tokenDelivery', 'token-delivery', value ?? undefined);
  }

  /** Time in ms to wait for READY_FOR_TOKEN (default 10000). */
  get handshakeTimeout(): number {
    return resolveHandshakeTimeout(this.#layers());
  }
  set handshakeTimeout(value: number | null | undefined) {
    this.#setOwn('handshakeTimeout', 'handshake-timeout', value ?? undefined);
  }

  /** Show inside a modal `<dialog>`: own value, else `settings.modal`, else false. */
  get modal(): boolean {
    return resolveModal(this.#layers());
  }
  set modal(value: boolean | null | undefined) {
    this.#setOwn('modal', 'modal', value ?? undefined);
  }

  /** Lifecycle, also reflected as the `state` attribute. */
  get state(): EmbedState {
    return this.#state;
  }

  /**
   * Every message in and out of the embed (and those refused), newest last, tokens redacted:
   * paste it into a bug report. Kept across reconnects, up to the last 500 entries.
   */
  get timeline(): readonly TraceEntry[] {
    return [...this.#timeline];
  }

  /** Capabilities the embed announced in its last READY_FOR_TOKEN. */
  get features(): readonly string[] {
    return this.#connection?.features ?? [];
  }

  /** Whether the embed announced `name` (e.g. `rpc`, `rpc:runAll`) in its last READY_FOR_TOKEN. */
  supports(name: string): boolean {
    return this.features.includes(name);
  }

  /** Opens the modal (sets `open`). */
  show(): void {
    this.open = true;
  }

  /** Closes the modal (clears `open`) without a `close` event, like `HTMLDialogElement.close()`. */
  close(): void {
    this.open = false;
  }

  /** Loads the embed again from scratch: a new iframe and handshake (what the Retry button does). */
  reload(): void {
    this.#teardown();
    this.requestUpdate();
  }

  // ---- hooks for the concrete elements ------------------------------------------------

  /** The embed URL without `lang`, or undefined while not configured; throws INVALID_URL. */
  protected abstract embedUrl(defaults: EmbedDefaults): URL | undefined;

  /** The i18n key of the iframe's default title. */
  protected abstract readonly titleKey: HostStringKey;

  /** A seed-shaped settings object whose fields apply where no attribute is set. */
  protected seedSettings(): SeedSettings | undefined {
    return undefined;
  }

  /** Parameters sent with SET_PARAMETERS after every SET_TOKEN (`<notebook-embed>`). */
  protected embedParams(): Params | undefined {
    return undefined;
  }

  /** Guest events other than CLOSE (handled here): PARAMETER_CHANGED, RUN_ALL, EXECUTION_RUN. */
  protected handleEmbedEvent(message: EmbedEvent): void {
    if (message.type === 'EXECUTION_RUN') this.emit('execution-run', { data: message.data });
  }

  /** What the nearest `<embed-provider>` provides. */
  protected get providerDefaults(): EmbedDefaults {
    return this.#defaults.value ?? {};
  }

  /** Dispatches a non-bubbling CustomEvent on the element; false when a listener cancelled it. */
  protected emit<T>(type: string, detail: T, cancelable = false): boolean {
    return this.dispatchEvent(new CustomEvent<T>(type, { detail, cancelable, bubbles: false, composed: false }));
  }

  /**
   * Calls an RPC method of the embed: waits for the handshake (and for a connection, if the
   * element is not connected yet), then rejects with RPC_UNAVAILABLE when the embed did not
   * offer it.
   */
  protected async call<T>(method: string, ...args: unknown[]): Promise<T> {
    const connection = this.#connection ?? (await new Promise<Connection>((resolve) => this.#waiters.push(resolve)));
    return connection.call<T>(method, ...args);
  }

  /** Sends SET_PARAMETERS now (synchronously, so DATA_CLONE throws to the caller) and remembers it. */
  protected sendParameters(params: Params): void {
    this.#connection?.setParameters(params);
    this.#sentParams = params;
  }

  // ---- Lit lifecycle ------------------------------------------------------------------

  override connectedCallback(): void {
    super.connectedCallback();
    this.#reflectState();
    this.requestUpdate(); // re-added: reconcile again (one new iframe, one handshake)
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopWaiting?.();
    this.#stopWaiting = undefined;
    this.#allowed = false;
    this.#teardown();
    this.#setState('idle');
  }

  /** Reconciles before rendering, so state changes it makes land in this same update. */
  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (!this.isConnected) return;
    this.#reconcile();
    if (changed.has('autoResize')) this.#applyHeight();
  }

  /**
   * The iframe's parent, made once and rendered as a node, so the iframe can be created (and
   * its connection listening) before the first render, and Lit never re-creates its parent.
   */
  #frameBox(): HTMLDivElement {
    if (!this.#box) {
      this.#box = document.createElement('div');
      this.#box.className = 'frame';
    }
    return this.#box;
  }

  /** The effective i18n overrides: provider, then `settings`, then own, key by key. */
  #overrides(): Record<string, string> {
    return resolveOverrides(this.#layers(), this.i18nOverrides);
  }

  /** Where settings are looked up: own values, `settings`, then `<embed-provider>` (settings.ts). */
  #layers(): SettingLayers {
    return { own: this.#own, seed: this.seedSettings(), provider: this.providerDefaults };
  }

  #settings(): Settings {
    return { language: this.language, i18nOverrides: this.#overrides(), theme: this.#theme.theme, modal: this.modal };
  }

  protected get strings(): HostStrings {
    return hostStrings(this.#overrides(), this.language);
  }

  protected override render(): TemplateResult {
    const t = this.strings;
    const title = this.frameTitle || t[this.titleKey];
    const busy = this.#state === 'loading' || this.#state === 'authenticating';
    const error = this.#state === 'error' ? this.#error : undefined;
    if (this.#iframe && this.#iframe.title !== title) this.#iframe.title = title;
    return html`<dialog
      part="dialog"
      class=${`${this.modal ? 'modal' : 'inline'} ${this.#theme.theme}`}
      aria-label=${title}
      @cancel=${this.#modal.onCancel}
      @close=${this.#modal.onDialogClose}
      @click=${this.#modal.onDialogClick}
    >
      <div class="header" part="header" ?hidden=${!this.modal}>
        <button
          type="button"
          class="close"
          part="close-button"
          aria-label=${t['frameport.close']}
          @click=${this.#onCloseButton}
        >
          <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false"><path d="M3 3l10 10M13 3L3 13" /></svg>
        </button>
      </div>
      <div class=${error ? 'body failed' : 'body'} part="body">
        ${this.#frameBox()}
        <div class="loading" part="loading" role="status" ?hidden=${!busy}>
          <span class="spinner" part="spinner" aria-hidden="true"></span><span>${t['frameport.loading']}</span>
        </div>
        ${error ? this.#renderError(t, error) : nothing}
      </div>
    </dialog>`;
  }

  /** A sentence for the person in front of the page; the developer's text goes behind a disclosure. */
  #renderError(t: HostStrings, error: ErrorDetail): TemplateResult {
    const summary =
      error.code === ErrorCode.HANDSHAKE_TIMEOUT
        ? t['frameport.errorTimeout']
        : error.code === ErrorCode.TOKEN_UNAVAILABLE
          ? t['frameport.errorSignIn']
          : t['frameport.errorOther'];
    return html`<div class="error" part="error" role="alert">
      <p class="error-title" part="error-title">${t['frameport.errorTitle']}</p>
      <p part="error-summary">${summary}</p>
      <button type="button" class="retry" part="retry-button" @click=${this.#onRetry}>${t['frameport.retry']}</button>
      <details part="error-details">
        <summary>${t['frameport.details']}</summary>
        <p part="error-message">${error.message}</p>
        ${error.hint ? html`<p part="error-hint">${t['frameport.hint']} ${error.hint}</p>` : nothing}
        <p class="error-code" part="error-code">
          <code>${error.code}</code>${error.cause ? html` · <code>${error.cause}</code>` : nothing}
        </p>
      </details>
    </div>`;
  }

  // ---- settings plumbing --------------------------------------------------------------

  /**
   * Stores an own setting and reflects it to its attribute, the way native elements do.
   * The attribute callback our own reflection triggers is ignored (`#reflecting`), so an
   * explicit `el.modal = false` stays false even when `settings.modal` is true.
   */
  #setOwn<K extends keyof OwnSettings>(key: K, attribute: string, value: OwnSettings[K]): void {
    if (this.#reflecting) return;
    const old = this[key];
    this.#own[key] = value;
    const text = value === undefined || value === false ? null : value === true ? '' : String(value);
    const present = this.hasAttribute(attribute);
    const same =
      text === null
        ? !present
        : text === '' && typeof value === 'boolean'
          ? present
          : this.getAttribute(attribute) === text;
    if (!same) {
      this.#reflecting = true;
      try {
        if (text === null) this.removeAttribute(attribute);
        else this.setAttribute(attribute, text);
      } finally {
        this.#reflecting = false;
      }
    }
    this.requestUpdate(key, old);
  }

  #setState(next: EmbedState): void {
    if (next !== 'error') this.#error = undefined;
    if (this.#state === next) return;
    this.#state = next;
    this.#reflectState();
    this.requestUpdate();
  }

  #reflectState(): void {
    if (this.getAttribute('state') !== this.#state) this.setAttribute('state', this.#state);
  }

  #fail(error: unknown): void {
    const detail = toFrameportError(error).toJSON();
    this.#setState('error');
    this.#error = detail;
    this.requestUpdate();
    this.emit<ErrorDetail>('error', detail);
  }

  /** The token setting in force: the element's own if it has any, else the provider's. */
  #tokenSetting(): { token?: string | undefined; provider?: TokenProvider | undefined; url?: string | undefined } {
    if (this.tokenProvider || this.tokenUrl || this.accessToken) {
      return { provider: this.tokenProvider, url: this.tokenUrl, token: this.accessToken };
    }
    const defaults = this.providerDefaults;
    return { provider: defaults.tokenProvider, url: defaults.tokenUrl };
  }

  /**
   * Tokens of an `<embed-provider>` go only to frames on its `platform-url`'s origin: an embed
   * pointing elsewhere gets none, and an error (once) instead. True when refused.
   */
  #providerTokenRefused(setting: { provider?: unknown; url?: unknown; token?: unknown }, url: URL): boolean {
    if (this.tokenProvider || this.tokenUrl || this.accessToken || (!setting.provider && !setting.url)) return false;
    let providerOrigin: string | undefined;
    try {
      providerOrigin = new URL(this.providerDefaults.platformUrl ?? '', document.baseURI).origin;
    } catch {
      providerOrigin = undefined;
    }
    if (this.providerDefaults.platformUrl && providerOrigin === url.origin) return false;
    const key = `provider-origin:${url.origin}`;
    if (key === this.#frameKey) return true;
    this.#teardown();
    this.#frameKey = key;
    this.#fail(
      unavailable(
        `The <embed-provider> token is for ${providerOrigin ?? 'its platform-url'}, not for ${url.origin}.`,
        'provider-origin-mismatch',
        "Point the embed at the provider's platform-url, or give it its own token-url or tokenProvider.",
      ),
    );
    return true;
  }

  /** Brings the iframe and connection in line with the settings (idempotent). */
  #reconcile(): void {
    let url: URL | undefined;
    try {
      url = this.embedUrl(this.providerDefaults);
    } catch (error) {
      const key = `invalid:${(error as Error).message}`;
      if (key === this.#frameKey) return;
      this.#teardown();
      this.#frameKey = key;
      this.#fail(error);
      return;
    }

    const setting = this.#tokenSetting();
    if (url && this.#providerTokenRefused(setting, url)) return;
    const tokenInput = [setting.provider, setting.url, setting.token];
    const tokenChanged = !this.#tokenInput || tokenInput.some((value, i) => value !== this.#tokenInput![i]);
    if (tokenChanged) {
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

    const delivery = this.tokenDelivery;
    const frame = frameAttributes(delivery, this);
    const frameKey = JSON.stringify([url.href, delivery, frame, this.allowInsecure]);
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
    const settings = this.#settings();
    const settingsKey = JSON.stringify(settings);
    if (settingsKey !== this.#sentSettings) {
      this.#sentSettings = settingsKey;
      connection.setSettings(settings);
    }
    const params = this.embedParams();
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
   * Whether the iframe may be created now. A closed modal loads nothing until first opened; a
   * lazy embed waits until it nears the viewport, keeping the frame's height meanwhile so the
   * page does not jump and embeds further down stay far.
   */
  #mayLoad(): boolean {
    if (this.#allowed) return true;
    if (this.modal && !this.open) return false;
    if (this.loading === 'lazy' && !this.modal) {
      this.#frameBox().style.minHeight = 'var(--frameport-height, 480px)';
      this.#stopWaiting ??= whenNearViewport(this, () => {
        this.#stopWaiting = undefined;
        this.#allowed = true;
        this.requestUpdate();
      });
      return false;
    }
    this.#allowed = true;
    return true;
  }

  /** Creates the iframe and connects it (after fetching the token first with `token-delivery="url"`). */
  #start(url: URL, delivery: TokenDelivery, frame: { sandbox: string; allow: string; referrerPolicy: string }): void {
    const generation = ++this.#generation;
    const container = this.#frameBox();
    container.style.removeProperty('min-height');
    const iframe = document.createElement('iframe');
    iframe.setAttribute('part', 'frame');
    iframe.title = this.frameTitle || this.strings[this.titleKey];
    iframe.setAttribute('sandbox', frame.sandbox);
    iframe.setAttribute('allow', frame.allow);
    iframe.setAttribute('referrerpolicy', frame.referrerPolicy);
    container.append(iframe);
    this.#iframe = iframe;
    this.#height = undefined;
    this.#setState('loading');

    const href = new URL(url.href);
    href.searchParams.set('lang', this.language);
    this.#unsubscribeTokens = this.#tokens.subscribe(
      (event) => generation === this.#generation && this.#onTokenEvent(event),
    );
    this.#unregisterSession = onSignOut(() => generation === this.#generation && this.#endSession());

    if (delivery === 'message') return this.#connect(iframe, href.href, generation);
    this.#tokens.get().then(
      (grant) => {
        if (generation !== this.#generation) return; // disconnected or changed meanwhile (THREATS 28)
        if (!grant) return this.#fail(providerEnded());
        const withToken = new URL(href.href);
        withToken.searchParams.set('token', grant.token);
        this.#connect(iframe, href.href, generation, withToken.href);
      },
      (error: unknown) => generation === this.#generation && this.#fail(error),
    );
  }

  #connect(iframe: HTMLIFrameElement, url: string, generation: number, srcWithToken?: string): void {
    const current = () => generation === this.#generation;
    const params = this.embedParams();
    const settings = this.#settings();
    let connection: Connection;
    try {
      connection = connect(iframe, {
        url,
        tokenSource: this.#tokens,
        ...(params ? { params } : {}),
        settings,
        handshakeTimeout: this.handshakeTimeout,
        allowInsecure: this.allowInsecure,
        debug: this.debug,
        keepSrc: srcWithToken !== undefined,
        onStateChange: (state) => current() && this.#onConnectionState(state),
        onReady: ({ features, protocol }) => current() && this.emit('ready', { features: [...features], protocol }),
        onEvent: (message) => current() && this.#onEmbedEvent(message),
        onResize: (height) => {
          if (!current()) return;
          this.#height = height;
          this.#applyHeight();
        },
        onError: (error) => current() && this.#fail(error),
        onTokenExpiring: () => (current() ? this.#onTokenExpiring() : undefined),
        onTrace: (entry) => {
          // Bounded: a long-lived embed must not grow without end.
          if (this.#timeline.push(entry) > TIMELINE_LIMIT) this.#timeline.shift();
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

  #onConnectionState(state: ConnectionState): void {
    if (state === 'error') {
      if (this.#state !== 'error') this.#setState('error');
      return;
    }
    this.#setState(state === 'closed' ? 'idle' : state);
  }

  #onEmbedEvent(message: EmbedEvent): void {
    if (message.type === 'CLOSE')
      return void this.#modal.requestClose(message.reason === 'escape' ? 'escape' : 'embed');
    this.handleEmbedEvent(message);
  }

  /** Keeps the iframe; the next SET_TOKEN comes from the new source. */
  #tokenSourceChanged(): void {
    const connection = this.#connection;
    if (!connection) return;
    if (connection.state === 'error') return this.reload(); // no session to refresh: start again
    const refresh = () => {
      if (connection !== this.#connection) return;
      this.#switchingSource = true; // not an expiry: no token-expiring event
      try {
        void connection.refreshToken();
      } finally {
        this.#switchingSource = false;
      }
    };
    // Before READY nothing was fetched yet; while authenticating the source switch is seen by
    // SwitchableTokenSource.get itself.
    if (connection.state === 'ready') refresh();
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
    this.dispatchEvent(event);
    return response;
  }

  #onTokenEvent(event: TokenEvent): void {
    switch (event.type) {
      case 'token-refreshed':
        return void this.emit('token-refreshed', { expiresAt: event.expiresAt });
      case 'token-refresh-failed':
        return void this.emit('token-refresh-failed', {
          attempt: event.attempt,
          nextRetryAt: event.nextRetryAt,
          ...event.error.toJSON(),
        });
      case 'session-ended':
        return void this.emit('session-ended', {});
    }
  }

  #applyHeight(): void {
    const iframe = this.#iframe;
    if (!iframe) return;
    // CSSOM, not a style attribute in a template: allowed under `style-src 'self'` (THREATS 40).
    if (this.autoResize && this.#height !== undefined) iframe.style.height = `${this.#height}px`;
    else iframe.style.removeProperty('height');
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
    this.#unsubscribeTokens?.();
    this.#unsubscribeTokens = undefined;
    this.#unregisterSession?.();
    this.#unregisterSession = undefined;
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

  // ---- modal (the rest is in ModalController) ----------------------------------------

  #onCloseButton = (): void => void this.#modal.requestClose('button');

  #onRetry = (): void => this.reload();
}
