import type { Db } from '../db.js';
import type { DeliveryStatus } from './webhooks.js';

/** The webhook delivery log's storage (runtime/deliveries.ts sends; this records). */

export interface NewDelivery {
  id: string;
  webhookId: string;
  executionId: string;
  description: string;
  method: string;
  /** Shown in the log: secrets still as placeholders. */
  url: string;
  /** The JSON snapshot to send (null for a skipped delivery). */
  request: string | null;
  status: 'PENDING' | 'SKIPPED';
  reason: string | null;
  nextAttemptAt: number | null;
  createdAt: number;
  completedAt: number | null;
}

export function insertDelivery(db: Db, d: NewDelivery): void {
  db.prepare(
    `INSERT INTO webhook_deliveries (id, webhook_id, execution_id, description, method, url, request, status, reason, next_attempt_at, created_at, completed_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    d.id,
    d.webhookId,
    d.executionId,
    d.description,
    d.method,
    d.url,
    d.request,
    d.status,
    d.reason,
    d.nextAttemptAt,
    d.createdAt,
    d.completedAt,
  );
}

export function pendingDeliveries(db: Db): Array<{ id: string; next_attempt_at: number | null }> {
  return db
    .prepare("SELECT id, next_attempt_at FROM webhook_deliveries WHERE status IN ('PENDING', 'RETRYING')")
    .all() as Array<{ id: string; next_attempt_at: number | null }>;
}

export interface DeliveryRow {
  id: string;
  execution_id: string;
  org_id: string;
  method: string;
  request: string | null;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: number | null;
}

export function deliveryRow(db: Db, id: string): DeliveryRow | undefined {
  return db
    .prepare(
      `SELECT d.id, d.execution_id, e.org_id, d.method, d.request, d.status, d.attempts, d.next_attempt_at
       FROM webhook_deliveries d JOIN executions e ON e.id = d.execution_id WHERE d.id = ?`,
    )
    .get(id) as DeliveryRow | undefined;
}

export function recordAttempt(
  db: Db,
  id: string,
  attempt: number,
  startedAt: number,
  endedAt: number,
  statusCode: number | null,
  error: string | null,
): void {
  db.transaction(() => {
    db.prepare(
      'INSERT INTO webhook_delivery_attempts (delivery_id, attempt, started_at, ended_at, status_code, error) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(id, attempt, startedAt, endedAt, statusCode, error);
    db.prepare('UPDATE webhook_deliveries SET attempts = ? WHERE id = ?').run(attempt, id);
  })();
}

export function markRetrying(db: Db, id: string, reason: string, nextAttemptAt: number): void {
  db.prepare("UPDATE webhook_deliveries SET status = 'RETRYING', reason = ?, next_attempt_at = ? WHERE id = ?").run(
    reason,
    nextAttemptAt,
    id,
  );
}

export function finishDelivery(db: Db, id: string, status: DeliveryStatus, reason: string | null, now: number): void {
  db.prepare(
    'UPDATE webhook_deliveries SET status = ?, reason = ?, next_attempt_at = NULL, completed_at = ? WHERE id = ?',
  ).run(status, reason, now, id);
}
