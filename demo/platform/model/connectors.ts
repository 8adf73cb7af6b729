import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import {
  CONNECTORS,
  rememberConnector,
  type ConnectorDefinition,
  type ConnectorKind,
  type ConnectorOption,
  type DataServiceSettings,
  type ExecutionMode,
  type ExportSettings,
  type OptionType,
} from '../connectors/registry.js';
import type { Db } from '../db.js';
import { ApiError, ApiErrorCode, badRequest, notFound } from '../errors.js';

/**
 * Connectors an organisation registers (seed 004's "Add new connector"): a command with arguments,
 * a health check, the configuration fields with their types, the execution mode, and the data
 * service or export configuration. Stored per organisation; runnable by that organisation's jobs.
 */
export interface NewConnector {
  name: string;
  kind: ConnectorKind;
  description?: string;
  executionMode: ExecutionMode;
  command: string;
  /** As the document writes it (`main.py data-source`) or as a list. */
  arguments: string | string[];
  healthCheck: string;
  configurations: Array<{
    commandOption: string;
    fieldType: OptionType;
    required?: boolean;
    options?: string[];
    description?: string;
  }>;
  directory?: string | null;
  timeoutSeconds?: number | null;
  dataServiceConfiguration?: DataServiceSettings | null;
  exportConfiguration?: {
    enableFeedbackFile: boolean;
    channel: Omit<ExportSettings['channel'], 'deltaKey'> & { deltaKey?: string | null };
  } | null;
}

const OPTION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
/** Environment variables the platform sets itself: a configuration field cannot replace them. */
const RESERVED = /^(PATH|HOME|TMPDIR|SYSTEMROOT|CONTAINER_API_.*|FRAMEPORT_.*)$/i;
const MAX_TIMEOUT_SECONDS = 3600;

