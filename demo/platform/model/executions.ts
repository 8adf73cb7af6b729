import type { Db } from '../db.js';
import { badRequest, notFound } from '../errors.js';
import { randomId } from '../secrets.js';
import { connectorById, type ConnectorKind } from '../connectors/registry.js';
import { canSee, type Principal } from './principal.js';
import { validateRow, type RowData, type RowErrors } from './validation.js';
import { listDeliveries, type DeliveryView } from './webhooks.js';

export type ExecutionStatus = 'SUCCESS' | 'FAILED' | 'RUNNING' | 'QUEUED' | 'CANCELLED';
export type StepStatus = 'SUCCESS' | 'FAILED' | 'RUNNING' | 'PENDING' | 'SKIPPED';
export type LogLevel = 'INFO' | 'ERROR' | 'SUCCESS';
/** Who wrote a log line: the platform, the connector through the Container API, or its stderr / stdout. */
export type LogSource = 'platform' | 'connector' | 'stderr' | 'stdout';
/** Where an execution came from: a person (or re-run), the Run API, a webhook trigger, a schedule, a primary job. */
export type ExecutionTrigger = 'manual' | 'api' | 'webhook' | 'schedule' | 'dependency';

export interface ExecutionStep {
  position: number;
  name: string;
  status: StepStatus;
  startedAt: number | null;
  endedAt: number | null;
}
export interface ExecutionLog {
  id: number;
  ts: number;
  level: LogLevel;
  message: string;
  source: LogSource;
}
export interface ExecutionRow {
  id: string;
  rowNumber: number;
  data: RowData;
  /** Field -> problem; empty once the row is fixed. */
  errors: RowErrors;
}

/** The execution object of the JSON API (and of `EXECUTION_RUN`'s `data`). */
export interface Execution {
  id: string;
  pipeline: { id: string; name: string; fields: string[] };
  subOrganization: string | null;
  status: ExecutionStatus;
  sourceExecutionId: string | null;
  triggerIdentifier: string | null;
  runSequence: number;
  createdAt: number;
  startedAt: number;
  endedAt: number | null;
  durationMs: number | null;
  stats: { totalRows: number; validRows: number; invalidRows: number };
  steps: ExecutionStep[];
  logs: ExecutionLog[];
  invalidRows: ExecutionRow[];
  /** Where the execution came from (`api` for the Run endpoint). */
  trigger: ExecutionTrigger;
  /** The job that ran, with its connector for connector jobs. */
  job: ExecutionJob | null;
  /** The primary job's execution that started this one (dependent jobs). */
  primaryExecutionId: string | null;
  /** The execution whose output was this run's input (data services, exports). */
  inputExecutionId: string | null;
  /** Dependent jobs' executions this one started. */
  dependentExecutions: Array<{ id: string; jobId: string | null; status: ExecutionStatus }>;
  /** The connector's exit code (0 success, anything else failed); null for other runs or while running. */
  exitCode: number | null;
  /** What a connector appended to its output and feedback files: sizes, columns, the first rows. */
  output: ExecutionOutput | null;
  /** Webhooks fired by this execution's end, with every attempt (secrets never included). */
  webhookDeliveries: DeliveryView[];
}

export interface ExecutionJob {
  id: string;
  name: string;
  kind: 'IMPORT' | 'CONNECTOR';
  connector: { id: string; kind: ConnectorKind } | null;
  primaryJob: string | null;
}

export interface ExecutionOutput {
  total: number;
  feedbackTotal: number;
  columns: string[];
  /** The first rows (OUTPUT_PREVIEW); the rest through `GET /executions/:id/output`. */
  preview: Array<Record<string, unknown>>;
}
export const OUTPUT_PREVIEW = 20;

interface ExecutionRecord {
  id: string;
  pipeline_id: string;
  pipeline_name: string;
  fields: string;
  org_id: string;
  sub_org_id: string | null;
  status: ExecutionStatus;
  source_execution_id: string | null;
  trigger_id: string | null;
  run_sequence: number;
  total_rows: number;
  created_at: number;
  started_at: number;
  ended_at: number | null;
  job_id: string | null;
  origin: ExecutionTrigger;
  primary_execution_id: string | null;
  input_execution_id: string | null;
  exit_code: number | null;
  job_name: string | null;
  job_kind: 'IMPORT' | 'CONNECTOR' | null;
  connector_id: string | null;
  primary_job_id: string | null;
}

