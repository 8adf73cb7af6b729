import type { Db } from '../db.js';
import { ApiError, ApiErrorCode, badRequest, notFound } from '../errors.js';
import { connectorById, type ConnectorKind } from '../connectors/registry.js';
import { checkConnectorConfig, connectorForJob } from './connectors.js';
import { WEEKDAYS, inTimeRange, isTimeZone, localTime, parseTimeOfDay, type Weekday } from './clock.js';

/**
 * A job: what the platform runs. IMPORT jobs run the built-in import pipeline (customer-import);
 * CONNECTOR jobs run a connector as a child process. A dependent job (seed 003) has a primary job:
 * it runs after each successful run of the primary, on the primary's output, and never alone.
 */
export interface Job {
  id: string;
  name: string;
  subOrganization: string | null;
  kind: 'IMPORT' | 'CONNECTOR';
  pipelineId: string;
  connector: { id: string; name: string; kind: ConnectorKind } | null;
  config: Record<string, string | number | boolean>;
  primaryJob: string | null;
  inputJob: string | null;
  dependents: string[];
  /** Runs every `everyMinutes` (trigger "schedule"); null: only on demand. */
  schedule: { everyMinutes: number; nextRunAt: number } | null;
  createdAt: number;
  updatedAt: number;
}

interface JobRecord {
  id: string;
  org_id: string;
  sub_org_id: string | null;
  name: string;
  kind: 'IMPORT' | 'CONNECTOR';
  pipeline_id: string;
  connector_id: string | null;
  config: string;
  primary_job_id: string | null;
  input_job_id: string | null;
  schedule_minutes: number | null;
  next_run_at: number | null;
  created_at: number;
  updated_at: number;
}

/** A schedule runs every 1 minute to 7 days. */
export const MAX_SCHEDULE_MINUTES = 7 * 24 * 60;

export const JOB_ID = /^[a-z0-9][a-z0-9-]{1,62}$/;
/** The steps a connector run shows on the timeline. */
export const CONNECTOR_STEPS = ['Health check', 'Run connector'] as const;

export function jobRecord(db: Db, orgId: string, id: string): JobRecord | undefined {
  return db.prepare('SELECT * FROM jobs WHERE id = ? AND org_id = ?').get(id, orgId) as JobRecord | undefined;
}

export function getJob(db: Db, orgId: string, id: string): Job {
  const record = jobRecord(db, orgId, id);
  if (!record) throw notFound(`Job ${id}`);
  return toJob(db, record);
}

export function listJobs(db: Db, orgId: string, subOrgId?: string): Job[] {
  const records = db
    .prepare(
      'SELECT * FROM jobs WHERE org_id = ? AND (? IS NULL OR sub_org_id = ? OR sub_org_id IS NULL) ORDER BY created_at, id',
    )
    .all(orgId, subOrgId ?? null, subOrgId ?? null) as JobRecord[];
  return records.map((r) => toJob(db, r));
}

export interface NewJob {
  id?: string;
  name: string;
  subOrganization?: string | null;
  connector: string;
  config?: Record<string, string | number | boolean>;
  primaryJob?: string | null;
  inputJob?: string | null;
  scheduleMinutes?: number | null;
}

