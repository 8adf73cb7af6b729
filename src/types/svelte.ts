/**
 * Svelte 5 template types for the tags (`SvelteHTMLElements`), so `svelte-check` checks
 * `<notebook-embed params={params} onparameter-change={onChange}>`. Load once, e.g. in
 * `src/app.d.ts`:
 *
 * ```ts
 * import type {} from 'frameport/svelte';
 * ```
 *
 * Svelte 5 sets a prop as a property when the element has one (`params={…}`,
 * `tokenProvider={fn}`), so objects and functions arrive intact, and listens to `on` + the exact
 * event name (`onparameter-change`, `onrun-all`, `onexecution-run`, `onready`, `onclose`).
 *
 * Server rendering (SvelteKit) writes every prop of a custom element as an attribute, so
 * `{params}` becomes `params="[object Object]"` and `{tokenProvider}` the function's source. Pass
 * objects and functions with the `properties` attachment instead, which runs in the browser only:
 * `<notebook-embed {src} {@attach properties({ params, tokenProvider })}>`.
 * @packageDocumentation
 */
import type { Attachment } from 'svelte/attachments';
import type { HTMLAttributes } from 'svelte/elements';
import type { EmbedProvider } from '../elements/embed-provider.component.js';
import type { ExecutionDetails } from '../elements/execution-details.component.js';
import type { NotebookEmbed } from '../elements/notebook-embed.component.js';
import type {
  EmbedProviderTemplateProps,
  ExecutionDetailsEventMap,
  ExecutionDetailsTemplateProps,
  EmbedProviderProperties,
  ExecutionDetailsProperties,
  LowercaseEventHandlers,
  NotebookEmbedEventMap,
  NotebookEmbedProperties,
  NotebookEmbedTemplateProps,
} from './elements.js';

/** Every property of the three tags (a misspelled name is a type error). */
export type FrameportProperties = ExecutionDetailsProperties & NotebookEmbedProperties & EmbedProviderProperties;

/**
 * A Svelte attachment that sets `values` as properties of the element, in the browser only
 * (attachments never run during server rendering), and again whenever a value it reads changes:
 *
 * ```svelte
 * <notebook-embed {src} {@attach properties({ params, tokenProvider })}></notebook-embed>
 * ```
 *
 * Server HTML then carries `src` but never `params="[object Object]"` or a function's source.
 */
export function properties(values: FrameportProperties): Attachment<HTMLElement> {
  return (element) => {
    Object.assign(element, values);
  };
}

/** Svelte's HTML attributes for element `I`, plus the tag's own props `P` and event handlers `H`. */
type SvelteProps<I extends HTMLElement, P, H = object> = Omit<HTMLAttributes<I>, keyof P | keyof H> & P & H;

/** The tags as Svelte sees them. */
export interface FrameportSvelteElements {
  'execution-details': SvelteProps<
    ExecutionDetails,
    ExecutionDetailsTemplateProps,
    LowercaseEventHandlers<ExecutionDetailsEventMap, ExecutionDetails>
  >;
  'notebook-embed': SvelteProps<
    NotebookEmbed,
    NotebookEmbedTemplateProps,
    LowercaseEventHandlers<NotebookEmbedEventMap, NotebookEmbed>
  >;
  'embed-provider': SvelteProps<EmbedProvider, EmbedProviderTemplateProps>;
}

declare module 'svelte/elements' {
  interface SvelteHTMLElements {
    'execution-details': FrameportSvelteElements['execution-details'];
    'notebook-embed': FrameportSvelteElements['notebook-embed'];
    'embed-provider': FrameportSvelteElements['embed-provider'];
  }
}
