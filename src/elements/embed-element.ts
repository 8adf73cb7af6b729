import { LitElement, html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { ContextConsumer } from '@lit/context';
import type { EmbedEvent, TokenProvider, TraceEntry } from '../host/types.js';
import { ErrorCode } from '../protocol/errors.js';
import type { Params } from '../protocol/messages.js';
import { ConnectionController, type EmbedState } from './connection-controller.js';
import { embedDefaultsContext, type EmbedDefaults } from './context.js';
import { defaultTrue, jsonObject } from './converters.js';
import type { ErrorDetail } from './events.js';
import { hostStrings, type HostStringKey, type HostStrings } from './i18n.js';
import { ModalController } from './modal-controller.js';
import {
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

export type { EmbedState } from './connection-controller.js';
export { FRAME_DEFAULTS, type SeedSettings, type TokenDelivery } from './settings.js';

/**
 * The shared base of `<execution-details>` and `<notebook-embed>`. It holds no protocol logic:
 * it resolves its settings (own attributes, then `settings`, then the nearest
 * `<embed-provider>`, then defaults) and renders the iframe with its loading and error states.
 * Its controllers do the rest: ConnectionController makes the iframe and drives `connect()` from
 * `frameport/host`, ModalController the `<dialog>`, ThemeController follows the page's theme.
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
 * @cssproperty --frameport-loading-delay - How long loading lasts before the loading overlay and its spinner show (default 0.4s; `0s`: at once).
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
  readonly #defaults = new ContextConsumer(this, { context: embedDefaultsContext, subscribe: true });
  readonly #modal = new ModalController(this, (reason, cancelable) => this.emit('close', { reason }, cancelable));
  readonly #theme = new ThemeController(this, () => themeSetting(this.theme ?? this.providerDefaults.theme));
  readonly #connection = new ConnectionController(this, {
    defaults: () => this.providerDefaults,
    url: (defaults) => this.embedUrl(defaults),
    params: () => this.embedParams(),
    settings: () => ({
      language: this.language,
      i18nOverrides: this.#overrides(),
      theme: this.#theme.theme,
      modal: this.modal,
    }),
    emit: (type, detail) => this.emit(type, detail),
    // The embed's CLOSE closes the modal; its other events are the concrete element's.
    onEvent: (message) =>
      message.type === 'CLOSE'
        ? void this.#modal.requestClose(message.reason === 'escape' ? 'escape' : 'embed')
        : this.handleEmbedEvent(message),
  });

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
    this.#setOwn('language', 'language', value);
  }

  /** `message` (default) or `url`. */
  get tokenDelivery(): TokenDelivery {
    return resolveTokenDelivery(this.#layers());
  }
  set tokenDelivery(value: string | null | undefined) {
    this.#setOwn('tokenDelivery', 'token-delivery', value);
  }

  /** Time in ms to wait for READY_FOR_TOKEN (default 10000). */
  get handshakeTimeout(): number {
    return resolveHandshakeTimeout(this.#layers());
  }
  set handshakeTimeout(value: number | null | undefined) {
    this.#setOwn('handshakeTimeout', 'handshake-timeout', value);
  }

  /** Show inside a modal `<dialog>`: own value, else `settings.modal`, else false. */
  get modal(): boolean {
    return resolveModal(this.#layers());
  }
  set modal(value: boolean | null | undefined) {
    this.#setOwn('modal', 'modal', value);
  }

  /** Lifecycle, also reflected as the `state` attribute. */
  get state(): EmbedState {
    return this.#connection.state;
  }

  /**
   * Every message in and out of the embed (and those refused), newest last, tokens redacted:
   * paste it into a bug report. Kept across reconnects, up to the last 500 entries.
   */
  get timeline(): readonly TraceEntry[] {
    return [...this.#connection.timeline];
  }

  /** Capabilities the embed announced in its last READY_FOR_TOKEN. */
  get features(): readonly string[] {
    return this.#connection.features;
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
    this.#connection.reload();
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

  /** Dispatches a CustomEvent on the element (not bubbling, not composed); false when a listener cancelled it. */
  protected emit<T>(type: string, detail: T, cancelable = false): boolean {
    return this.dispatchEvent(new CustomEvent<T>(type, { detail, cancelable }));
  }

  /**
   * Calls an RPC method of the embed: waits for the handshake (and for a connection, if the
   * element is not connected yet), then rejects with RPC_UNAVAILABLE when the embed did not
   * offer it.
   */
  protected call<T>(method: string, ...args: unknown[]): Promise<T> {
    return this.#connection.call<T>(method, ...args);
  }

  /** Sends SET_PARAMETERS now (synchronously, so DATA_CLONE throws to the caller) and remembers it. */
  protected sendParameters(params: Params): void {
    this.#connection.sendParameters(params);
  }

  // ---- rendering ---------------------------------------------------------------------

  protected get strings(): HostStrings {
    return hostStrings(this.#overrides(), this.language);
  }

  protected override render(): TemplateResult {
    const t = this.strings;
    const title = this.frameTitle || t[this.titleKey];
    const { state, error, iframe } = this.#connection;
    const busy = state === 'loading' || state === 'authenticating';
    // The iframe is made (before this render) without a title: it is set here.
    if (iframe && iframe.title !== title) iframe.title = title;
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
        ${this.#connection.frame}
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

  /** The effective i18n overrides: provider, then `settings`, then own, key by key. */
  #overrides(): Record<string, string> {
    return resolveOverrides(this.#layers(), this.i18nOverrides);
  }

  /** Where settings are looked up: own values, `settings`, then `<embed-provider>` (settings.ts). */
  #layers(): SettingLayers {
    return { own: this.#own, seed: this.seedSettings(), provider: this.providerDefaults };
  }

  /**
   * Stores an own setting and reflects it to its attribute, the way native elements do.
   * The attribute callback our own reflection triggers is ignored (`#reflecting`), so an
   * explicit `el.modal = false` stays false even when `settings.modal` is true.
   */
  #setOwn<K extends keyof OwnSettings>(key: K, attribute: string, value: OwnSettings[K] | null): void {
    if (this.#reflecting) return;
    const old = this[key];
    this.#own[key] = value ?? undefined;
    const text = value == null || value === false ? null : value === true ? '' : String(value);
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

  // ---- modal (the rest is in ModalController) ----------------------------------------

  #onCloseButton = (): void => void this.#modal.requestClose('button');

  #onRetry = (): void => this.reload();
}
