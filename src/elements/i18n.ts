/**
 * Every string the host renders around an embed (the embed renders its own), in English and
 * German; other languages fall back to English. An app translates or rewords them through
 * `i18nOverrides`, the same object that is sent to the embed with SET_SETTINGS, which is why
 * these keys carry a `frameport.` prefix: they must not collide with the platform's own keys.
 */
export const HOST_STRINGS = {
  /** Accessible name of the modal's X button. */
  'frameport.close': 'Close',
  /** Text of the loading overlay. */
  'frameport.loading': 'Loading…',
  /** Heading of the error panel. */
  'frameport.errorTitle': 'This view could not be loaded',
  /** The error panel's sentence for people, when the view did not answer (HANDSHAKE_TIMEOUT). */
  'frameport.errorTimeout': 'The view did not respond. Check your connection and try again.',
  /** The error panel's sentence for people, when no sign-in could be obtained (TOKEN_UNAVAILABLE). */
  'frameport.errorSignIn': 'You could not be signed in to this view. Try again, or sign in again.',
  /** The error panel's sentence for people, for any other failure. */
  'frameport.errorOther': 'Something went wrong while showing this view. Try again.',
  /** Summary of the disclosure holding the technical detail (message, hint, code). */
  'frameport.details': 'Technical details',
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

/** The built-in German table. */
const HOST_STRINGS_DE: HostStrings = {
  'frameport.close': 'Schließen',
  'frameport.loading': 'Wird geladen…',
  'frameport.errorTitle': 'Diese Ansicht konnte nicht geladen werden',
  'frameport.errorTimeout': 'Die Ansicht hat nicht geantwortet. Prüfen Sie die Verbindung und versuchen Sie es erneut.',
  'frameport.errorSignIn':
    'Die Anmeldung bei dieser Ansicht ist fehlgeschlagen. Versuchen Sie es erneut oder melden Sie sich neu an.',
  'frameport.errorOther': 'Beim Anzeigen dieser Ansicht ist ein Fehler aufgetreten. Versuchen Sie es erneut.',
  'frameport.details': 'Technische Details',
  'frameport.hint': 'Was hilft:',
  'frameport.retry': 'Erneut versuchen',
  'frameport.executionTitle': 'Ausführungsdetails',
  'frameport.notebookTitle': 'Notebook',
};

/** The table for `language` (German or English) with the overrides that apply to it; other keys are left to the embed. */
export function hostStrings(overrides: Readonly<Record<string, string>> | undefined, language = 'en'): HostStrings {
  const base = language.toLowerCase().split('-')[0] === 'de' ? HOST_STRINGS_DE : HOST_STRINGS;
  const strings: HostStrings = { ...base };
  if (!overrides) return strings;
  for (const key of Object.keys(HOST_STRINGS) as HostStringKey[]) {
    const value = Object.hasOwn(overrides, key) ? overrides[key] : undefined;
    if (typeof value === 'string' && value !== '') strings[key] = value;
  }
  return strings;
}
