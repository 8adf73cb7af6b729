import { LitElement, html, type PropertyDeclarations, type TemplateResult } from 'lit';
import { ContextProvider } from '@lit/context';
import type { TokenProvider } from '../host/types.js';
import { embedDefaultsContext } from './context.js';
import { jsonObject } from './converters.js';
import { providerStyles } from './styles.js';

/**
 * Gives every embed inside it shared settings, so a page with many embeds states the platform,
 * the token source and the language once. An embed's own attribute or property always wins.
 * Embeds sharing its `tokenProvider` or `token-url` share one token cache (one refresh in flight).
 *
 * @tag embed-provider
 * @summary Shared settings for the embeds inside it.
 *
 * @attr platform-url - Default `platform-url` of `<execution-details>` inside.
 * @attr token-url - Default token endpoint of the embeds inside.
 * @attr language - Default UI language of the embeds inside.
 * @attr i18n-overrides - JSON object of default text overrides (merged key by key under each embed's own).
 * @attr theme - Default theme of the embeds inside: `auto`, `light` or `dark`.
 * @prop {TokenProvider | undefined} tokenProvider - Default token provider function of the embeds inside.
 *
 * @slot - The embeds (and anything else).
 */
export class EmbedProvider extends LitElement {
  static override styles = providerStyles;

  static override properties: PropertyDeclarations = {
    platformUrl: { attribute: 'platform-url', reflect: true },
    tokenUrl: { attribute: 'token-url', reflect: true },
    tokenProvider: { attribute: false },
    language: { reflect: true },
    theme: { reflect: true },
    i18nOverrides: { attribute: 'i18n-overrides', converter: jsonObject },
  };

  declare platformUrl: string | undefined;
  declare tokenUrl: string | undefined;
  declare tokenProvider: TokenProvider | undefined;
  declare language: string | undefined;
  declare theme: string | undefined;
  declare i18nOverrides: Record<string, string> | undefined;

  readonly #provider = new ContextProvider(this, { context: embedDefaultsContext, initialValue: {} });

  protected override willUpdate(): void {
    this.#provider.setValue({
      platformUrl: this.platformUrl || undefined,
      tokenUrl: this.tokenUrl || undefined,
      tokenProvider: this.tokenProvider,
      language: this.language || undefined,
      theme: this.theme || undefined,
      i18nOverrides: this.i18nOverrides,
    });
  }

  protected override render(): TemplateResult {
    return html`<slot></slot>`;
  }
}
