/**
 * React 19 JSX types for the tags, for apps that write `<notebook-embed>` in TSX without the
 * `frameport/react` wrappers. Load once, e.g. in a `.d.ts` of the app:
 *
 * ```ts
 * import type {} from 'frameport/jsx';
 * ```
 *
 * React 19 sets a prop as a property when the element has one (`params={{ region: 'EU' }}`,
 * `tokenProvider={fn}`) and listens to `on` + the exact event name: `onparameter-change`,
 * `onrun-all`, `onexecution-run`, `onready`, and `onclose` / `onerror` in lower case (React's
 * own `onClose` / `onError` do not reach custom elements). The handler gets the `CustomEvent`.
 * `frameport/react` loads these types too.
 * @packageDocumentation
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
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

/** React's HTML props for element `I`, plus the tag's own props `P` and event handlers `H`. */
type IntrinsicProps<I extends HTMLElement, P, H = object> = Omit<
  DetailedHTMLProps<HTMLAttributes<I>, I>,
  keyof P | keyof H
> &
  P &
  H;

/** The JSX intrinsic elements frameport adds. */
export interface FrameportIntrinsicElements {
  'execution-details': IntrinsicProps<
    ExecutionDetails,
    ExecutionDetailsTemplateProps,
    LowercaseEventHandlers<ExecutionDetailsEventMap, ExecutionDetails>
  >;
  'notebook-embed': IntrinsicProps<
    NotebookEmbed,
    NotebookEmbedTemplateProps,
    LowercaseEventHandlers<NotebookEmbedEventMap, NotebookEmbed>
  >;
  'embed-provider': IntrinsicProps<EmbedProvider, EmbedProviderTemplateProps>;
}

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- React's JSX types live in this namespace.
  namespace JSX {
    interface IntrinsicElements {
      'execution-details': FrameportIntrinsicElements['execution-details'];
      'notebook-embed': FrameportIntrinsicElements['notebook-embed'];
      'embed-provider': FrameportIntrinsicElements['embed-provider'];
    }
  }
}
