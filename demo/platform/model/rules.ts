import { WEEKDAYS, inTimeRange, localTime, parseTimeOfDay, type Weekday } from './clock.js';
import { METADATA_TYPES, isMetadataName, type Metadata, type MetadataType } from './metadata.js';

/** A webhook rule (seed 003): every rule of a webhook must hold for it to be sent. */
export interface Rule {
  variable_name: string;
  operation: string;
  value: string | number | Array<string | number>;
}

/** The operations each metadata type accepts. */
export const OPERATIONS: Record<MetadataType, readonly string[]> = {
  string: ['equals', 'not_equals', 'in', 'not_in', 'contains'],
  number: ['equals', 'not_equals', 'gt', 'gte', 'lt', 'lte'],
  // "between 00:00 and 08:00 on weekdays": the time of day and the weekday, in the webhook's time zone.
  datetime: ['time_between', 'weekday_in'],
};

const list = (value: Rule['value']) => (Array.isArray(value) ? value.map(String) : undefined);
const single = (value: Rule['value']) => (Array.isArray(value) ? undefined : String(value));
const asNumber = (value: string | undefined) =>
  value !== undefined && value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : undefined;

/** Why a rule cannot be evaluated (checked when the webhook is registered), or undefined if it is valid. */
export function ruleProblem(rule: Rule, index: number): string | undefined {
  const where = `rules.${index}`;
  if (!isMetadataName(rule.variable_name))
    return `${where}: unknown variable_name "${rule.variable_name}" (known: ${Object.keys(METADATA_TYPES).join(', ')})`;
  const type = METADATA_TYPES[rule.variable_name];
  const allowed = OPERATIONS[type];
  if (!allowed.includes(rule.operation))
    return `${where}: operation "${rule.operation}" is not valid for ${rule.variable_name} (a ${type}; use ${allowed.join(', ')})`;
  const op = rule.operation;
  if (op === 'in' || op === 'not_in') {
    if (!list(rule.value)?.length) return `${where}: ${op} needs a non-empty list of values`;
  } else if (op === 'time_between') {
    const bounds = list(rule.value);
    if (bounds?.length !== 2 || bounds.some((b) => parseTimeOfDay(b) === undefined))
      return `${where}: time_between needs two times of day, e.g. ["00:00", "08:00"]`;
  } else if (op === 'weekday_in') {
    const days = list(rule.value);
    if (!days?.length || days.some((d) => !WEEKDAYS.includes(d.toUpperCase() as Weekday)))
      return `${where}: weekday_in needs a list of ${WEEKDAYS.join(', ')}`;
  } else if (single(rule.value) === undefined) {
    return `${where}: ${op} needs a single value`;
  } else if (type === 'number' && asNumber(single(rule.value)) === undefined) {
    return `${where}: ${op} needs a number`;
  }
  return undefined;
}

/** Whether a (valid) rule holds for an execution's metadata. A missing value never satisfies a rule. */
export function ruleHolds(rule: Rule, metadata: Metadata, timeZone: string): boolean {
  if (!isMetadataName(rule.variable_name)) return false;
  const actual = metadata[rule.variable_name];
  if (actual === null) return rule.operation === 'not_equals' || rule.operation === 'not_in';
  switch (rule.operation) {
    case 'equals':
    case 'not_equals': {
      const expected = single(rule.value) ?? '';
      const same = typeof actual === 'number' ? actual === asNumber(expected) : actual === expected;
      return rule.operation === 'equals' ? same : !same;
    }
    case 'in':
      return (list(rule.value) ?? []).includes(String(actual));
    case 'not_in':
      return !(list(rule.value) ?? []).includes(String(actual));
    case 'contains':
      return String(actual).includes(single(rule.value) ?? '');
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const expected = asNumber(single(rule.value));
      if (expected === undefined || typeof actual !== 'number') return false;
      if (rule.operation === 'gt') return actual > expected;
      if (rule.operation === 'gte') return actual >= expected;
      if (rule.operation === 'lt') return actual < expected;
      return actual <= expected;
    }
    case 'time_between': {
      const [from, to] = (list(rule.value) ?? []).map(parseTimeOfDay);
      if (typeof actual !== 'number' || from === undefined || to === undefined) return false;
      return inTimeRange(localTime(actual, timeZone).minutes, from, to);
    }
    case 'weekday_in':
      return (
        typeof actual === 'number' &&
        (list(rule.value) ?? []).map((d) => d.toUpperCase()).includes(localTime(actual, timeZone).weekday)
      );
    default:
      return false;
  }
}

/** A rule as text for the delivery log, e.g. `rows gt 0`. */
export function describeRule(rule: Rule): string {
  const value = Array.isArray(rule.value) ? `[${rule.value.join(', ')}]` : String(rule.value);
  return `${rule.variable_name} ${rule.operation} ${value}`;
}
