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
 * @packageDocumentation
 */
import type { HTMLAttributes } from 'svelte/elements';
import type { EmbedProvider } from '../elements/embed-provider.component.js';
import type { ExecutionDetails } from '../elements/execution-details.component.js';
import type { NotebookEmbed } from '../elements/notebook-embed.component.js';
import type {
  EmbedProviderTemplateProps,
  ExecutionDetailsEventMap,
  ExecutionDetailsTemplateProps,
  LowercaseEventHandlers,
  NotebookEmbedEventMap,
  NotebookEmbedTemplateProps,
} from './elements.js';

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
