import type { PropertyDeclarations } from 'lit';
import type { EmbedEvent } from '../host/types.js';
import { resolveEmbedUrl } from '../host/url.js';
import { ErrorCode, FrameportError } from '../protocol/errors.js';
import type { Params } from '../protocol/messages.js';
import { jsonObject } from './converters.js';
import { EmbedElement } from './embed-element.js';
import type { NotebookEmbedEventMap } from './events.js';
import type { HostStringKey } from './i18n.js';

/**
 * What the platform answers to Run all: an object whose fields are the notebook's (the demo
 * platform answers `{ params, rows, totals, ranAt }`).
 */
export interface RunAllResult {
  /** The parameter values the notebook ran with, when the platform reports them. */
  params?: Params;
  [field: string]: unknown;
}

/**
 * Embeds a notebook of the platform by its Integration URL, with externalized parameters the
 * host app can set and read, and Run all.
 *
 * @tag notebook-embed
 * @summary A notebook of the platform with externalized parameters.
 *
 * @attr src - The Integration URL of the notebook (required).
 * @attr params - JSON object of externalized parameter values, sent with SET_PARAMETERS once the token is set (also a property).
 *
 * @event parameter-change - The user changed a parameter in the embed. `detail: { name, value, params }` (`params`: the full set).
 * @event run-all - The user ran all cells. `detail: { params }`.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- typed event overloads (below)
export class NotebookEmbed extends EmbedElement {
  static override properties: PropertyDeclarations = {
    src: { reflect: true },
    params: { converter: jsonObject },
  };

  /** The Integration URL of the notebook (`src`). */
  declare src: string | undefined;
  /** Externalized parameter values, sent with SET_PARAMETERS after every SET_TOKEN and whenever they change. */
  declare params: Params | undefined;

  protected readonly titleKey: HostStringKey = 'frameport.notebookTitle';

  /**
   * Sets parameter values: merges `params` into the `params` property and sends the full set
   * with SET_PARAMETERS at once (or after the handshake). Throws DATA_CLONE for values that
   * cannot be sent (functions, DOM nodes), INVALID_ARGUMENT for a non-object.
   */
  setParameters(params: Params): void {
    if (params === null || typeof params !== 'object' || Array.isArray(params)) {
      throw new FrameportError(ErrorCode.INVALID_ARGUMENT, 'setParameters() takes an object of parameter values.');
    }
    const merged = { ...this.params, ...params };
    this.sendParameters(merged);
    this.params = merged;
  }

  /** The embed's current parameter values (RPC `getParameters`). */
  getParameters(): Promise<Params> {
    return this.call<Params>('getParameters');
  }

  /** Runs all cells (RPC `runAll`); resolves with what the embed answers. */
  runAll(): Promise<RunAllResult> {
    return this.call<RunAllResult>('runAll');
  }

  protected override embedUrl(): URL | undefined {
    return this.src ? resolveEmbedUrl(this.src, { allowInsecure: this.allowInsecure }) : undefined;
  }

  protected override embedParams(): Params | undefined {
    return this.params;
  }

  protected override handleEmbedEvent(message: EmbedEvent): void {
    if (message.type === 'PARAMETER_CHANGED') {
      this.emit('parameter-change', { name: message.name, value: message.value, params: message.params });
    } else if (message.type === 'RUN_ALL') {
      this.emit('run-all', { params: message.params ?? {} });
    } else super.handleEmbedEvent(message);
  }
}

/** Typed `addEventListener` for this element's events (declaration merging, as Lit documents). */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- the class above
export interface NotebookEmbed {
  addEventListener<K extends keyof NotebookEmbedEventMap>(
    type: K,
    listener: (this: NotebookEmbed, event: NotebookEmbedEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener<K extends keyof HTMLElementEventMap>(
    type: K,
    listener: (this: NotebookEmbed, event: HTMLElementEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | AddEventListenerOptions,
  ): void;
  removeEventListener<K extends keyof NotebookEmbedEventMap>(
    type: K,
    listener: (this: NotebookEmbed, event: NotebookEmbedEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener<K extends keyof HTMLElementEventMap>(
    type: K,
    listener: (this: NotebookEmbed, event: HTMLElementEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | EventListenerOptions,
  ): void;
}
