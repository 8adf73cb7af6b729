import { setTimeout as sleep } from 'node:timers/promises';
import type { Db } from '../db.js';
import {
  addLog,
  finishExecution,
  markRunning,
  readInput,
  saveInvalidRows,
  setStep,
  type LogLevel,
} from '../model/executions.js';
import { pipelineOf } from '../model/pipelines.js';
import { validateRow } from '../model/validation.js';

/** The abort reason's name when the platform stops during a run (the run fails, it was not cancelled). */
export const INTERRUPTED = 'Interrupted';

export interface ImportRunOptions {
  db: Db;
  now: () => number;
  /** How long each step takes at least (the work itself is fast; this makes progress visible). */
  stepMs: number;
  /** Aborted when the execution is cancelled. */
  signal: AbortSignal;
}

/**
 * Runs a QUEUED import for real: the steps Fetch, Map, Validate, Load start and end as they happen,
 * every row of the input is validated, the invalid ones are kept for the user to fix. A cancelled
 * run stops at once; the step in progress and the ones after it are SKIPPED.
 */
export async function runImportSteps(
  executionId: string,
  options: ImportRunOptions,
): Promise<'SUCCESS' | 'FAILED' | 'CANCELLED'> {
  const { db, now, stepMs, signal } = options;
  const log = (level: LogLevel, message: string) => addLog(db, executionId, now(), level, message);
  const n = (x: number) => x.toLocaleString('en-US');
  let position = 0;
  // Each step: mark it running, do its work, let it take its time, then mark how it ended.
  const step = async (work: () => 'SUCCESS' | 'FAILED') => {
    position++;
    setStep(db, executionId, position, 'RUNNING', now());
    const status = work();
    await sleep(stepMs, undefined, { signal });
    setStep(db, executionId, position, status, undefined, now());
  };

  try {
    if (signal.aborted) throw signal.reason;
    markRunning(db, executionId, now());
    const pipeline = pipelineOf(db, executionId);
    let rows: ReturnType<typeof readInput> = [];
    let invalid: Array<(typeof rows)[number] & { errors: ReturnType<typeof validateRow> }> = [];
    log('INFO', `Execution started: ${pipeline.name}`);
    await step(() => {
      rows = readInput(db, executionId);
      log('INFO', `Fetched ${n(rows.length)} row(s)`);
      return 'SUCCESS';
    });
    await step(() => {
      log('INFO', `Mapped columns: ${pipeline.fields.join(', ')}`);
      return 'SUCCESS';
    });
    await step(() => {
      invalid = rows
        .map((row) => ({ ...row, errors: validateRow(row.data) }))
        .filter((row) => Object.keys(row.errors).length > 0);
      saveInvalidRows(db, executionId, invalid);
      for (const row of invalid)
        for (const [field, error] of Object.entries(row.errors))
          log('ERROR', `Row ${row.rowNumber}, ${field}: ${error.message}`);
      if (invalid.length) log('ERROR', `${n(invalid.length)} row(s) failed validation`);
      else log('SUCCESS', `All ${n(rows.length)} row(s) passed validation`);
      return invalid.length ? 'FAILED' : 'SUCCESS';
    });
    await step(() => {
      log('INFO', `Loaded ${n(rows.length - invalid.length)} row(s) into warehouse.customers`);
      return 'SUCCESS';
    });
    const failed = invalid.length > 0;
    log(
      failed ? 'ERROR' : 'SUCCESS',
      failed ? `Execution failed: ${n(invalid.length)} invalid row(s) need fixing` : 'Execution finished successfully',
    );
    finishExecution(db, executionId, failed ? 'FAILED' : 'SUCCESS', now());
    return failed ? 'FAILED' : 'SUCCESS';
  } catch (error) {
    if (!db.open) throw error;
    if (!signal.aborted) {
      log('ERROR', 'The platform could not run the import');
      finishExecution(db, executionId, 'FAILED', now());
      throw error;
    }
    // Aborted: cancelled by a user, or interrupted because the platform stops (then it failed).
    const reason = signal.reason instanceof Error ? signal.reason : new Error(String(signal.reason));
    const status = reason.name === INTERRUPTED ? 'FAILED' : 'CANCELLED';
    log('ERROR', reason.message);
    finishExecution(db, executionId, status, now());
    return status;
  }
}
