import type { Db } from '../db.js';

/** SQL of the data service and export settings (runtime/channels.ts): a run's rows and its job's last export. */

/** Every row of a run's output file, with its position. */
export function outputRows(db: Db, executionId: string): Array<{ seq: number; row: Record<string, unknown> }> {
  return (
    db
      .prepare("SELECT seq, data FROM execution_output WHERE execution_id = ? AND file = 'output' ORDER BY seq")
      .all(executionId) as Array<{ seq: number; data: string }>
  ).map((r) => ({ seq: r.seq, row: JSON.parse(r.data) as Record<string, unknown> }));
}

/** Replaces rows of a run's output file (same positions). */
export function replaceOutputRows(db: Db, executionId: string, rows: Array<{ seq: number; row: object }>): void {
  const update = db.prepare(
    "UPDATE execution_output SET data = ? WHERE execution_id = ? AND file = 'output' AND seq = ?",
  );
  db.transaction(() => {
    for (const { seq, row } of rows) update.run(JSON.stringify(row), executionId, seq);
  })();
}

/** The job's latest successful run before this one (what a delta export compares against). */
export function previousSuccess(db: Db, jobId: string, executionId: string): string | null {
  const row = db
    .prepare(
      "SELECT id FROM executions WHERE job_id = ? AND status = 'SUCCESS' AND id != ? AND created_at <= (SELECT created_at FROM executions WHERE id = ?) ORDER BY ended_at DESC, created_at DESC LIMIT 1",
    )
    .get(jobId, executionId, executionId) as { id: string } | undefined;
  return row?.id ?? null;
}
