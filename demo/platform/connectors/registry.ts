/**
 * The connectors this platform can run (seed 004). A connector is a command run as a child process
 * with its configuration in environment variables or command-line arguments. Two sources: the sample
 * connectors in this folder (`node main.mjs <kind>`, bundled by esbuild at start) and connectors an
 * organisation registers through the API (model/connectors.ts), when the operator allows it.
 */
export type ConnectorKind = 'DATA_SOURCE' | 'DATA_SERVICE' | 'EXPORT' | 'DELTA_EXPORT';
/**
 * Field types: seed 004's text `input`, `checkbox` (`true` / `false`) and `stage_columns_dropdown` (a
 * column of the stage's data), plus `number` and `dropdown` (one of `options`).
 */
export type OptionType = 'input' | 'number' | 'checkbox' | 'dropdown' | 'stage_columns_dropdown';
/** Seed 004's execution modes: how the configuration reaches the connector. */
export type ExecutionMode = 'environment_variable' | 'command_line_arguments';

export interface ConnectorOption {
  name: string;
  type: OptionType;
  description: string;
  /** A job must set it. */
  required?: boolean;
  /** The choices of a `dropdown`. */
  options?: string[];
}

/** Data service configuration (seed 004): where it runs and what it may add. */
export interface DataServiceSettings {
  serviceType: 'internal';
  /** The stage whose data it reads and changes. */
  stage: 'import';
  /** Columns the service adds carry this prefix (the platform adds it where missing). */
  columnPrefix: string;
  /** How many jobs of one sub-organization (or of the organisation) may use it. */
  maxUsage: number;
}

/** Export configuration (seed 004): the channel template, delta settings and the feedback file. */
export interface ExportSettings {
  channel: {
    name: string;
    /** Template columns every exported row must have. */
    templateColumns: string[];
    /** A delta channel exports only the rows that changed since the last successful export. */
    delta: boolean;
    /** The unique id column a delta compares by. */
    deltaKey: string | null;
  };
  /** Whether the connector writes a feedback file (rows it rejected, with why). */
  feedbackFile: boolean;
}

export interface ConnectorDefinition {
  id: string;
  name: string;
  kind: ConnectorKind;
  description: string;
  /** The program to run (PATH or absolute); null for the bundled samples (`node main.mjs`). */
  command: string | null;
  /** Arguments after the command; the health check appends `healthCheck`. */
  args: string[];
  healthCheck: string;
  executionMode: ExecutionMode;
  options: ConnectorOption[];
  /** The directory the command runs in (the connector's code); null: the run's workspace. */
  directory: string | null;
  /** Time a run may take; null: the platform's default. */
  timeoutMs: number | null;
  dataService: DataServiceSettings | null;
  export: ExportSettings | null;
  /** A sample connector of this folder (not registered, cannot be changed). */
  builtIn: boolean;
}

type SampleFields = Pick<ConnectorDefinition, 'id' | 'name' | 'kind' | 'description' | 'args' | 'options'>;
const sample = (fields: SampleFields): ConnectorDefinition => ({
  command: null,
  healthCheck: '--health-check',
  executionMode: 'environment_variable',
  directory: null,
  timeoutMs: null,
  dataService: null,
  export: null,
  builtIn: true,
  ...fields,
});

export const CONNECTORS: readonly ConnectorDefinition[] = [
  sample({
    id: 'sample-data-source',
    name: 'Sample data source',
    kind: 'DATA_SOURCE',
    description: 'Imports a generated product catalogue. Fails when SHOULD_FAIL is checked or NAME is missing.',
    args: ['data-source'],
    options: [
      { name: 'NAME', type: 'input', description: 'Whose catalogue to import (required)' },
      { name: 'SHOULD_FAIL', type: 'checkbox', description: 'Fail the run on purpose' },
      { name: 'PRODUCT_COUNT', type: 'input', description: 'How many products, 0 to 10000 (default 5)' },
      { name: 'DELAY_MS', type: 'input', description: 'Wait before importing, in ms (to watch a running execution)' },
    ],
  }),
  sample({
    id: 'sample-data-service',
    name: 'Sample data service',
    kind: 'DATA_SERVICE',
    description: 'Adds a column derived from another one (a URL slug) to every row of its input.',
    args: ['data-service'],
    options: [
      { name: 'NEW_COLUMN_NAME', type: 'input', description: 'The column to add' },
      { name: 'SOURCE_COLUMN', type: 'stage_columns_dropdown', description: 'The column to derive it from' },
    ],
  }),
  sample({
    id: 'sample-export',
    name: 'Sample export',
    kind: 'EXPORT',
    description: 'Exports the rows that fill the channel template, with a feedback file of what was rejected.',
    args: ['export'],
    options: [
      { name: 'CHANNEL', type: 'input', description: 'Channel name (required)' },
      { name: 'REQUIRED_COLUMNS', type: 'input', description: 'Template columns, comma-separated (default id,name)' },
    ],
  }),
  sample({
    id: 'sample-delta-export',
    name: 'Sample delta export',
    kind: 'DELTA_EXPORT',
    description: 'Exports only what changed since the last successful run, keyed by the delta key column.',
    args: ['export-delta'],
    options: [
      { name: 'CHANNEL', type: 'input', description: 'Channel name (required)' },
      { name: 'DELTA_KEY', type: 'stage_columns_dropdown', description: 'Unique id column (default id)' },
    ],
  }),
];

/**
 * Connectors registered through the API, by id, for the process: ids are random UUIDs, so the
 * connectors of several platforms in one process (tests) never collide. Organisation scoping is
 * checked where a job picks its connector (model/connectors.ts).
 */
const registered = new Map<string, ConnectorDefinition>();

export function rememberConnector(connector: ConnectorDefinition): void {
  registered.set(connector.id, connector);
}

export function connectorById(id: string): ConnectorDefinition | undefined {
  return CONNECTORS.find((c) => c.id === id) ?? registered.get(id);
}
