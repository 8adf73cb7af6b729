/**
 * Angular standalone components for the frameport tags, so templates are type-checked:
 *
 * ```ts
 * import { FRAMEPORT_COMPONENTS } from 'frameport/angular';
 *
 * @Component({
 *   imports: [FRAMEPORT_COMPONENTS], // no CUSTOM_ELEMENTS_SCHEMA needed
 *   template: `<notebook-embed [src]="url" [params]="params()" [tokenProvider]="fetchToken"
 *     (parameter-change)="params.set($event.detail.params)" />`,
 * })
 * ```
 *
 * Each component's selector is the tag itself, so it sits on the real custom element: its inputs
 * are the element's properties (`[srcc]` or `[params]="42"` fail `ng build`), and it sets every
 * bound input on the element as a property (objects and functions arrive intact, never as
 * attributes, also under Angular SSR). Its outputs name the element's events and type `$event`
 * as the element's `CustomEvent` (`$event.detail.params`); Angular listens to the element
 * itself, so the outputs never emit on their own and each event reaches the handler once.
 * A template reference (`#notebook`) gives the component: `notebook.runAll()`,
 * `notebook.element`.
 *
 * Importing this module registers the tags like `frameport` does.
 * @packageDocumentation
 */
import {
  ChangeDetectionStrategy,
  Component,
  Directive,
  ElementRef,
  inject,
  input,
  output,
  type OnChanges,
  type SimpleChanges,
} from '@angular/core';
import {
  define,
  EmbedProvider as EmbedProviderElement,
  ExecutionDetails as ExecutionDetailsElement,
  NotebookEmbed as NotebookEmbedElement,
} from '../elements/index.js';
import type { EmbedEventMap, ExecutionDetailsEventMap, NotebookEmbedEventMap } from '../elements/events.js';
import type { Params } from '../protocol/messages.js';
import type { RunAllResult } from '../elements/notebook-embed.component.js';

// The same guarded registration as `frameport`, provider first (see src/index.ts).
define('embed-provider', EmbedProviderElement);
define('execution-details', ExecutionDetailsElement);
define('notebook-embed', NotebookEmbedElement);

/** Sets every input that changed on the host element as a property of the same name. */
@Directive()
abstract class ElementProxy<E extends HTMLElement> implements OnChanges {
  /** The custom element this component sits on. */
  readonly element: E = inject<ElementRef<E>>(ElementRef).nativeElement;

  ngOnChanges(changes: SimpleChanges): void {
    const element = this.element as unknown as Record<string, unknown>;
    for (const [name, change] of Object.entries(changes)) element[name] = change.currentValue;
  }
}

/** Inputs, outputs and methods both embed elements share. */
@Directive()
abstract class EmbedComponent<E extends ExecutionDetailsElement | NotebookEmbedElement> extends ElementProxy<E> {
  readonly accessToken = input<string | undefined>();
  readonly tokenProvider = input<E['tokenProvider']>();
  readonly tokenUrl = input<string | undefined>();
  readonly tokenDelivery = input<E['tokenDelivery'] | undefined>();
  readonly language = input<string | undefined>();
  readonly i18nOverrides = input<Record<string, string> | undefined>();
  readonly modal = input<boolean | undefined>();
  readonly open = input<boolean | undefined>();
  readonly handshakeTimeout = input<number | undefined>();
  readonly debug = input<boolean | undefined>();
  readonly autoResize = input<boolean | undefined>();
  readonly allowInsecure = input<boolean | undefined>();
  readonly sandbox = input<string | undefined>();
  readonly allow = input<string | undefined>();
  readonly referrerPolicy = input<string | undefined>();
  readonly frameTitle = input<string | undefined>();

  /** `(ready)`: the handshake is done. */
  readonly readyEvent = output<EmbedEventMap['ready']>({ alias: 'ready' });
  /** `(close)`: the modal is closing or the embed asked to close (cancelable). */
  readonly closeEvent = output<EmbedEventMap['close']>({ alias: 'close' });
  /** `(error)`: a failure, also shown in the element's error state. */
  readonly errorEvent = output<EmbedEventMap['error']>({ alias: 'error' });
  /** `(token-expiring)`: a refresh is due (cancelable; `detail.respondWith(…)`). */
  readonly tokenExpiring = output<EmbedEventMap['token-expiring']>({ alias: 'token-expiring' });
  /** `(token-refreshed)`: a fresh token was obtained. */
  readonly tokenRefreshed = output<EmbedEventMap['token-refreshed']>({ alias: 'token-refreshed' });
  /** `(token-refresh-failed)`: an attempt to obtain a token failed. */
  readonly tokenRefreshFailed = output<EmbedEventMap['token-refresh-failed']>({ alias: 'token-refresh-failed' });
  /** `(session-ended)`: the token provider answered `null`. */
  readonly sessionEnded = output<EmbedEventMap['session-ended']>({ alias: 'session-ended' });