const SELECT_EXECUTION = `
  SELECT e.*, p.name AS pipeline_name, p.fields, j.name AS job_name, j.kind AS job_kind, j.connector_id,
         j.primary_job_id
  FROM executions e JOIN pipelines p ON p.id = e.pipeline_id LEFT JOIN jobs j ON j.id = e.job_id`;

/** Loads an execution the principal may see; 404 otherwise (whether it exists elsewhere is not revealed). */
export function getExecution(db: Db, id: string, principal: Principal): Execution {
  const record = db.prepare(`${SELECT_EXECUTION} WHERE e.id = ?`).get(id) as ExecutionRecord | undefined;
  if (!record || !canSee(principal, { orgId: record.org_id, subOrgId: record.sub_org_id }))
    throw notFound(`Execution ${id}`);
  return toExecution(db, record);
}

/** Loads an execution without a scope check (for the trigger status endpoint, which has its own). */
export function getExecutionUnscoped(db: Db, id: string): Execution | undefined {
  const record = db.prepare(`${SELECT_EXECUTION} WHERE e.id = ?`).get(id) as ExecutionRecord | undefined;
  return record && toExecution(db, record);
}

/** Summaries of the executions a principal may see, newest first. */
export function listExecutions(db: Db, principal: Principal, limit = 50) {
  const rows = db
    .prepare(
      `${SELECT_EXECUTION} WHERE e.org_id = ? AND (? = 'USER' OR e.sub_org_id = ?)
       ORDER BY e.created_at DESC, e.id LIMIT ?`,
    )
    .all(principal.orgId, principal.kind, principal.identifier, limit) as ExecutionRecord[];
  return rows.map((r) => ({
    id: r.id,
    pipeline: { id: r.pipeline_id, name: r.pipeline_name },
    subOrganization: r.sub_org_id,
    status: r.status,
    trigger: r.origin,
    jobId: r.job_id,
    createdAt: r.created_at,
  }));
}

/** Changes fields of an invalid row (the user's fix) and validates it again. */
export function updateRow(
  db: Db,
  executionId: string,
  rowId: string,
  patch: Record<string, string>,
  principal: Principal,
): ExecutionRow {
  const execution = getExecution(db, executionId, principal);
  const row = execution.invalidRows.find((r) => r.id === rowId);
  if (!row) throw notFound(`Row ${rowId} of execution ${executionId}`);
  const unknown = Object.keys(patch).filter((field) => !execution.pipeline.fields.includes(field));
  if (unknown.length) throw badRequest(`Unknown field(s): ${unknown.join(', ')}`);
  const data = { ...row.data, ...patch };
  const errors = validateRow(data);
  db.prepare('UPDATE execution_rows SET data = ?, errors = ? WHERE execution_id = ? AND id = ?').run(
    JSON.stringify(data),
    JSON.stringify(errors),
    executionId,
    rowId,
  );
  return { ...row, data, errors };
}

export interface NewImport {
  id?: string;
  pipelineId: string;
  orgId: string;
  subOrgId: string | null;
  /** The whole input, in file order; every row is validated when the run reaches "Validate rows". */
  rows: Array<{ rowNumber: number; data: RowData }>;
  sourceExecutionId?: string;
  triggerId?: string;
  /** The job that runs and where the run came from (default `manual`). */
  jobId?: string;
  origin?: ExecutionTrigger;
  primaryExecutionId?: string;
  /** When the run was requested (ms since the epoch). */
  now: number;
}

/**
 * Records a requested import as QUEUED, its steps PENDING and its whole input stored; the runtime
 * (runtime/import-run.ts) then runs the steps as they happen. Answers the new execution's id.
 */
