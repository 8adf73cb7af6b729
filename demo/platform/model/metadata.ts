import type { Execution } from './executions.js';

/**
 * Execution metadata a webhook can use: in `${{erathos.NAME}}` placeholders (`${{frameport.NAME}}`
 * is the same) and as the `variable_name` of its rules. The type decides which rule operations
 * apply, and which JSON type a whole-value placeholder in a body becomes.
 */
export const METADATA_TYPES = {
  execution_id: 'string',
  job_id: 'string',
  job_name: 'string',
  pipeline_id: 'string',
  status: 'string',
  trigger: 'string',
  sub_organization: 'string',
  connector_kind: 'string',
  primary_execution_id: 'string',
  rows: 'number',
  invalid_rows: 'number',
  duration_ms: 'number',
  exit_code: 'number',
  started_at: 'datetime',
  ended_at: 'datetime',
} as const;
export type MetadataName = keyof typeof METADATA_TYPES;
export type MetadataType = (typeof METADATA_TYPES)[MetadataName];
/** Strings, numbers, datetimes as ms since the epoch; null when the execution has no such value. */
export type Metadata = Record<MetadataName, string | number | null>;

/** The metadata namespace as the vendor's documents write it; `frameport` is accepted as an alias. */
export const METADATA_PREFIX = 'erathos';
export const METADATA_NAMESPACES: readonly string[] = [METADATA_PREFIX, 'frameport'];

export function isMetadataName(name: string): name is MetadataName {
  return Object.hasOwn(METADATA_TYPES, name);
}

/** The metadata of an ended execution. */
export function executionMetadata(e: Execution): Metadata {
  return {
    execution_id: e.id,
    job_id: e.job?.id ?? null,
    job_name: e.job?.name ?? null,
    pipeline_id: e.pipeline.id,
    status: e.status,
    trigger: e.trigger,
    sub_organization: e.subOrganization,
    connector_kind: e.job?.connector?.kind ?? null,
    primary_execution_id: e.primaryExecutionId,
    rows: e.stats.totalRows,
    invalid_rows: e.stats.invalidRows,
    duration_ms: e.durationMs,
    exit_code: e.exitCode,
    started_at: e.startedAt,
    ended_at: e.endedAt,
  };
}

/** A metadata value as text for a placeholder: datetimes in ISO 8601 (UTC), null as empty text. */
export function formatMetadata(name: MetadataName, value: string | number | null): string {
  return String(metadataJson(name, value) ?? '');
}

/** A metadata value as a JSON body carries it when a string is just its placeholder: numbers stay numbers. */
export function metadataJson(name: MetadataName, value: string | number | null): string | number | null {
  if (value === null) return null;
  if (METADATA_TYPES[name] === 'datetime' && typeof value === 'number') return new Date(value).toISOString();
  return value;
}
