/**
 * What a template may set on each tag, shared by the framework declarations (`frameport/vue`,
 * `frameport/svelte`, `frameport/jsx`): the element's settable properties (camelCase, for
 * property bindings) and its attributes (kebab-case, for static markup), plus its events.
 * Derived from the element classes, so a renamed property breaks these types, not users' apps.
 * @packageDocumentation
 */
import type { EmbedElement } from '../elements/embed-element.js';
import type { EmbedProvider } from '../elements/embed-provider.component.js';
import type { ExecutionDetails } from '../elements/execution-details.component.js';
import type { NotebookEmbed } from '../elements/notebook-embed.component.js';
import type { ExecutionDetailsEventMap, NotebookEmbedEventMap } from '../elements/events.js';

/** Settable properties both embed elements share (the read-only `state` and `features` are left out). */
export type EmbedPropertyName =
  | 'accessToken'
  | 'tokenProvider'
  | 'tokenUrl'
  | 'tokenDelivery'
  | 'language'
  | 'i18nOverrides'
  | 'modal'
  | 'theme'
  | 'open'
  | 'handshakeTimeout'
  | 'debug'
  | 'autoResize'
  | 'allowInsecure'
  | 'sandbox'
  | 'allow'
  | 'referrerPolicy'
  | 'frameTitle'
  | 'loading';

/** Properties of `<execution-details>` a template may bind. */
export type ExecutionDetailsProperties = Partial<
  Pick<ExecutionDetails, EmbedPropertyName | 'executionId' | 'platformUrl' | 'settings'>
>;

/** Properties of `<notebook-embed>` a template may bind. */
export type NotebookEmbedProperties = Partial<Pick<NotebookEmbed, EmbedPropertyName | 'src' | 'params'>>;

/** Properties of `<embed-provider>` a template may bind. */
export type EmbedProviderProperties = Partial<
  Pick<EmbedProvider, 'platformUrl' | 'tokenUrl' | 'tokenProvider' | 'language' | 'i18nOverrides' | 'theme'>
>;

/** A boolean attribute: present (`""`, or the framework's `true`) or absent. */
type BooleanAttribute = boolean | '' | 'true' | 'false';

/** Attributes both embed elements share. Objects (`i18n-overrides`) are JSON text here. */
export interface EmbedAttributes {
  'access-token'?: string | undefined;
  'token-url'?: string | undefined;
  'token-delivery'?: EmbedElement['tokenDelivery'] | undefined;
  language?: string | undefined;
  'i18n-overrides'?: string | undefined;
  modal?: BooleanAttribute | undefined;
  theme?: 'auto' | 'light' | 'dark' | undefined;
  open?: BooleanAttribute | undefined;
  'handshake-timeout'?: number | string | undefined;
  debug?: BooleanAttribute | undefined;
  'auto-resize'?: BooleanAttribute | undefined;
  'allow-insecure'?: BooleanAttribute | undefined;
  sandbox?: string | undefined;
  allow?: string | undefined;
  referrerpolicy?: string | undefined;
  'frame-title'?: string | undefined;
  loading?: 'eager' | 'lazy' | undefined;
}

/** Attributes of `<execution-details>`. */
export interface ExecutionDetailsAttributes extends EmbedAttributes {
  'execution-id'?: string | undefined;
  'platform-url'?: string | undefined;
}

/** Attributes of `<notebook-embed>` (`params` as JSON text). */
export interface NotebookEmbedAttributes extends EmbedAttributes {
  src?: string | undefined;
  params?: string | undefined;
}

/** Attributes of `<embed-provider>`. */
export interface EmbedProviderAttributes {
  'platform-url'?: string | undefined;
  'token-url'?: string | undefined;
  language?: string | undefined;
  'i18n-overrides'?: string | undefined;
  theme?: 'auto' | 'light' | 'dark' | undefined;
}

/**
 * Everything a template may set on a tag: its properties, plus the attributes that have no
 * property of the same name. Where both exist (`params`, `modal`) the property's type wins,
 * since Vue, Svelte and React 19 set a property whenever the element has one.
 */
export type TemplateProps<P, A> = P & Omit<A, keyof P>;

export type ExecutionDetailsTemplateProps = TemplateProps<ExecutionDetailsProperties, ExecutionDetailsAttributes>;
export type NotebookEmbedTemplateProps = TemplateProps<NotebookEmbedProperties, NotebookEmbedAttributes>;
export type EmbedProviderTemplateProps = TemplateProps<EmbedProviderProperties, EmbedProviderAttributes>;

export type { ExecutionDetailsEventMap, NotebookEmbedEventMap };

/** Handler props named `on` + the event name, as Svelte 5 and React 19 bind custom events. */
export type LowercaseEventHandlers<M, Self = HTMLElement> = {
  [K in keyof M & string as `on${K}`]?: ((this: Self, event: M[K]) => void) | undefined | null;
};