export function createImport(db: Db, input: NewImport): string {
  const pipeline = db
    .prepare('SELECT id FROM pipelines WHERE id = ? AND org_id = ?')
    .get(input.pipelineId, input.orgId);
  if (!pipeline) throw notFound(`Pipeline ${input.pipelineId}`);
  const id = input.id ?? randomId('exec');
  db.transaction(() => {
    db.prepare(
      `INSERT INTO executions (id, pipeline_id, org_id, sub_org_id, status, source_execution_id, trigger_id, run_sequence,
         total_rows, created_at, started_at, ended_at, job_id, origin, primary_execution_id)
       VALUES (?, ?, ?, ?, 'QUEUED', ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)`,
    ).run(
      id,
      input.pipelineId,
      input.orgId,
      input.subOrgId,
      input.sourceExecutionId ?? null,
      input.triggerId ?? null,
      nextRunSequence(db, input.pipelineId),
      input.rows.length,
      input.now,
      input.now,
      input.jobId ?? null,
      input.origin ?? 'manual',
      input.primaryExecutionId ?? null,
    );
    db.prepare(
      "INSERT INTO execution_steps (execution_id, position, name, status) SELECT ?, position, name, 'PENDING' FROM pipeline_steps WHERE pipeline_id = ?",
    ).run(id, input.pipelineId);
    const insert = db.prepare('INSERT INTO execution_input (execution_id, row_number, data) VALUES (?, ?, ?)');
    for (const row of input.rows) insert.run(id, row.rowNumber, JSON.stringify(row.data));
  })();
  return id;
}

/** The run number of the next execution of a pipeline. */
export function nextRunSequence(db: Db, pipelineId: string): number {
  return (
    (db.prepare('SELECT COUNT(*) AS n FROM executions WHERE pipeline_id = ?').get(pipelineId) as { n: number }).n + 1
  );
}

/** An import's whole input, in file order. */
export function readInput(db: Db, executionId: string): Array<{ rowNumber: number; data: RowData }> {
  return (
    db
      .prepare('SELECT row_number, data FROM execution_input WHERE execution_id = ? ORDER BY row_number')
      .all(executionId) as Array<{ row_number: number; data: string }>
  ).map((row) => ({ rowNumber: row.row_number, data: JSON.parse(row.data) as RowData }));
}

/**
 * What a re-run of an import processes: the source's whole input with every row the user edited
 * replaced by its edited version. A source recorded before inputs were kept has only its invalid rows.
 */
export function inputWithFixes(db: Db, executionId: string): Array<{ rowNumber: number; data: RowData }> {
  const fixes = new Map(
    (
      db.prepare('SELECT row_number, data FROM execution_rows WHERE execution_id = ?').all(executionId) as Array<{
        row_number: number;
        data: string;
      }>
    ).map((row) => [row.row_number, JSON.parse(row.data) as RowData]),
  );
  const input = readInput(db, executionId);
  if (!input.length)
    return [...fixes].map(([rowNumber, data]) => ({ rowNumber, data })).sort((a, b) => a.rowNumber - b.rowNumber);
  return input.map((row) => ({ rowNumber: row.rowNumber, data: fixes.get(row.rowNumber) ?? row.data }));
}

/** Keeps a run's invalid rows (ids r1, r2, … in file order) for the user to fix. */
export function saveInvalidRows(
  db: Db,
  executionId: string,
  rows: Array<{ rowNumber: number; data: RowData; errors: RowErrors }>,
): void {
  db.transaction(() => {
    const insert = db.prepare(
      'INSERT INTO execution_rows (execution_id, id, row_number, data, errors) VALUES (?, ?, ?, ?, ?)',
    );
    rows.forEach((row, i) =>
      insert.run(executionId, `r${i + 1}`, row.rowNumber, JSON.stringify(row.data), JSON.stringify(row.errors)),
    );
  })();
}

/** QUEUED -> RUNNING: the run really starts now. */
export function markRunning(db: Db, executionId: string, now: number): void {
  db.prepare("UPDATE executions SET status = 'RUNNING', started_at = ? WHERE id = ?").run(now, executionId);
}

/** A step's new status; the times are set only when given. */
export function setStep(
  db: Db,
  executionId: string,
  position: number,
  status: StepStatus,
  startedAt?: number,
  endedAt?: number,
): void {
  db.prepare(
    'UPDATE execution_steps SET status = ?, started_at = COALESCE(?, started_at), ended_at = COALESCE(?, ended_at) WHERE execution_id = ? AND position = ?',
  ).run(status, startedAt ?? null, endedAt ?? null, executionId, position);
}

export function addLog(
  db: Db,
  executionId: string,
  ts: number,
  level: LogLevel,
  message: string,
  source: LogSource = 'platform',
): void {
  db.prepare('INSERT INTO execution_logs (execution_id, ts, level, message, source) VALUES (?, ?, ?, ?, ?)').run(
    executionId,
    ts,
    level,
    message,
    source,
  );
}

