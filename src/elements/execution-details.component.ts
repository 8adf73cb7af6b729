import type { PropertyDeclarations } from 'lit';
import { joinPath, resolveEmbedUrl } from '../host/url.js';
import type { EmbedDefaults } from './context.js';
import { EmbedElement, type SeedSettings } from './embed-element.js';
import type { ExecutionDetailsEventMap } from './events.js';
import type { HostStringKey } from './i18n.js';

/** The seed's settings object: `{ i18nOverrides, language, modal }`; individual attributes win. */
export interface ExecutionDetailsSettings {
  i18nOverrides?: Record<string, string>;
  language?: string;
  modal?: boolean;
}

/** The execution object the platform answers for a re-run (at least its `id`). */
export interface Execution {
  id: string;
  [key: string]: unknown;
}

/**
 * Embeds the platform's view of one execution: its steps, logs and invalid rows to fix and
 * re-run. The iframe loads `${platformUrl}/embed/executions/${executionId}?lang=…`.
 *
 * @tag execution-details
 * @summary One execution of the platform, inline or in a modal.
 *
 * @attr execution-id - The execution to show (required).
 * @attr platform-url - Origin (and optional base path) of the platform; may come from `<embed-provider>`.
 * @prop {ExecutionDetailsSettings | undefined} settings - The seed's `{ i18nOverrides, language, modal }`; individual attributes win.
 *
 * @event execution-run - The user re-ran the execution from the embed. `detail: { data }` (the new execution).
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- typed event overloads (below)
export class ExecutionDetails extends EmbedElement {
  static override properties: PropertyDeclarations = {
    executionId: { attribute: 'execution-id', reflect: true },
    platformUrl: { attribute: 'platform-url', reflect: true },
    settings: { attribute: false },
  };

  /** The execution to show (`execution-id`). */
  declare executionId: string | undefined;
  /** Origin of the platform (`platform-url`); falls back to `<embed-provider platform-url>`. */
  declare platformUrl: string | undefined;
  /** The seed's settings object; individual attributes win over its fields. */
  declare settings: ExecutionDetailsSettings | undefined;

  protected readonly titleKey: HostStringKey = 'frameport.executionTitle';

  /** Re-runs the execution (RPC `rerun`); resolves with what the platform answers. */
  rerun(): Promise<Execution> {
    return this.call<Execution>('rerun');
  }

  protected override seedSettings(): SeedSettings | undefined {
    return this.settings;
  }

  protected override embedUrl(defaults: EmbedDefaults): URL | undefined {
    const base = this.platformUrl || defaults.platformUrl;
    if (!base || !this.executionId) return undefined;
    const platform = resolveEmbedUrl(base, { allowInsecure: this.allowInsecure });
    return joinPath(platform, `embed/executions/${encodeURIComponent(this.executionId)}`);
  }
}

/** Typed `addEventListener` for this element's events (declaration merging, as Lit documents). */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- the class above
export interface ExecutionDetails {
  addEventListener<K extends keyof ExecutionDetailsEventMap>(
    type: K,
    listener: (this: ExecutionDetails, event: ExecutionDetailsEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener<K extends keyof HTMLElementEventMap>(
    type: K,
    listener: (this: ExecutionDetails, event: HTMLElementEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | AddEventListenerOptions,
  ): void;
  removeEventListener<K extends keyof ExecutionDetailsEventMap>(
    type: K,
    listener: (this: ExecutionDetails, event: ExecutionDetailsEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener<K extends keyof HTMLElementEventMap>(
    type: K,
    listener: (this: ExecutionDetails, event: HTMLElementEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | EventListenerOptions,
  ): void;
}
