import { createContext } from '@lit/context';
import type { TokenProvider } from '../host/types.js';

/**
 * What an `<embed-provider>` hands to every embed inside it. Unset fields leave the embed's
 * own defaults alone; an embed's own attribute or property always wins.
 */
export interface EmbedDefaults {
  platformUrl?: string | undefined;
  tokenUrl?: string | undefined;
  tokenProvider?: TokenProvider | undefined;
  language?: string | undefined;
  i18nOverrides?: Record<string, string> | undefined;
  /** `auto`, `light` or `dark`. */
  theme?: string | undefined;
}

/**
 * The context key is a string, not a `Symbol()`, so that a provider and embeds from two
 * copies of the SDK on one page (npm bundle + CDN) still find each other.
 */
export const embedDefaultsContext = createContext<EmbedDefaults>('frameport:embed-defaults');