/** Ends an execution: its status, end time and exit code; steps that never ran are SKIPPED. */
export function finishExecution(
  db: Db,
  executionId: string,
  status: 'SUCCESS' | 'FAILED' | 'CANCELLED',
  now: number,
  exitCode: number | null = null,
): void {
  db.transaction(() => {
    db.prepare('UPDATE executions SET status = ?, ended_at = ?, exit_code = ? WHERE id = ?').run(
      status,
      now,
      exitCode,
      executionId,
    );
    db.prepare(
      "UPDATE execution_steps SET status = 'SKIPPED', ended_at = CASE WHEN status = 'RUNNING' THEN ? ELSE ended_at END WHERE execution_id = ? AND status IN ('PENDING', 'RUNNING')",
    ).run(now, executionId);
  })();
}

/** The status of an execution (no scope check: for the runtime). */
export function executionStatus(db: Db, executionId: string): ExecutionStatus | undefined {
  return (
    db.prepare('SELECT status FROM executions WHERE id = ?').get(executionId) as { status: ExecutionStatus } | undefined
  )?.status;
}

/** Executions a stopped platform left RUNNING or QUEUED. */
export function unfinishedExecutions(db: Db): string[] {
  return (
    db.prepare("SELECT id FROM executions WHERE status IN ('RUNNING', 'QUEUED') ORDER BY created_at").all() as Array<{
      id: string;
    }>
  ).map((row) => row.id);
}

export interface PastImport {
  id: string;
  pipelineId: string;
  orgId: string;
  subOrgId: string | null;
  rows: Array<{ rowNumber: number; data: RowData }>;
  fileName: string;
  /** When the past run ended; its steps are laid out before it (demo history, not a live run). */
  endedAt: number;
}

/**
 * Records an import that ran in the past (demo history): the same validation as a live run, step
 * times laid out before `endedAt`, the whole input kept so it can be re-run.
 */
export function recordPastImport(db: Db, input: PastImport): void {
  const pipeline = db.prepare('SELECT fields FROM pipelines WHERE id = ?').get(input.pipelineId) as { fields: string };
  const steps = db
    .prepare('SELECT name FROM pipeline_steps WHERE pipeline_id = ? ORDER BY position')
    .all(input.pipelineId) as Array<{ name: string }>;
  const invalid = input.rows
    .map((row) => ({ ...row, errors: validateRow(row.data) }))
    .filter((row) => Object.keys(row.errors).length > 0);
  const total = input.rows.length;
  const valid = total - invalid.length;
  const failed = invalid.length > 0;
  const durations = [900 + total * 0.4, 300 + total * 0.1, 400 + total * 0.6, 500 + valid * 0.8].map(Math.round);
  const startedAt = input.endedAt - durations.reduce((a, b) => a + b, 0);
  const bounds: Array<[number, number]> = [];
  let t = startedAt;
  for (const d of durations) bounds.push([t, (t += d)]);
  const n = (x: number) => x.toLocaleString('en-US');
  const end = (step: number) => bounds[step]![1];

  createImport(db, { ...input, now: startedAt });
  db.transaction(() => {
    markRunning(db, input.id, startedAt);
    steps.forEach((_, i) =>
      setStep(db, input.id, i + 1, failed && i === 2 ? 'FAILED' : 'SUCCESS', bounds[i]![0], bounds[i]![1]),
    );
    addLog(db, input.id, startedAt, 'INFO', `Execution started for ${input.fileName}`);
    addLog(db, input.id, end(0), 'INFO', `Fetched ${n(total)} row(s)`);
    addLog(db, input.id, end(1), 'INFO', `Mapped columns: ${(JSON.parse(pipeline.fields) as string[]).join(', ')}`);
    for (const row of invalid)
      for (const [field, error] of Object.entries(row.errors))
        addLog(db, input.id, end(2), 'ERROR', `Row ${row.rowNumber}, ${field}: ${error.message}`);
    addLog(
      db,
      input.id,
      end(2),
      failed ? 'ERROR' : 'SUCCESS',
      failed ? `${n(invalid.length)} row(s) failed validation` : `All ${n(total)} row(s) passed validation`,
    );
    addLog(db, input.id, end(3), 'INFO', `Loaded ${n(valid)} row(s) into warehouse.customers`);
    addLog(
      db,
      input.id,
      input.endedAt,
      failed ? 'ERROR' : 'SUCCESS',
      failed ? `Execution failed: ${n(invalid.length)} invalid row(s) need fixing` : 'Execution finished successfully',
    );
    saveInvalidRows(db, input.id, invalid);
    finishExecution(db, input.id, failed ? 'FAILED' : 'SUCCESS', input.endedAt);
  })();
}