/** Creates a connector job (and the pipeline its executions show); 400 for any bad reference or option. */
export function createJob(db: Db, orgId: string, input: NewJob, now: number, id: string): Job {
  if (!JOB_ID.test(id)) throw badRequest('id: lowercase letters, digits and dashes, 2 to 63 characters');
  if (db.prepare('SELECT 1 FROM jobs WHERE id = ? UNION SELECT 1 FROM pipelines WHERE id = ?').get(id, id))
    throw new ApiError(409, ApiErrorCode.CONFLICT, `Job ${id} already exists`);
  const subOrg = input.subOrganization ?? null;
  if (subOrg && !db.prepare('SELECT 1 FROM sub_orgs WHERE id = ? AND org_id = ?').get(subOrg, orgId))
    throw badRequest(`Unknown sub-organization ${subOrg}`);
  const connector = connectorForJob(db, orgId, input.connector, subOrg);
  const primary = input.primaryJob ?? null;
  const inputJob = input.inputJob ?? null;
  if (primary && inputJob)
    throw badRequest('A dependent job reads its primary job’s output: set primaryJob or inputJob');
  for (const [field, ref] of [
    ['primaryJob', primary],
    ['inputJob', inputJob],
  ] as const) {
    if (!ref) continue;
    const other = jobRecord(db, orgId, ref);
    if (!other) throw badRequest(`${field}: unknown job ${ref}`);
    if (field === 'primaryJob' && other.sub_org_id !== subOrg)
      throw badRequest('primaryJob: a dependent job belongs to the same sub-organization as its primary job');
  }
  const config = checkConnectorConfig(connector, input.config ?? {});
  const schedule = checkSchedule(input.scheduleMinutes ?? null, primary);

  db.transaction(() => {
    db.prepare('INSERT INTO pipelines (id, org_id, name, fields) VALUES (?, ?, ?, ?)').run(id, orgId, input.name, '[]');
    const step = db.prepare('INSERT INTO pipeline_steps (pipeline_id, position, name) VALUES (?, ?, ?)');
    CONNECTOR_STEPS.forEach((name, i) => step.run(id, i + 1, name));
    db.prepare(
      `INSERT INTO jobs (id, org_id, sub_org_id, name, kind, pipeline_id, connector_id, config, primary_job_id, input_job_id, created_at, updated_at)
       VALUES (?, ?, ?, ?, 'CONNECTOR', ?, ?, ?, ?, ?, ?, ?)`,
    ).run(id, orgId, subOrg, input.name, id, connector.id, JSON.stringify(config), primary, inputJob, now, now);
    setSchedule(db, id, schedule, now);
  })();
  return getJob(db, orgId, id);
}

/** Renames a job or replaces its connector configuration. */
export function updateJob(
  db: Db,
  orgId: string,
  id: string,
  patch: { name?: string; config?: Record<string, string | number | boolean>; scheduleMinutes?: number | null },
  now: number,
): Job {
  const record = jobRecord(db, orgId, id);
  if (!record) throw notFound(`Job ${id}`);
  if (patch.config && !record.connector_id) throw badRequest(`Job ${id} has no connector to configure`);
  const connector = record.connector_id ? connectorById(record.connector_id) : undefined;
  const config = patch.config && connector ? checkConnectorConfig(connector, patch.config) : undefined;
  const schedule =
    patch.scheduleMinutes !== undefined ? checkSchedule(patch.scheduleMinutes, record.primary_job_id) : undefined;
  db.transaction(() => {
    if (schedule !== undefined) setSchedule(db, id, schedule, now);
    if (patch.name) db.prepare('UPDATE pipelines SET name = ? WHERE id = ?').run(patch.name, record.pipeline_id);
    db.prepare('UPDATE jobs SET name = ?, config = ?, updated_at = ? WHERE id = ?').run(
      patch.name ?? record.name,
      config ? JSON.stringify(config) : record.config,
      now,
      id,
    );
  })();
  return getJob(db, orgId, id);
}

function checkSchedule(minutes: number | null, primaryJob: string | null): number | null {
  if (minutes === null) return null;
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_SCHEDULE_MINUTES)
    throw badRequest(`scheduleMinutes: a whole number from 1 to ${MAX_SCHEDULE_MINUTES}, or null`);
  if (primaryJob) throw badRequest('scheduleMinutes: a dependent job runs after its primary job, not on a schedule');
  return minutes;
}

/** Sets (or clears) a schedule; the first run is one interval from now. */
function setSchedule(db: Db, id: string, minutes: number | null, now: number): void {
  db.prepare('UPDATE jobs SET schedule_minutes = ?, next_run_at = ? WHERE id = ?').run(
    minutes,
    minutes === null ? null : now + minutes * 60_000,
    id,
  );
}

