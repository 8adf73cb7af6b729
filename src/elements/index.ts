/**
 * The element classes and their types, without registering any tag: for scoped registries
 * and custom tag names (`customElements.define('my-notebook', NotebookEmbed)`). Import
 * `frameport` instead to register `<execution-details>`, `<notebook-embed>` and `<embed-provider>`.
 * @packageDocumentation
 */
export {
  EmbedElement,
  FRAME_DEFAULTS,
  type EmbedState,
  type TokenDelivery,
  type SeedSettings,
} from './embed-element.js';
export { ExecutionDetails, type ExecutionDetailsSettings, type Execution } from './execution-details.component.js';
export { NotebookEmbed, type RunAllResult } from './notebook-embed.component.js';
export { EmbedProvider } from './embed-provider.component.js';
export { embedDefaultsContext, type EmbedDefaults } from './context.js';
export { HOST_STRINGS, hostStrings, type HostStringKey, type HostStrings } from './i18n.js';
export { define } from './define.js';
export type * from './events.js';
export { ErrorCode, FrameportError, isFrameportError } from '../protocol/errors.js';
export type { TokenProvider, TokenProviderResult, TokenGrant, TraceEntry } from '../host/types.js';
export type { Params } from '../protocol/messages.js';
