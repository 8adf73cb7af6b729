/**
 * Every string the host renders around an embed (the embed renders its own). English only;
 * an app translates or rewords them through `i18nOverrides`, the same object that is sent to
 * the embed with SET_SETTINGS, which is why these keys carry a `frameport.` prefix: they must
 * not collide with the platform's own keys.
 */
export const HOST_STRINGS = {
  /** Accessible name of the modal's X button. */
  'frameport.close': 'Close',
  /** Text of the loading overlay. */
  'frameport.loading': 'Loading…',
  /** Heading of the error panel. */
  'frameport.errorTitle': 'This view could not be loaded',
  /** Label before the hint of the error panel. */
  'frameport.hint': 'What to try:',
  /** The button of the error panel that loads the embed again. */
  'frameport.retry': 'Retry',
  /** Default `title` (accessible name) of the iframe of `<execution-details>`. */
  'frameport.executionTitle': 'Execution details',
  /** Default `title` (accessible name) of the iframe of `<notebook-embed>`. */
  'frameport.notebookTitle': 'Notebook',
} as const;

export type HostStringKey = keyof typeof HOST_STRINGS;
export type HostStrings = Record<HostStringKey, string>;

/** The English table with the overrides that apply to it; other keys are left to the embed. */
export function hostStrings(overrides: Readonly<Record<string, string>> | undefined): HostStrings {
  const strings: HostStrings = { ...HOST_STRINGS };
  if (!overrides) return strings;
  for (const key of Object.keys(HOST_STRINGS) as HostStringKey[]) {
    const value = Object.hasOwn(overrides, key) ? overrides[key] : undefined;
    if (typeof value === 'string' && value !== '') strings[key] = value;
  }
  return strings;
}
