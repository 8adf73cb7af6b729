import type { I18n } from '../lib/i18n.js';
import type { ExecutionStringId } from './strings.js';

type T = I18n<ExecutionStringId>;

/**
 * The platform writes step names and log lines in English. The page shows the known ones in the
 * UI language: each pattern names a string id whose `{placeholders}` take the captured parts,
 * with numbers re-formatted and plurals chosen by `Intl.PluralRules`. Anything else (connector
 * output, free text) is shown as the platform wrote it.
 */
const LOG_PATTERNS: ReadonlyArray<[RegExp, ExecutionStringId, string[]]> = [
  [/^Execution started for (.+)$/, 'log.startedFor', ['file']],
  [/^Execution started: (.+)$/, 'log.started', ['name']],
  [/^Fetched ([\d,]+) row\(s\)$/, 'log.fetched', ['count']],
  [/^Mapped columns: (.+)$/, 'log.mapped', ['columns']],
  [/^Row (\d+), (\w+): (.+)$/, 'log.rowError', ['row', 'field', 'message']],
  [/^([\d,]+) row\(s\) failed validation$/, 'log.failedValidation', ['count']],
  [/^All ([\d,]+) row\(s\) passed validation$/, 'log.passedValidation', ['count']],
  [/^Loaded ([\d,]+) row\(s\) into (.+)$/, 'log.loaded', ['count', 'table']],
  [/^Execution failed: ([\d,]+) invalid row\(s\) need fixing$/, 'log.failed', ['count']],
  [/^Execution finished successfully$/, 'log.finished', []],
  [/^Started dependent job (.+) as (\S+)$/, 'log.dependentStarted', ['name', 'id']],
];

/** The platform's validation messages (as in log lines), by error code; the value is kept. */
const VALIDATION_PATTERNS: ReadonlyArray<[RegExp, ExecutionStringId]> = [
  [/^\w[\w-]* is required$/, 'error.REQUIRED'],
  [/^"(.*)" is not a valid e-mail address$/, 'error.INVALID_EMAIL'],
  [/^"(.*)" is not a known country code$/, 'error.UNKNOWN_COUNTRY'],
  [/^"(.*)" is not a number$/, 'error.NOT_A_NUMBER'],
  [/^\w+ must not be negative$/, 'error.NEGATIVE_AMOUNT'],
];

function validationText(i18n: T, message: string): string {
  if (i18n.language.startsWith('en')) return message; // already the platform's own words
  for (const [pattern, id] of VALIDATION_PATTERNS) {
    const match = pattern.exec(message);
    if (match) return match[1] === undefined ? i18n.t(id) : `${i18n.t(id)}: „${match[1]}“`;
  }
  return message;
}

const STEP_NAMES: Readonly<Record<string, ExecutionStringId>> = {
  'Fetch file': 'step.fetch',
  'Map columns': 'step.map',
  'Validate rows': 'step.validate',
  'Load into warehouse': 'step.load',
};

/** A log line in the UI language when it is one the page knows. */
export function logText(i18n: T, message: string): string {
  for (const [pattern, id, names] of LOG_PATTERNS) {
    const match = pattern.exec(message);
    if (!match) continue;
    const vars: Record<string, string | number> = {};
    names.forEach((name, i) => {
      const part = match[i + 1] ?? '';
      vars[name] = name === 'count' ? Number(part.replace(/,/g, '')) : part;
    });
    if (typeof vars['field'] === 'string' && i18n.has(`field.${vars['field']}`))
      vars['field'] = i18n.t(`field.${vars['field']}` as ExecutionStringId);
    if (typeof vars['message'] === 'string') vars['message'] = validationText(i18n, vars['message']);
    return i18n.plural(id, vars);
  }
  return message;
}

/** A step name in the UI language when it is one the page knows. */
export function stepName(i18n: T, name: string): string {
  const id = STEP_NAMES[name];
  return id ? i18n.t(id) : name;
}