  /** Opens the modal. */
  show(): void {
    this.element.show();
  }
  /** Closes the modal without a `close` event. */
  close(): void {
    this.element.close();
  }
  /** Loads the embed again from scratch. */
  reload(): void {
    this.element.reload();
  }
}

/**
 * `<notebook-embed>`: inputs `src`, `params`, `tokenProvider`, … (the element's properties);
 * outputs `(parameter-change)`, `(run-all)`, `(ready)`, `(close)`, `(error)` and the token events,
 * with `$event` typed as the element's `CustomEvent`.
 */
@Component({
  selector: 'notebook-embed',
  template: '<ng-content />',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotebookEmbedComponent extends EmbedComponent<NotebookEmbedElement> {
  readonly src = input<string | undefined>();
  readonly params = input<Params | undefined>();

  /** `(parameter-change)`: `$event.detail` is `{ name, value, params }`. */
  readonly parameterChange = output<NotebookEmbedEventMap['parameter-change']>({ alias: 'parameter-change' });
  /** `(run-all)`: `$event.detail` is `{ params }`. */
  readonly runAllEvent = output<NotebookEmbedEventMap['run-all']>({ alias: 'run-all' });

  /** Merges parameter values and sends the full set to the embed. */
  setParameters(params: Params): void {
    this.element.setParameters(params);
  }
  /** The embed's current parameter values. */
  getParameters(): Promise<Params> {
    return this.element.getParameters();
  }
  /** Runs all cells. */
  runAll(): Promise<RunAllResult> {
    return this.element.runAll();
  }
}

/**
 * `<execution-details>`: inputs `executionId`, `platformUrl`, `settings`, `accessToken`, … (the
 * element's properties); outputs `(execution-run)`, `(close)`, `(ready)`, `(error)` and the token
 * events, with `$event` typed as the element's `CustomEvent`.
 */
@Component({
  selector: 'execution-details',
  template: '<ng-content />',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ExecutionDetailsComponent extends EmbedComponent<ExecutionDetailsElement> {
  readonly executionId = input<string | undefined>();
  readonly platformUrl = input<string | undefined>();
  readonly settings = input<ExecutionDetailsElement['settings']>();

  /** `(execution-run)`: `$event.detail.data` is the new execution. */
  readonly executionRun = output<ExecutionDetailsEventMap['execution-run']>({ alias: 'execution-run' });

  /** Re-runs the execution. */
  rerun(): ReturnType<ExecutionDetailsElement['rerun']> {
    return this.element.rerun();
  }
}

/** `<embed-provider>`: shared `platformUrl`, `tokenUrl`, `tokenProvider`, `language`, `i18nOverrides` for the embeds inside. */
@Component({
  selector: 'embed-provider',
  template: '<ng-content />',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EmbedProviderComponent extends ElementProxy<EmbedProviderElement> {
  readonly platformUrl = input<string | undefined>();
  readonly tokenUrl = input<string | undefined>();
  readonly tokenProvider = input<EmbedProviderElement['tokenProvider']>();
  readonly language = input<string | undefined>();
  readonly i18nOverrides = input<Record<string, string> | undefined>();
}

/** All three components, for a standalone component's `imports`. */
export const FRAMEPORT_COMPONENTS = [
  NotebookEmbedComponent,
  ExecutionDetailsComponent,
  EmbedProviderComponent,
] as const;

export type {
  CloseDetail,
  ErrorDetail,
  ExecutionRunDetail,
  ParameterChangeDetail,
  ReadyDetail,
  RunAllDetail,
} from '../elements/events.js';
export type { ExecutionDetailsSettings, Execution, TokenProvider, Params, RunAllResult } from '../elements/index.js';
export { ExecutionDetailsElement, NotebookEmbedElement, EmbedProviderElement };
