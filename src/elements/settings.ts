import type { EmbedDefaults } from './context.js';

/**
 * Where an embed's settings come from, most specific first: the element's own attribute or
 * property, then a seed-shaped `settings` object (`<execution-details>`), then the nearest
 * `<embed-provider>`, then the defaults below. Pure functions: the element keeps the values.
 */

/** `message`: the token goes with SET_TOKEN. `url`: it is appended as `?token=` (the seed's pattern 2). */
export type TokenDelivery = 'message' | 'url';

/** Settings an embed may take from a settings object (`<execution-details>`'s seed-shaped `settings`). */
export interface SeedSettings {
  language?: string | undefined;
  i18nOverrides?: Record<string, string> | undefined;
  modal?: boolean | undefined;
}

/** Settings with a default (or a fallback from `settings` / `<embed-provider>`) keep their own value here. */
export interface OwnSettings {
  language?: string | undefined;
  tokenDelivery?: string | undefined;
  handshakeTimeout?: number | undefined;
  modal?: boolean | undefined;
}

/** The layers a setting is looked up in. */
export interface SettingLayers {
  own: OwnSettings;
  seed: SeedSettings | undefined;
  provider: EmbedDefaults;
}

/** Safe defaults for the iframe, each overridable by the attribute of the same name. */
export const FRAME_DEFAULTS = {
  sandbox: 'allow-scripts allow-same-origin allow-forms allow-popups allow-popups-to-escape-sandbox allow-downloads',
  allow: 'clipboard-write; fullscreen',
  referrerPolicy: 'strict-origin-when-cross-origin',
} as const;

const DEFAULT_LANGUAGE = 'en';
const DEFAULT_HANDSHAKE_TIMEOUT = 10_000;

export const resolveLanguage = ({ own, seed, provider }: SettingLayers): string =>
  own.language || seed?.language || provider.language || DEFAULT_LANGUAGE;

export const resolveTokenDelivery = ({ own }: SettingLayers): TokenDelivery =>
  own.tokenDelivery === 'url' ? 'url' : 'message';

export function resolveHandshakeTimeout({ own }: SettingLayers): number {
  const value = own.handshakeTimeout;
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : DEFAULT_HANDSHAKE_TIMEOUT;
}

export const resolveModal = ({ own, seed }: SettingLayers): boolean => own.modal ?? seed?.modal ?? false;

/** Only string values can travel in SET_SETTINGS (the guest drops anything else). */
function stringRecord(value: unknown): Record<string, string> | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const result: Record<string, string> = {};
  for (const [key, entry] of Object.entries(value)) if (typeof entry === 'string') result[key] = entry;
  return result;
}

/** The effective i18n overrides: provider, then `settings`, then the element's own, key by key. */
export const resolveOverrides = ({ seed, provider }: SettingLayers, own: unknown): Record<string, string> => ({
  ...stringRecord(provider.i18nOverrides),
  ...stringRecord(seed?.i18nOverrides),
  ...stringRecord(own),
});

/** The iframe's sandbox, allow and referrer policy: the element's overrides, else the safe defaults. */
export function frameAttributes(
  delivery: TokenDelivery,
  own: { sandbox?: string | undefined; allow?: string | undefined; referrerPolicy?: string | undefined },
): { sandbox: string; allow: string; referrerPolicy: string } {
  return {
    sandbox: own.sandbox ?? FRAME_DEFAULTS.sandbox,
    allow: own.allow ?? FRAME_DEFAULTS.allow,
    // A token in the URL must not leak through the Referer of the embed's requests (THREATS 13).
    referrerPolicy: delivery === 'url' ? 'no-referrer' : own.referrerPolicy || FRAME_DEFAULTS.referrerPolicy,
  };
}
