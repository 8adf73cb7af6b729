'use client';
/**
 * React wrappers for the frameport elements, with the seed's prop names:
 *
 * ```tsx
 * import { ExecutionDetails } from 'frameport/react';
 *
 * <ExecutionDetails
 *   accessToken={token}
 *   executionId="6695093afg66536c28b97222"
 *   settings={{ i18nOverrides: {}, language: 'en', modal: false }}
 *   onExecutionRun={({ data }) => console.log('re-run', data.id)}
 *   onClose={() => setOpen(false)}
 * />
 * ```
 *
 * Every element property is a prop of the same name (`tokenProvider`, `params` and `settings`
 * arrive as the very object or function you pass). Every event is an `on*` prop whose handler is
 * called with the event's `detail` and then the event: `onParameterChange={({ name, value }) => …}`.
 * Importing this module registers the tags like `frameport` does (skipping a tag another copy
 * of the SDK already defined), and does nothing else: it is safe to import during server
 * rendering, where string props are rendered as attributes (`execution-id`, `src`,
 * `platform-url`; never `access-token`) and objects and functions are left for the browser.
 * The module is marked `'use client'`, so React Server Components (the Next.js App Router)
 * treat the wrappers as client components.
 *
 * React 19 can also bind the tags directly (`<notebook-embed params={…}>`): see `frameport/jsx`.
 * @packageDocumentation
 */
import type * as React from 'react';
import {
  define,
  EmbedProvider as EmbedProviderElement,
  ExecutionDetails as ExecutionDetailsElement,
  NotebookEmbed as NotebookEmbedElement,
} from '../elements/index.js';
import type {
  EmbedProviderProperties,
  ExecutionDetailsProperties,
  NotebookEmbedProperties,
} from '../types/elements.js';
import {
  EXECUTION_DETAILS_EVENTS,
  NOTEBOOK_EMBED_EVENTS,
  type ExecutionDetailsHandlers,
  type NotebookEmbedHandlers,
} from './events.js';
import { openModalOnMount } from './modal.js';
import { wrap } from './wrap.js';

// The same guarded registration as `frameport`, provider first (see src/index.ts).
define('embed-provider', EmbedProviderElement);
define('execution-details', ExecutionDetailsElement);
define('notebook-embed', NotebookEmbedElement);

/** React's own props for an element, minus the names the wrapper defines itself. */
type HostProps<I extends HTMLElement, Own> = Omit<React.HTMLAttributes<I>, keyof Own>;

/** Props of `<ExecutionDetails>`: the element's properties, its events as `on*` handlers, and React's HTML props. */
export type ExecutionDetailsProps = HostProps<
  ExecutionDetailsElement,
  ExecutionDetailsProperties & ExecutionDetailsHandlers
> &
  ExecutionDetailsProperties &
  ExecutionDetailsHandlers;

/** Props of `<NotebookEmbed>`: the element's properties, its events as `on*` handlers, and React's HTML props. */
export type NotebookEmbedProps = HostProps<NotebookEmbedElement, NotebookEmbedProperties & NotebookEmbedHandlers> &
  NotebookEmbedProperties &
  NotebookEmbedHandlers;

/** Props of `<EmbedProvider>`: the shared settings, and children. */
export type EmbedProviderProps = HostProps<EmbedProviderElement, EmbedProviderProperties> & EmbedProviderProperties;

/** A wrapper component: props `P`, and a `ref` to the element `I`. */
export type ElementComponent<I extends HTMLElement, P> = React.ForwardRefExoticComponent<P & React.RefAttributes<I>>;

/**
 * `<execution-details>` as a React component: `accessToken`, `executionId`, `settings`,
 * `onExecutionRun={({ data }) => …}`, `onClose={({ reason }) => …}`, and every other property and
 * event of the element. A `ref` gives the element (`ref.current.rerun()`). With
 * `settings={{ modal: true }}` it opens as a modal when mounted (unless `open` is passed), as the
 * seed's component does; unmount it in `onClose`.
 */
export const ExecutionDetails: ElementComponent<ExecutionDetailsElement, ExecutionDetailsProps> = openModalOnMount(
  wrap<ExecutionDetailsElement, ExecutionDetailsProps>({
    tagName: 'execution-details',
    elementClass: ExecutionDetailsElement,
    events: EXECUTION_DETAILS_EVENTS,
    displayName: 'ExecutionDetails',
  }),
  'ExecutionDetails',
);

/**
 * `<notebook-embed>` as a React component: `src`, `tokenProvider`, `params`,
 * `onParameterChange={({ name, value, params }) => …}`, `onRunAll={({ params }) => …}`, and every
 * other property and event of the element. A `ref` gives the element (`ref.current.runAll()`).
 */
export const NotebookEmbed: ElementComponent<NotebookEmbedElement, NotebookEmbedProps> = wrap<
  NotebookEmbedElement,
  NotebookEmbedProps
>({
  tagName: 'notebook-embed',
  elementClass: NotebookEmbedElement,
  events: NOTEBOOK_EMBED_EVENTS,
  displayName: 'NotebookEmbed',
});

/** `<embed-provider>` as a React component: shared `platformUrl`, `tokenUrl`, `tokenProvider`, `language`, `i18nOverrides`. */
export const EmbedProvider: ElementComponent<EmbedProviderElement, EmbedProviderProps> = wrap<
  EmbedProviderElement,
  EmbedProviderProps
>({
  tagName: 'embed-provider',
  elementClass: EmbedProviderElement,
  events: {},
  displayName: 'EmbedProvider',
});

export type { DetailHandler, ExecutionDetailsHandlers, NotebookEmbedHandlers } from './events.js';
export type { FrameportIntrinsicElements } from '../types/jsx.js';
export type {
  CloseDetail,
  ErrorDetail,
  ExecutionRunDetail,
  ParameterChangeDetail,
  ReadyDetail,
  RunAllDetail,
} from '../elements/events.js';
export type { ExecutionDetailsSettings, Execution, TokenProvider, Params } from '../elements/index.js';
export { ExecutionDetailsElement, NotebookEmbedElement, EmbedProviderElement };
