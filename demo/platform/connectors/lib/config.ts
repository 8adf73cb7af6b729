/** Small helpers for reading a connector's configuration from its environment. */

/** A required option; `undefined` (with the reason on stderr) when it is missing. */
export function required(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]?.trim();
  if (!value) console.error(`${name} is not set: configure the connector's ${name} option`);
  return value || undefined;
}

/** A checkbox option: `true` when checked. */
export const checked = (env: NodeJS.ProcessEnv, name: string) => ['true', '1', 'yes', 'on'].includes(env[name] ?? '');

/** An integer option within bounds, the default when unset; `undefined` (reason on stderr) when invalid. */
export function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, max: number): number | undefined {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > max) {
    console.error(`${name} must be a whole number from 0 to ${max}, not "${raw}"`);
    return undefined;
  }
  return value;
}

/** The columns of some rows, in first-seen order. */
export function columnsOf(rows: ReadonlyArray<Record<string, unknown>>): string[] {
  const columns = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) columns.add(key);
  return [...columns];
}