function toJob(db: Db, r: JobRecord): Job {
  const connector = r.connector_id ? connectorById(r.connector_id) : undefined;
  return {
    id: r.id,
    name: r.name,
    subOrganization: r.sub_org_id,
    kind: r.kind,
    pipelineId: r.pipeline_id,
    connector: connector ? { id: connector.id, name: connector.name, kind: connector.kind } : null,
    config: JSON.parse(r.config) as Record<string, string | number | boolean>,
    primaryJob: r.primary_job_id,
    inputJob: r.input_job_id,
    dependents: (
      db.prepare('SELECT id FROM jobs WHERE primary_job_id = ? ORDER BY created_at, id').all(r.id) as Array<{
        id: string;
      }>
    ).map((d) => d.id),
    schedule:
      r.schedule_minutes !== null && r.next_run_at !== null
        ? { everyMinutes: r.schedule_minutes, nextRunAt: r.next_run_at }
        : null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** A block window (seed 003): no new executions in it, and manual ones only when allowed. */
export interface BlockWindow {
  id: string;
  description: string;
  /** Job ids it applies to; empty: every job of the organisation. */
  jobs: string[];
  weekdays: Weekday[];
  /** `HH:MM`, start inclusive, end exclusive; an end before the start crosses midnight. */
  start: string;
  end: string;
  timezone: string;
  allowManualExecutions: boolean;
  createdAt: number;
}

interface BlockWindowRecord {
  id: string;
  description: string;
  jobs: string;
  weekdays: string;
  start_time: string;
  end_time: string;
  timezone: string;
  allow_manual: number;
  created_at: number;
}

export function listBlockWindows(db: Db, orgId: string): BlockWindow[] {
  return (
    db.prepare('SELECT * FROM block_windows WHERE org_id = ? ORDER BY created_at, id').all(orgId) as BlockWindowRecord[]
  ).map((r) => ({
    id: r.id,
    description: r.description,
    jobs: JSON.parse(r.jobs) as string[],
    weekdays: JSON.parse(r.weekdays) as Weekday[],
    start: r.start_time,
    end: r.end_time,
    timezone: r.timezone,
    allowManualExecutions: r.allow_manual === 1,
    createdAt: r.created_at,
  }));
}

export function createBlockWindow(
  db: Db,
  orgId: string,
  id: string,
  input: Omit<BlockWindow, 'id' | 'createdAt'>,
  now: number,
): BlockWindow {
  if (parseTimeOfDay(input.start) === undefined || parseTimeOfDay(input.end) === undefined)
    throw badRequest('start and end are times of day, HH:MM');
  const weekdays = input.weekdays.map((d) => d.toUpperCase());
  if (!weekdays.length || weekdays.some((d) => !WEEKDAYS.includes(d as Weekday)))
    throw badRequest(`weekdays: a list of ${WEEKDAYS.join(', ')}`);
  if (!isTimeZone(input.timezone)) throw badRequest(`timezone: unknown time zone ${input.timezone}`);
  for (const job of input.jobs) if (!jobRecord(db, orgId, job)) throw badRequest(`jobs: unknown job ${job}`);
  db.prepare(
    `INSERT INTO block_windows (id, org_id, description, jobs, weekdays, start_time, end_time, timezone, allow_manual, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    orgId,
    input.description,
    JSON.stringify(input.jobs),
    JSON.stringify(weekdays),
    input.start,
    input.end,
    input.timezone,
    input.allowManualExecutions ? 1 : 0,
    now,
  );
  return listBlockWindows(db, orgId).find((w) => w.id === id)!;
}

export function deleteBlockWindow(db: Db, orgId: string, id: string): void {
  if (db.prepare('DELETE FROM block_windows WHERE id = ? AND org_id = ?').run(id, orgId).changes === 0)
    throw notFound(`Block window ${id}`);
}

/** Whether a block window is open at `at` for this job. */
export function windowIsOpen(window: BlockWindow, jobId: string, at: number): boolean {
  if (window.jobs.length && !window.jobs.includes(jobId)) return false;
  const { weekday, minutes } = localTime(at, window.timezone);
  return (
    window.weekdays.includes(weekday) &&
    inTimeRange(minutes, parseTimeOfDay(window.start) ?? 0, parseTimeOfDay(window.end) ?? 0)
  );
}

/**
 * The block window that refuses a new execution of this job now, if any: every open window refuses
 * automatic runs (schedule, webhook trigger); a manual or API run only when manual runs are not allowed.
 */
export function blockingWindow(
  db: Db,
  orgId: string,
  jobId: string,
  at: number,
  manual: boolean,
): BlockWindow | undefined {
  return listBlockWindows(db, orgId).find((w) => windowIsOpen(w, jobId, at) && (!manual || !w.allowManualExecutions));
}
