/** Weekdays as rules and block windows name them. */
export const WEEKDAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;

/** `HH:MM` (00:00 to 24:00) to minutes after midnight; undefined if malformed. */
export function parseTimeOfDay(value: string): number | undefined {
  if (!HH_MM.test(value)) return undefined;
  const [h, m] = value.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

/** Whether `timeZone` is an IANA zone this runtime knows (e.g. `UTC`, `Europe/Berlin`). */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The weekday and minute of the day of an instant, in a time zone. */
export function localTime(ms: number, timeZone: string): { weekday: Weekday; minutes: number } {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(ms).map((p) => [p.type, p.value]));
  const weekday = (parts.weekday ?? 'Mon').slice(0, 3).toUpperCase() as Weekday;
  return { weekday, minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

/**
 * Whether a minute of the day lies in [start, end). An end before the start crosses midnight
 * (22:00 to 06:00); an end equal to the start, or 00:00 to 24:00, is the whole day.
 */
export function inTimeRange(minutes: number, start: number, end: number): boolean {
  if (start === end || (start === 0 && end === 1440)) return true;
  return start < end ? minutes >= start && minutes < end : minutes >= start || minutes < end;
}
