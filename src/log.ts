/** Debug logging for host and guest; kept out of the wire protocol module. */
import { redact } from './protocol/redact.js';

export type Logger = (what: string, message?: unknown) => void;

/** A console.debug logger that redacts tokens (THREATS 14); a no-op when disabled. */
export function createLogger(prefix: string, enabled: boolean): Logger {
  if (!enabled) return () => {};
  return (what, message) =>
    message === undefined
      ? console.debug(`[${prefix}] ${what}`)
      : console.debug(`[${prefix}] ${what}`, redact(message));
}
