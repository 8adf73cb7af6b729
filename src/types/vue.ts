/**
 * Vue 3 template types for the tags (`GlobalComponents`), so `vue-tsc` checks
 * `<notebook-embed :params.prop="params" @parameter-change="onChange">`: a misspelled prop, a
 * value of the wrong type and the `detail` of each event, with or without `strictTemplates`.
 * Load once, e.g. in `env.d.ts`:
 *
 * ```ts
 * import type {} from 'frameport/vue';
 * ```
 *
 * At run time, tell Vue the tags are custom elements:
 * `vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.includes('-') } } })`.
 * Bind objects and functions as properties (`:params.prop`, `.tokenProvider`); Vue already does
 * so for any name the element has, the modifier just says it out loud.
 * @packageDocumentation
 */
import type { EmitFn, HTMLAttributes, PublicProps } from 'vue';
import type {
  EmbedProviderTemplateProps,
  ExecutionDetailsEventMap,
  ExecutionDetailsTemplateProps,
  NotebookEmbedEventMap,
  NotebookEmbedTemplateProps,
} from './elements.js';

/** `@event-name` listeners typed with the element's events (the handler gets the `CustomEvent`). */
type VueEmit<M> = EmitFn<{ [K in keyof M]: (event: M[K]) => void }>;

/** `parameter-change` -> `ParameterChange`. */
type Pascal<S extends string> = S extends `${infer Head}-${infer Tail}`
  ? `${Capitalize<Head>}${Pascal<Tail>}`
  : Capitalize<S>;

/**
 * `@parameter-change="…"` is checked against an `onParameterChange` prop: vue-tsc types a
 * listener from the props, not from `$emit`.
 */
type VueListeners<M> = { [K in keyof M & string as `on${Pascal<K>}`]?: (event: M[K]) => void };

/**
 * A custom element as Vue's template checker sees a component (the shape Vue's docs give for
 * custom elements): `$props` and `$emit` exist for types only.
 */
export type DefineCustomElement<E extends HTMLElement, P, M = Record<never, never>> = new () => E & {
  /** @deprecated For template type-checking only; not a member of the element. */
  $props: Omit<HTMLAttributes, keyof P | keyof VueListeners<M>> & P & VueListeners<M> & PublicProps;
  /** @deprecated For template type-checking only; not a member of the element. */
  $emit: VueEmit<M>;
};

/** Everything a tag takes in a template: HTML attributes, its own props, its `on*` listeners. */
export type VueTagProps<P, M = Record<never, never>> = Omit<HTMLAttributes, keyof P | keyof VueListeners<M>> &
  P &
  VueListeners<M> &
  PublicProps;

/**
 * Each prop of `T` that `Allowed` lacks gets a type no template value has, which names the
 * reason. `data-*` attributes (vue-tsc passes them camelized: `dataTestid`) are always allowed.
 */
type OnlyKnown<T, Allowed, Tag extends string> = {
  [K in keyof T]: K extends keyof Allowed | `data${string}`
    ? T[K]
    : { [Reason in `is not a property or attribute of <${Tag}>`]: K };
};

/**
 * A tag as Vue's template checker sees it: a function component whose props must all be known.
 * vue-tsc lets any extra prop through to a class component (as fallthrough attributes) unless
 * `strictTemplates` is on; a generic function is called with the template's props as they are,
 * so `:srcc="…"` or `.tokenProvidr="…"` fails vue-tsc in the setup `create-vue` gives.
 */
export type CheckedCustomElement<Tag extends string, P, M = Record<never, never>> = <const T extends VueTagProps<P, M>>(
  props: T & OnlyKnown<T, VueTagProps<P, M>, Tag>,
  context?: unknown,
) => unknown;

/** The tags as Vue global components. */
export interface FrameportGlobalComponents {
  'execution-details': CheckedCustomElement<
    'execution-details',
    ExecutionDetailsTemplateProps,
    ExecutionDetailsEventMap
  >;
  'notebook-embed': CheckedCustomElement<'notebook-embed', NotebookEmbedTemplateProps, NotebookEmbedEventMap>;
  'embed-provider': CheckedCustomElement<'embed-provider', EmbedProviderTemplateProps>;
}

declare module 'vue' {
  interface GlobalComponents {
    'execution-details': FrameportGlobalComponents['execution-details'];
    'notebook-embed': FrameportGlobalComponents['notebook-embed'];
    'embed-provider': FrameportGlobalComponents['embed-provider'];
  }
}
