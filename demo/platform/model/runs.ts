import type { Db } from '../db.js';
import { nextRunSequence, type ExecutionTrigger } from './executions.js';

/** What the orchestrator reads and writes about connector runs and scheduling (SQL kept in model/). */

export function hasUnfinishedRun(db: Db, jobId: string): boolean {
  return !!db.prepare("SELECT 1 FROM executions WHERE job_id = ? AND status IN ('RUNNING', 'QUEUED')").get(jobId);
}

/** The latest successful execution of a job (its output is a dependent's or an export's input). */
export function latestSuccess(db: Db, jobId: string): string | null {
  return (
    (
      db
        .prepare(
          "SELECT id FROM executions WHERE job_id = ? AND status = 'SUCCESS' ORDER BY ended_at DESC, created_at DESC LIMIT 1",
        )
        .get(jobId) as { id: string } | undefined
    )?.id ?? null
  );
}

export interface NewConnectorRun {
  id: string;
  pipelineId: string;
  orgId: string;
  subOrgId: string | null;
  sourceExecutionId: string | null;
  jobId: string;
  origin: ExecutionTrigger;
  primaryExecutionId: string | null;
  inputExecutionId: string | null;
  now: number;
}

/** Records a connector run as QUEUED with its steps PENDING. */
export function createConnectorRun(db: Db, run: NewConnectorRun): void {
  db.transaction(() => {
    db.prepare(
      `INSERT INTO executions (id, pipeline_id, org_id, sub_org_id, status, source_execution_id, run_sequence, total_rows,
         created_at, started_at, ended_at, job_id, origin, primary_execution_id, input_execution_id)
       VALUES (?, ?, ?, ?, 'QUEUED', ?, ?, 0, ?, ?, NULL, ?, ?, ?, ?)`,
    ).run(
      run.id,
      run.pipelineId,
      run.orgId,
      run.subOrgId,
      run.sourceExecutionId,
      nextRunSequence(db, run.pipelineId),
      run.now,
      run.now,
      run.jobId,
      run.origin,
      run.primaryExecutionId,
      run.inputExecutionId,
    );
    db.prepare(
      "INSERT INTO execution_steps (execution_id, position, name, status) SELECT ?, position, name, 'PENDING' FROM pipeline_steps WHERE pipeline_id = ?",
    ).run(run.id, run.pipelineId);
  })();
}

/** Scheduled jobs due at `now`; each one's next run is moved one interval on (missed runs are not made up). */
export function takeDueJobs(db: Db, now: number): Array<{ id: string; orgId: string }> {
  const due = db
    .prepare(
      'SELECT id, org_id, schedule_minutes FROM jobs WHERE schedule_minutes IS NOT NULL AND next_run_at <= ? AND primary_job_id IS NULL ORDER BY next_run_at, id',
    )
    .all(now) as Array<{ id: string; org_id: string; schedule_minutes: number }>;
  const next = db.prepare('UPDATE jobs SET next_run_at = ? WHERE id = ?');
  for (const job of due) next.run(now + job.schedule_minutes * 60_000, job.id);
  return due.map((job) => ({ id: job.id, orgId: job.org_id }));
}

export function orgOfExecution(db: Db, executionId: string): string {
  return (db.prepare('SELECT org_id FROM executions WHERE id = ?').get(executionId) as { org_id: string }).org_id;
}

export function dependentJobs(db: Db, jobId: string): Array<{ id: string; name: string }> {
  return db.prepare('SELECT id, name FROM jobs WHERE primary_job_id = ? ORDER BY created_at, id').all(jobId) as Array<{
    id: string;
    name: string;
  }>;
}

/** Where a connector run reads: its input execution, and the input of the job's last successful run. */
export function connectorInputs(
  db: Db,
  executionId: string,
  jobId: string,
): { input: string | null; previousInput: string | null } {
  const { input_execution_id: input } = db
    .prepare('SELECT input_execution_id FROM executions WHERE id = ?')
    .get(executionId) as { input_execution_id: string | null };
  const previousInput =
    (
      db
        .prepare(
          "SELECT input_execution_id FROM executions WHERE job_id = ? AND status = 'SUCCESS' AND id != ? ORDER BY ended_at DESC, created_at DESC LIMIT 1",
        )
        .get(jobId, executionId) as { input_execution_id: string | null } | undefined
    )?.input_execution_id ?? null;
  return { input, previousInput };
}

/** Appends rows to a run's output or feedback file; answers the new total, or why not (over `maxRows`). */
export function appendOutput(
  db: Db,
  executionId: string,
  file: 'output' | 'feedback',
  rows: readonly unknown[],
  maxRows: number,
): number | string {
  const before = (
    db
      .prepare('SELECT COUNT(*) AS n FROM execution_output WHERE execution_id = ? AND file = ?')
      .get(executionId, file) as { n: number }
  ).n;
  if (before + rows.length > maxRows) return `A run may append at most ${maxRows} rows to ${file}`;
  db.transaction(() => {
    const insert = db.prepare('INSERT INTO execution_output (execution_id, file, seq, data) VALUES (?, ?, ?, ?)');
    rows.forEach((row, i) => insert.run(executionId, file, before + i + 1, JSON.stringify(row)));
    if (file === 'output')
      db.prepare('UPDATE executions SET total_rows = ? WHERE id = ?').run(before + rows.length, executionId);
  })();
  return before + rows.length;
}