function toExecution(db: Db, r: ExecutionRecord): Execution {
  const steps = db
    .prepare(
      'SELECT position, name, status, started_at AS startedAt, ended_at AS endedAt FROM execution_steps WHERE execution_id = ? ORDER BY position',
    )
    .all(r.id) as ExecutionStep[];
  const logs = db
    .prepare('SELECT id, ts, level, message, source FROM execution_logs WHERE execution_id = ? ORDER BY ts, id')
    .all(r.id) as ExecutionLog[];
  const rows = (
    db
      .prepare('SELECT id, row_number, data, errors FROM execution_rows WHERE execution_id = ? ORDER BY row_number')
      .all(r.id) as Array<{
      id: string;
      row_number: number;
      data: string;
      errors: string;
    }>
  ).map((row) => ({
    id: row.id,
    rowNumber: row.row_number,
    data: JSON.parse(row.data) as RowData,
    errors: JSON.parse(row.errors) as RowErrors,
  }));
  const invalidCount = rows.filter((row) => Object.keys(row.errors).length > 0).length;
  return {
    id: r.id,
    pipeline: { id: r.pipeline_id, name: r.pipeline_name, fields: JSON.parse(r.fields) as string[] },
    subOrganization: r.sub_org_id,
    status: r.status,
    sourceExecutionId: r.source_execution_id,
    triggerIdentifier: r.trigger_id,
    runSequence: r.run_sequence,
    createdAt: r.created_at,
    startedAt: r.started_at,
    endedAt: r.ended_at,
    durationMs: r.ended_at === null ? null : r.ended_at - r.started_at,
    stats: { totalRows: r.total_rows, validRows: r.total_rows - invalidCount, invalidRows: invalidCount },
    steps,
    logs,
    invalidRows: rows,
    trigger: r.origin,
    job:
      r.job_id && r.job_kind
        ? {
            id: r.job_id,
            name: r.job_name ?? r.job_id,
            kind: r.job_kind,
            connector: r.connector_id ? { id: r.connector_id, kind: connectorKindOf(r.connector_id) } : null,
            primaryJob: r.primary_job_id,
          }
        : null,
    primaryExecutionId: r.primary_execution_id,
    inputExecutionId: r.input_execution_id,
    dependentExecutions: db
      .prepare(
        'SELECT id, job_id AS jobId, status FROM executions WHERE primary_execution_id = ? ORDER BY created_at, id',
      )
      .all(r.id) as Execution['dependentExecutions'],
    exitCode: r.exit_code,
    output: r.job_kind === 'CONNECTOR' ? outputSummary(db, r.id) : null,
    webhookDeliveries: listDeliveries(db, r.id),
  };
}

/** Rows a connector appended to one of its files, in order. */
export function readOutput(
  db: Db,
  executionId: string,
  file: 'output' | 'feedback',
  offset: number,
  limit: number,
): { rows: Array<Record<string, unknown>>; total: number } {
  const total = (
    db
      .prepare('SELECT COUNT(*) AS n FROM execution_output WHERE execution_id = ? AND file = ?')
      .get(executionId, file) as { n: number }
  ).n;
  const rows = (
    db
      .prepare('SELECT data FROM execution_output WHERE execution_id = ? AND file = ? ORDER BY seq LIMIT ? OFFSET ?')
      .all(executionId, file, limit, offset) as Array<{ data: string }>
  ).map((row) => JSON.parse(row.data) as Record<string, unknown>);
  return { rows, total };
}

function outputSummary(db: Db, executionId: string): ExecutionOutput {
  const { rows, total } = readOutput(db, executionId, 'output', 0, OUTPUT_PREVIEW);
  const feedbackTotal = readOutput(db, executionId, 'feedback', 0, 0).total;
  const columns = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) columns.add(key);
  return { total, feedbackTotal, columns: [...columns], preview: rows };
}

function connectorKindOf(connectorId: string): ConnectorKind {
  return connectorById(connectorId)?.kind ?? 'DATA_SOURCE';
}