/** Checks and stores a connector; answers it. 400 with every problem found. */
export function registerConnector(db: Db, orgId: string, id: string, input: NewConnector, now: number) {
  const connector = toDefinition(id, input);
  db.prepare(
    'INSERT INTO connectors (id, org_id, name, kind, definition, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(id, orgId, connector.name, connector.kind, JSON.stringify(connector), now, now);
  rememberConnector(connector);
  return connector;
}

/** The sample connectors and the organisation's own. */
export function listConnectors(db: Db, orgId: string): ConnectorDefinition[] {
  return [...CONNECTORS, ...registeredConnectors(db, orgId)];
}

/** A connector the organisation may use (a sample or its own); 404 otherwise. */
export function connectorFor(db: Db, orgId: string, id: string): ConnectorDefinition {
  const builtIn = CONNECTORS.find((c) => c.id === id);
  if (builtIn) return builtIn;
  const row = db.prepare('SELECT definition FROM connectors WHERE id = ? AND org_id = ?').get(id, orgId) as
    { definition: string } | undefined;
  if (!row) throw notFound(`Connector ${id}`);
  const connector = JSON.parse(row.definition) as ConnectorDefinition;
  rememberConnector(connector);
  return connector;
}

/** Makes every stored connector known to the runner (at start). */
export function loadConnectors(db: Db): void {
  for (const { definition } of db.prepare('SELECT definition FROM connectors').all() as Array<{ definition: string }>)
    rememberConnector(JSON.parse(definition) as ConnectorDefinition);
}

function registeredConnectors(db: Db, orgId: string): ConnectorDefinition[] {
  return (
    db.prepare('SELECT definition FROM connectors WHERE org_id = ? ORDER BY created_at, id').all(orgId) as Array<{
      definition: string;
    }>
  ).map((r) => JSON.parse(r.definition) as ConnectorDefinition);
}

/** How many jobs use a connector (in a sub-organization, or organisation-wide): for `maxUsage`. */
export function connectorUsage(db: Db, connectorId: string, subOrgId: string | null): number {
  return (
    db
      .prepare('SELECT COUNT(*) AS n FROM jobs WHERE connector_id = ? AND sub_org_id IS ?')
      .get(connectorId, subOrgId) as { n: number }
  ).n;
}

function toDefinition(id: string, input: NewConnector): ConnectorDefinition {
  const problems: string[] = [];
  const args = typeof input.arguments === 'string' ? splitWords(input.arguments) : input.arguments;
  if (!resolveCommand(input.command, input.directory ?? null))
    problems.push(`command: ${input.command} was not found (a program on the PATH or an absolute path)`);
  if (input.directory != null) {
    if (!isAbsolute(input.directory) || !isDirectory(input.directory))
      problems.push('directory: an absolute path to an existing directory');
  }
  if (args.some((a) => a.includes('\0')) || input.healthCheck.includes('\0')) problems.push('arguments: no NUL');

  const options: ConnectorOption[] = [];
  for (const [i, field] of input.configurations.entries()) {
    const where = `configurations.${i}`;
    if (!OPTION_NAME.test(field.commandOption))
      problems.push(`${where}.commandOption: letters, digits and _, starting with a letter or _`);
    else if (RESERVED.test(field.commandOption))
      problems.push(`${where}.commandOption: ${field.commandOption} is set by the platform`);
    if (options.some((o) => o.name === field.commandOption))
      problems.push(`${where}.commandOption: ${field.commandOption} twice`);
    if (field.fieldType === 'dropdown' && !field.options?.length)
      problems.push(`${where}.options: a dropdown needs its options`);
    if (field.fieldType !== 'dropdown' && field.options) problems.push(`${where}.options: only for a dropdown`);
    options.push({
      name: field.commandOption,
      type: field.fieldType,
      description: field.description ?? '',
      required: field.required ?? false,
      ...(field.options ? { options: field.options } : {}),
    });
  }

  const dataService = input.dataServiceConfiguration ?? null;
  if (dataService && input.kind !== 'DATA_SERVICE')
    problems.push('dataServiceConfiguration: only for a DATA_SERVICE connector');
  if (dataService && !/^[A-Za-z0-9_]{1,32}$/.test(dataService.columnPrefix))
    problems.push('dataServiceConfiguration.columnPrefix: 1 to 32 letters, digits or _');
  const exportInput = input.exportConfiguration ?? null;
  let exportSettings: ExportSettings | null = null;
  if (exportInput) {
    if (input.kind !== 'EXPORT' && input.kind !== 'DELTA_EXPORT')
      problems.push('exportConfiguration: only for an EXPORT or DELTA_EXPORT connector');
    const { channel } = exportInput;
    if (channel.delta && !channel.deltaKey)
      problems.push('exportConfiguration.channel.deltaKey: a delta channel needs one');
    if (channel.delta !== (input.kind === 'DELTA_EXPORT'))
      problems.push('exportConfiguration.channel.delta: a delta channel goes with a DELTA_EXPORT connector');
    if (channel.deltaKey && !channel.templateColumns.includes(channel.deltaKey))
      problems.push('exportConfiguration.channel.deltaKey: must be one of the template columns');
    exportSettings = {
      channel: { ...channel, deltaKey: channel.deltaKey ?? null },
      feedbackFile: exportInput.enableFeedbackFile,
    };
  }
  const timeout = input.timeoutSeconds ?? null;
  if (timeout !== null && (!Number.isInteger(timeout) || timeout < 1 || timeout > MAX_TIMEOUT_SECONDS))
    problems.push(`timeoutSeconds: a whole number from 1 to ${MAX_TIMEOUT_SECONDS}`);
  if (problems.length) throw badRequest(`Invalid connector: ${problems.join('; ')}`);
  return {
    id,
    name: input.name,
    kind: input.kind,
    description: input.description ?? '',
    command: input.command,
    args,
    healthCheck: input.healthCheck,
    executionMode: input.executionMode,
    options,
    directory: input.directory ?? null,
    timeoutMs: timeout === null ? null : timeout * 1000,
    dataService,
    export: exportSettings,
    builtIn: false,
  };
}

/**
 * A job's configuration checked against its connector's fields: only known fields; checkboxes are
 * booleans, numbers finite numbers, dropdowns one of their options, the rest text; required fields set.
 */
export function checkConnectorConfig(
  connector: ConnectorDefinition,
  config: Record<string, string | number | boolean>,
): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [name, value] of Object.entries(config)) {
    const option = connector.options.find((o) => o.name === name);
    if (!option)
      throw badRequest(
        `config.${name}: ${connector.name} has no option ${name} (options: ${connector.options.map((o) => o.name).join(', ')})`,
      );
    if (option.type === 'checkbox') {
      if (typeof value !== 'boolean') throw badRequest(`config.${name}: a checkbox is true or false`);
      out[name] = value;
    } else if (option.type === 'number') {
      const number =
        typeof value === 'number' ? value : typeof value === 'string' && value.trim() ? Number(value) : NaN;
      if (!Number.isFinite(number)) throw badRequest(`config.${name}: expected a number`);
      out[name] = number;
    } else {
      if (typeof value === 'boolean') throw badRequest(`config.${name}: expected text`);
      const text = String(value);
      if (text.length > 1000) throw badRequest(`config.${name}: at most 1000 characters`);
      if (option.type === 'dropdown' && !option.options?.includes(text))
        throw badRequest(`config.${name}: one of ${option.options?.join(', ')}`);
      out[name] = text;
    }
  }
  const missing = connector.options.filter((o) => o.required && !(o.name in out));
  if (missing.length) throw badRequest(`config: ${missing.map((o) => o.name).join(', ')} required`);
  return out;
}

/** A job's connector, 400 if unknown to the organisation; refuses a data service past its `maxUsage`. */
export function connectorForJob(db: Db, orgId: string, id: string, subOrgId: string | null): ConnectorDefinition {
  let connector: ConnectorDefinition;
  try {
    connector = connectorFor(db, orgId, id);
  } catch {
    throw badRequest(`Unknown connector ${id}`);
  }
  const max = connector.dataService?.maxUsage;
  if (max !== undefined && connectorUsage(db, connector.id, subOrgId) >= max)
    throw new ApiError(
      409,
      ApiErrorCode.CONFLICT,
      `${connector.name} may be used by ${max} job(s) ${subOrgId ? `of ${subOrgId}` : 'of the organisation'} (max usage)`,
    );
  return connector;
}

/** `main.py data-source` → `['main.py', 'data-source']`; double quotes group words. */
function splitWords(text: string): string[] {
  return [...text.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);
}

/** The program a command names: absolute, relative to the connector's directory, or on the PATH. */
export function resolveCommand(command: string, directory: string | null): string | undefined {
  const executable = (path: string) => {
    try {
      accessSync(path, constants.X_OK);
      return statSync(path).isFile();
    } catch {
      return false;
    }
  };
  if (isAbsolute(command)) return executable(command) ? command : undefined;
  if (command.includes('/')) {
    const path = directory ? join(directory, command) : undefined;
    return path && executable(path) ? path : undefined;
  }
  for (const dir of (process.env.PATH ?? '').split(delimiter))
    if (dir && executable(join(dir, command))) return join(dir, command);
  return undefined;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
