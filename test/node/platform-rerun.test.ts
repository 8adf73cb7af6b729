import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Execution, ExecutionRow } from '../../demo/platform/model/executions.js';
import { finished } from './helpers/orchestration.js';
import { errorOf, startTestPlatform, type TestPlatform } from './helpers/platform.js';

let platform: TestPlatform;
let acme: string;
before(async () => {
  platform = await startTestPlatform();
  acme = await platform.accessToken('acme', 'SUB_ORG');
});
after(() => platform.dispose());

const getExecution = async (id: string) =>
  (await (await platform.request(`/dp/api/v1/executions/${id}`, { token: acme })).json()) as Execution;
const patchRow = (execution: string, row: string, data: Record<string, unknown>) =>
  platform.request(`/dp/api/v1/executions/${execution}/rows/${row}`, { method: 'PATCH', token: acme, json: { data } });
const rerun = (execution: string) =>
  platform.request(`/dp/api/v1/executions/${execution}/rerun`, { method: 'POST', token: acme });
/** Re-runs and waits for the new execution to end. */
const rerunToEnd = async (execution: string) =>
  finished(platform, ((await (await rerun(execution)).json()) as Execution).id, acme);

test('the seeded failed execution has steps, logs of every level and five invalid rows', async () => {
  const execution = await getExecution('exec-acme-failed');
  assert.equal(execution.status, 'FAILED');
  assert.deepEqual(
    execution.steps.map((s) => s.status),
    ['SUCCESS', 'SUCCESS', 'FAILED', 'SUCCESS'],
  );
  assert.ok(execution.steps.every((s) => s.startedAt !== null && s.endedAt !== null && s.endedAt >= s.startedAt));
  assert.deepEqual(new Set(execution.logs.map((l) => l.level)), new Set(['INFO', 'ERROR']));
  assert.equal(execution.invalidRows.length, 5);
  assert.deepEqual(
    execution.invalidRows.map((r) => Object.values(r.errors).map((e) => e.code)),
    [['INVALID_EMAIL'], ['REQUIRED'], ['NEGATIVE_AMOUNT'], ['INVALID_EMAIL'], ['UNKNOWN_COUNTRY', 'NOT_A_NUMBER']],
  );
});

test('PATCH validates the fixed row again and answers it', async () => {
  const fixed = await patchRow('exec-acme-failed', 'r1', { email: 'jane.cooper@example.com' });
  assert.equal(fixed.status, 200);
  assert.deepEqual(((await fixed.json()) as ExecutionRow).errors, {});
  const stillBad = await patchRow('exec-acme-failed', 'r3', { amount: '-1' });
  assert.equal(((await stillBad.json()) as ExecutionRow).errors.amount?.code, 'NEGATIVE_AMOUNT');
  assert.equal((await getExecution('exec-acme-failed')).stats.invalidRows, 4);
});

test('PATCH refuses unknown fields, unknown rows and malformed bodies', async () => {
  assert.equal((await patchRow('exec-acme-failed', 'r2', { password: 'x' })).status, 400);
  assert.equal((await patchRow('exec-acme-failed', 'r99', { email: 'a@b.co' })).status, 404);
  const bad = await platform.request('/dp/api/v1/executions/exec-acme-failed/rows/r2', {
    method: 'PATCH',
    token: acme,
    json: { data: 'x' },
  });
  assert.equal(bad.status, 400);
  assert.equal((await errorOf(bad)).code, 'INVALID_REQUEST');
});

test('re-run creates a NEW execution from the whole input with the fixed rows, and validates it again', async () => {
  const before = await getExecution('exec-acme-failed');
  const response = await rerun('exec-acme-failed');
  assert.equal(response.status, 201);
  const started = (await response.json()) as Execution;
  assert.notEqual(started.id, 'exec-acme-failed');
  const next = await finished(platform, started.id, acme);
  assert.equal(next.sourceExecutionId, 'exec-acme-failed');
  assert.equal(next.subOrganization, 'acme');
  assert.equal(next.stats.totalRows, 1250);
  // Row 17 was fixed above; the other four are still invalid and travel to the new execution.
  assert.equal(next.status, 'FAILED');
  assert.deepEqual(
    next.invalidRows.map((r) => r.rowNumber),
    [42, 88, 203, 517],
  );
  assert.ok(next.runSequence > before.runSequence);
  // The source is unchanged, and the new one can be read back.
  assert.equal((await getExecution('exec-acme-failed')).invalidRows.length, 5);
  assert.equal((await getExecution(next.id)).id, next.id);
});

test('fixing every row and re-running succeeds', async () => {
  let current = await rerunToEnd('exec-acme-failed');
  const fixes: Record<number, Record<string, string>> = {
    42: { country: 'GB' },
    88: { amount: '45.00' },
    203: { email: 'cameron@example.com' },
    517: { country: 'US', amount: '12.50' },
  };
  for (const row of current.invalidRows) {
    const response = await patchRow(current.id, row.id, fixes[row.rowNumber] ?? {});
    assert.deepEqual(((await response.json()) as ExecutionRow).errors, {}, `row ${row.rowNumber}`);
  }
  current = await rerunToEnd(current.id);
  assert.equal(current.status, 'SUCCESS');
  assert.equal(current.stats.totalRows, 1250);
  assert.equal(current.invalidRows.length, 0);
  assert.ok(current.logs.some((l) => l.level === 'SUCCESS'));
  assert.ok(current.steps.every((s) => s.status === 'SUCCESS'));
});
