import type { Execution, ExecutionRow } from '../../model/executions.js';
import type { ApiClient } from '../lib/api.js';

/** The platform API calls of the execution page. */
const path = (id: string) => `/dp/api/v1/executions/${encodeURIComponent(id)}`;

export function fetchExecution(api: ApiClient, id: string): Promise<Execution> {
  return api.request<Execution>('GET', path(id));
}

/** Asks for a new execution of the fixed rows. */
export function rerunExecution(api: ApiClient, id: string): Promise<Execution> {
  return api.request<Execution>('POST', `${path(id)}/rerun`);
}

/** Saves one edited cell; answers the row as the platform validated it. */
export function saveCell(api: ApiClient, executionId: string, rowId: string, field: string, value: string) {
  return api.request<ExecutionRow>('PATCH', `${path(executionId)}/rows/${encodeURIComponent(rowId)}`, {
    data: { [field]: value },
  });
}

/** The execution with one row replaced and its invalid-row count updated. */
export function withRow(execution: Execution, updated: ExecutionRow): Execution {
  const invalidRows = execution.invalidRows.map((r) => (r.id === updated.id ? updated : r));
  const invalid = invalidRows.filter((r) => Object.keys(r.errors).length > 0).length;
  return { ...execution, invalidRows, stats: { ...execution.stats, invalidRows: invalid } };
}

/** Whether the execution still changes: it runs, or its webhooks are being delivered. */
export function isLive(e: Execution): boolean {
  return (
    e.status === 'RUNNING' ||
    e.status === 'QUEUED' ||
    e.webhookDeliveries.some((d) => d.status === 'PENDING' || d.status === 'RETRYING')
  );
}

/** Reloads while live: every 1 to 5 seconds, at most 120 times. */
export const POLL_LIMIT = 120;
export const pollDelay = (polls: number): number => Math.min(5000, 1000 + polls * 250);
