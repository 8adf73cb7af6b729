import { randomBytes } from 'node:crypto';
import type { Db } from '../db.js';

export interface TriggerRecord {
  id: string;
  pipelineId: string;
  subOrgId: string | null;
  orgId: string;
}

/** What became of a trigger event: the run was requested, refused by a block window, or failed. */
export type TriggerEventStatus =
  'TARGET_EXECUTION_REQUESTED' | 'TARGET_EXECUTION_BLOCKED' | 'EXCEPTION_WHILE_PROCESSING';

export interface TriggerEvent {
  /** The eventCorrelationId the trigger answered. */
  id: string;
  eventId: string;
  triggerId: string;
  pipelineId: string;
  executionId: string | null;
  accountIdentifier: string | null;
  orgIdentifier: string | null;
  projectIdentifier: string | null;
  status: TriggerEventStatus;
  message: string;
  exceptionOccurred: boolean;
  payload: string;
  createdAt: number;
}

/** A Mongo-style 24-hex id, the shape the seed's eventCorrelationId has. */
export const objectId = (): string => randomBytes(12).toString('hex');

export function findTrigger(db: Db, triggerId: string, pipelineId: string): TriggerRecord | undefined {
  return db
    .prepare(
      `SELECT t.id, t.pipeline_id AS pipelineId, t.sub_org_id AS subOrgId, p.org_id AS orgId
       FROM triggers t JOIN pipelines p ON p.id = t.pipeline_id WHERE t.id = ? AND t.pipeline_id = ?`,
    )
    .get(triggerId, pipelineId) as TriggerRecord | undefined;
}

/** The IMPORT job that runs a pipeline (its oldest, when there are several). */
export function importJobFor(db: Db, pipelineId: string, orgId: string): string | undefined {
  return (
    db
      .prepare(
        "SELECT id FROM jobs WHERE pipeline_id = ? AND org_id = ? AND kind = 'IMPORT' ORDER BY created_at LIMIT 1",
      )
      .get(pipelineId, orgId) as { id: string } | undefined
  )?.id;
}

/** Records a received event before it is processed, so even a refused one can be looked up. */
export function recordTriggerEvent(
  db: Db,
  event: Omit<
    TriggerEvent,
    'id' | 'eventId' | 'pipelineId' | 'executionId' | 'status' | 'message' | 'exceptionOccurred'
  >,
): string {
  const id = objectId();
  db.prepare(
    `INSERT INTO trigger_events (id, event_id, trigger_id, execution_id, account_identifier, org_identifier, project_identifier, status, message, payload, created_at)
     VALUES (?, ?, ?, NULL, ?, ?, ?, 'RECEIVED', 'The event is being processed', ?, ?)`,
  ).run(
    id,
    objectId(),
    event.triggerId,
    event.accountIdentifier,
    event.orgIdentifier,
    event.projectIdentifier,
    event.payload,
    event.createdAt,
  );
  return id;
}

/** How processing the event ended. */
export function settleTriggerEvent(
  db: Db,
  id: string,
  outcome: { status: TriggerEventStatus; message: string; executionId?: string; exceptionOccurred?: boolean },
): void {
  db.prepare(
    'UPDATE trigger_events SET status = ?, message = ?, execution_id = ?, exception_occurred = ? WHERE id = ?',
  ).run(outcome.status, outcome.message, outcome.executionId ?? null, outcome.exceptionOccurred ? 1 : 0, id);
}

export function getTriggerEvent(db: Db, id: string): TriggerEvent | undefined {
  const row = db
    .prepare(
      `SELECT e.id, e.event_id, e.trigger_id, t.pipeline_id, e.execution_id, e.account_identifier, e.org_identifier,
              e.project_identifier, e.status, e.message, e.exception_occurred, e.payload, e.created_at
       FROM trigger_events e JOIN triggers t ON t.id = e.trigger_id WHERE e.id = ?`,
    )
    .get(id) as Record<string, unknown> | undefined;
  if (!row) return undefined;
  return {
    id: row.id as string,
    eventId: row.event_id as string,
    triggerId: row.trigger_id as string,
    pipelineId: row.pipeline_id as string,
    executionId: row.execution_id as string | null,
    accountIdentifier: row.account_identifier as string | null,
    orgIdentifier: row.org_identifier as string | null,
    projectIdentifier: row.project_identifier as string | null,
    status: row.status as TriggerEventStatus,
    message: row.message as string,
    exceptionOccurred: row.exception_occurred === 1,
    payload: row.payload as string,
    createdAt: row.created_at as number,
  };
}

/** The trigger event that started an execution, if one did. */
export function eventOfExecution(db: Db, executionId: string): string | undefined {
  return (
    db.prepare('SELECT id FROM trigger_events WHERE execution_id = ?').get(executionId) as { id: string } | undefined
  )?.id;
}
