import type { Db } from '../db.js';

export interface PipelineInfo {
  id: string;
  name: string;
  fields: string[];
}

/** The pipeline an execution runs. */
export function pipelineOf(db: Db, executionId: string): PipelineInfo {
  const row = db
    .prepare('SELECT p.id, p.name, p.fields FROM executions e JOIN pipelines p ON p.id = e.pipeline_id WHERE e.id = ?')
    .get(executionId) as { id: string; name: string; fields: string };
  return { id: row.id, name: row.name, fields: JSON.parse(row.fields) as string[] };
}
