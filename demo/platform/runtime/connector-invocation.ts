import type { ConnectorDefinition } from '../connectors/registry.js';

export interface Invocation {
  command: string;
  args: string[];
  /** The job's configuration as environment variables (environment-variable mode). */
  env: Record<string, string>;
}

/**
 * How a connector is started (seed 004): its command and arguments, the configuration either as
 * environment variables (`NAME=value`) or as command-line arguments (`--NAME=value`, in the order the
 * connector declares its fields), and for the health check its flag last. Checkboxes are `true` or
 * `false`. The bundled samples run as `node main.mjs <kind>`.
 */
export function connectorInvocation(
  connector: ConnectorDefinition,
  sampleEntry: string,
  config: Record<string, string | number | boolean>,
  healthCheck: boolean,
): Invocation {
  const check = healthCheck ? connector.healthCheck.split(/\s+/).filter(Boolean) : [];
  const values = connector.options.filter((o) => o.name in config).map((o) => [o.name, String(config[o.name])]);
  const byArgs = connector.executionMode === 'command_line_arguments';
  const args = [...connector.args, ...(byArgs ? values.map(([name, value]) => `--${name}=${value}`) : []), ...check];
  return {
    command: connector.command ?? process.execPath,
    args: connector.command === null ? [sampleEntry, ...args] : args,
    env: byArgs ? {} : Object.fromEntries(values),
  };
}
