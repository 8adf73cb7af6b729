/**
 * frameport: Web Components that embed the platform's views (execution details, notebooks)
 * over a secure, typed postMessage bridge. Importing this module registers
 * `<execution-details>`, `<notebook-embed>` and `<embed-provider>` (its only side effect),
 * skipping a tag another copy of the SDK already defined. `frameport/elements` has the same
 * classes without registration.
 * @packageDocumentation
 */
import { define } from './elements/define.js';
import { EmbedProvider } from './elements/embed-provider.component.js';
import { ExecutionDetails } from './elements/execution-details.component.js';
import { NotebookEmbed } from './elements/notebook-embed.component.js';

export * from './elements/index.js';
export { connect } from './host/connect.js';
export { signOut } from './host/sessions.js';
export type { Connection, ConnectOptions } from './host/types.js';

// The provider first: embeds upgraded right after it find it when they ask for its context.
define('embed-provider', EmbedProvider);
define('execution-details', ExecutionDetails);
define('notebook-embed', NotebookEmbed);

declare global {
  interface HTMLElementTagNameMap {
    'execution-details': ExecutionDetails;
    'notebook-embed': NotebookEmbed;
    'embed-provider': EmbedProvider;
  }
}
