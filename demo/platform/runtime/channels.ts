import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { connectorById, type ConnectorDefinition } from '../connectors/registry.js';
import type { Db } from '../db.js';
import { outputRows, previousSuccess, replaceOutputRows } from '../model/channels.js';
import { addLog, type Execution } from '../model/executions.js';
import { appendOutput } from '../model/runs.js';

const MAX_FEEDBACK_ROWS = 100_000;

/**
 * What the platform does with a registered connector's successful run before anything reads it
 * (dependent jobs, webhooks): a data service's new columns get its column prefix; an export's
 * output goes through its channel (template columns, delta by the delta key, rejected rows to the
 * feedback file if enabled) into `<database directory>/exports/<job>/<execution>.json`.
 */
export function applyConnectorSettings(db: Db, execution: Execution, now: number): void {
  const connector = execution.job?.connector ? connectorById(execution.job.connector.id) : undefined;
  if (!connector || connector.builtIn || execution.status !== 'SUCCESS') return;
  if (connector.dataService) prefixNewColumns(db, execution, connector.dataService.columnPrefix, now);
  if (connector.export) exportToChannel(db, execution, connector, now);
}

function prefixNewColumns(db: Db, execution: Execution, prefix: string, now: number): void {
  const inputColumns = new Set<string>();
  if (execution.inputExecutionId)
    for (const { row } of outputRows(db, execution.inputExecutionId))
      for (const key of Object.keys(row)) inputColumns.add(key);
  const renamed = new Map<string, string>();
  const changed: Array<{ seq: number; row: object }> = [];
  for (const { seq, row } of outputRows(db, execution.id)) {
    let touched = false;
    const next = Object.fromEntries(
      Object.entries(row).map(([key, value]) => {
        if (inputColumns.has(key) || key.startsWith(prefix)) return [key, value];
        touched = true;
        renamed.set(key, `${prefix}${key}`);
        return [`${prefix}${key}`, value];
      }),
    );
    if (touched) changed.push({ seq, row: next });
  }
  if (!changed.length) return;
  replaceOutputRows(db, execution.id, changed);
  const names = [...renamed].map(([from, to]) => `${from} → ${to}`).join(', ');
  addLog(db, execution.id, now, 'INFO', `Columns the data service added carry its prefix ${prefix}: ${names}`);
}

function exportToChannel(db: Db, execution: Execution, connector: ConnectorDefinition, now: number): void {
  const { channel, feedbackFile } = connector.export!;
  const template = channel.templateColumns;
  const project = (row: Record<string, unknown>) => Object.fromEntries(template.map((c) => [c, row[c] ?? null]));
  const complete: Array<Record<string, unknown>> = [];
  const rejected: Array<Record<string, unknown>> = [];
  for (const { row } of outputRows(db, execution.id)) {
    const missing = template.filter((c) => row[c] === undefined || row[c] === null || row[c] === '');
    if (missing.length) rejected.push({ ...row, feedback: `missing template column(s) ${missing.join(', ')}` });
    else complete.push(project(row));
  }
  if (feedbackFile && rejected.length) appendOutput(db, execution.id, 'feedback', rejected, MAX_FEEDBACK_ROWS);

  let rows = complete;
  let deleted: unknown[] = [];
  let unchanged = 0;
  if (channel.delta && channel.deltaKey) {
    const key = channel.deltaKey;
    const previousId = previousSuccess(db, execution.job!.id, execution.id);
    const before = new Map<unknown, string>();
    if (previousId)
      for (const { row } of outputRows(db, previousId))
        if (template.every((c) => row[c] !== undefined && row[c] !== null && row[c] !== ''))
          before.set(row[key], JSON.stringify(project(row)));
    const present = new Set(complete.map((r) => r[key]));
    rows = complete.filter((r) => before.get(r[key]) !== JSON.stringify(r));
    unchanged = complete.length - rows.length;
    deleted = [...before.keys()].filter((k) => !present.has(k));
  }

  const file = join(dirname(db.name), 'exports', execution.job!.id, `${execution.id}.json`);
  mkdirSync(dirname(file), { recursive: true });
  const body = {
    channel: channel.name,
    executionId: execution.id,
    delta: channel.delta,
    deltaKey: channel.deltaKey,
    columns: template,
    rows,
    ...(channel.delta ? { deleted } : {}),
  };
  writeFileSync(file, `${JSON.stringify(body, null, 2)}\n`);
  const parts = [
    `${rows.length} row(s) exported`,
    ...(channel.delta ? [`${unchanged} unchanged, ${deleted.length} deleted since the last export`] : []),
    ...(rejected.length
      ? [`${rejected.length} without a template column ${feedbackFile ? '(in the feedback file)' : '(left out)'}`]
      : []),
  ];
  addLog(db, execution.id, now, 'SUCCESS', `Channel ${channel.name}: ${parts.join('; ')} → ${file}`);
}
