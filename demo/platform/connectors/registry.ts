/**
 * The connectors this platform can run (seed 004). A connector is a command run as a child process
 * with its configuration in environment variables: `node main.mjs <kind>` (the sample connectors
 * in this folder, bundled by esbuild at start), with `--health-check` appended for the check that
 * runs before every use. Only these are runnable: the API cannot register arbitrary commands.
 */
export type ConnectorKind = 'DATA_SOURCE' | 'DATA_SERVICE' | 'EXPORT' | 'DELTA_EXPORT';
/** Seed 004's field types: a text input, a checkbox (`true` / `false`), a column of the stage's data. */
export type OptionType = 'input' | 'checkbox' | 'stage_columns_dropdown';

export interface ConnectorOption {
  name: string;
  type: OptionType;
  description: string;
}
export interface ConnectorDefinition {
  id: string;
  name: string;
  kind: ConnectorKind;
  description: string;
  /** Arguments after the bundled entry point; the health check appends `healthCheck`. */
  args: string[];
  healthCheck: string;
  options: ConnectorOption[];
}

export const CONNECTORS: readonly ConnectorDefinition[] = [
  {
    id: 'sample-data-source',
    name: 'Sample data source',
    kind: 'DATA_SOURCE',
    description: 'Imports a generated product catalogue. Fails when SHOULD_FAIL is checked or NAME is missing.',
    args: ['data-source'],
    healthCheck: '--health-check',
    options: [
      { name: 'NAME', type: 'input', description: 'Whose catalogue to import (required)' },
      { name: 'SHOULD_FAIL', type: 'checkbox', description: 'Fail the run on purpose' },
      { name: 'PRODUCT_COUNT', type: 'input', description: 'How many products, 0 to 10000 (default 5)' },
      { name: 'DELAY_MS', type: 'input', description: 'Wait before importing, in ms (to watch a running execution)' },
    ],
  },
  {
    id: 'sample-data-service',
    name: 'Sample data service',
    kind: 'DATA_SERVICE',
    description: 'Adds a column derived from another one (a URL slug) to every row of its input.',
    args: ['data-service'],
    healthCheck: '--health-check',
    options: [
      { name: 'NEW_COLUMN_NAME', type: 'input', description: 'The column to add' },
      { name: 'SOURCE_COLUMN', type: 'stage_columns_dropdown', description: 'The column to derive it from' },
    ],
  },
  {
    id: 'sample-export',
    name: 'Sample export',
    kind: 'EXPORT',
    description: 'Exports the rows that fill the channel template, with a feedback file of what was rejected.',
    args: ['export'],
    healthCheck: '--health-check',
    options: [
      { name: 'CHANNEL', type: 'input', description: 'Channel name (required)' },
      { name: 'REQUIRED_COLUMNS', type: 'input', description: 'Template columns, comma-separated (default id,name)' },
    ],
  },
  {
    id: 'sample-delta-export',
    name: 'Sample delta export',
    kind: 'DELTA_EXPORT',
    description: 'Exports only what changed since the last successful run, keyed by the delta key column.',
    args: ['export-delta'],
    healthCheck: '--health-check',
    options: [
      { name: 'CHANNEL', type: 'input', description: 'Channel name (required)' },
      { name: 'DELTA_KEY', type: 'stage_columns_dropdown', description: 'Unique id column (default id)' },
    ],
  },
];

export function connectorById(id: string): ConnectorDefinition | undefined {
  return CONNECTORS.find((c) => c.id === id);
}
