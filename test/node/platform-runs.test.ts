import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Execution, ExecutionRow } from '../../demo/platform/model/executions.js';
import { eventually, executionOf, expectJson, finished } from './helpers/orchestration.js';
import { errorOf, startTestPlatform, type TestPlatform } from './helpers/platform.js';

/** Executions run for real: queued, then step by step, cancellable; a re-run processes the whole input. */
describe('import runs', () => {
  let platform: TestPlatform;
  let acme: string;
  before(async () => {
    platform = await startTestPlatform();
    acme = await platform.accessToken('acme', 'SUB_ORG');
  });
  after(() => platform.dispose());

  const patchRow = (execution: string, row: string, data: Record<string, unknown>) =>
    expectJson<ExecutionRow>(
      platform.request(`/dp/api/v1/executions/${execution}/rows/${row}`, {
        method: 'PATCH',
        token: acme,
        json: { data },
      }),
      200,
    );

  test('a re-run of the 1,250-row execution with its 5 rows fixed processes 1,250 rows and none is invalid', async () => {
    const source = await executionOf(platform, 'exec-acme-failed', acme);
    assert.equal(source.stats.totalRows, 1250);
    assert.equal(source.invalidRows.length, 5);
    const fixes: Record<number, Record<string, string>> = {
      17: { email: 'jane.cooper@example.com' },
      42: { country: 'GB' },
      88: { amount: '45.00' },
      203: { email: 'cameron@example.com' },
      517: { country: 'US', amount: '12.50' },
    };
    for (const row of source.invalidRows)
      assert.deepEqual((await patchRow(source.id, row.id, fixes[row.rowNumber]!)).errors, {}, `row ${row.rowNumber}`);

    const started = await expectJson<Execution>(
      platform.request('/dp/api/v1/executions/exec-acme-failed/rerun', { method: 'POST', token: acme }),
      201,
    );
    assert.equal(started.sourceExecutionId, 'exec-acme-failed');
    const done = await finished(platform, started.id, acme);
    assert.equal(done.status, 'SUCCESS');
    assert.deepEqual(done.stats, { totalRows: 1250, validRows: 1250, invalidRows: 0 });
    assert.equal(done.invalidRows.length, 0);
    assert.ok(done.logs.some((l) => l.message === 'Fetched 1,250 row(s)'));
    assert.ok(done.logs.some((l) => l.message === 'Loaded 1,250 row(s) into warehouse.customers'));
  });

  test('a re-run with one row still wrong keeps exactly that row invalid, out of all 1,250', async () => {
    const source = await executionOf(platform, 'exec-acme-failed', acme);
    await patchRow(source.id, source.invalidRows.find((r) => r.rowNumber === 88)!.id, { amount: '-3' });
    const started = await expectJson<Execution>(
      platform.request('/dp/api/v1/executions/exec-acme-failed/rerun', { method: 'POST', token: acme }),
      201,
    );
    const done = await finished(platform, started.id, acme);
    assert.equal(done.status, 'FAILED');
    assert.deepEqual(done.stats, { totalRows: 1250, validRows: 1249, invalidRows: 1 });
    assert.deepEqual(
      done.invalidRows.map((r) => [r.rowNumber, Object.keys(r.errors)]),
      [[88, ['amount']]],
    );
    // A re-run of the re-run processes the whole file again, not just the row it kept.
    await patchRow(done.id, done.invalidRows[0]!.id, { amount: '3' });
    const again = await finished(
      platform,
      (
        await expectJson<Execution>(
          platform.request(`/dp/api/v1/executions/${done.id}/rerun`, { method: 'POST', token: acme }),
          201,
        )
      ).id,
      acme,
    );
    assert.deepEqual(again.stats, { totalRows: 1250, validRows: 1250, invalidRows: 0 });
  });
});

describe('runs in progress', () => {
  let platform: TestPlatform;
  let ada: string;
  before(async () => {
    // Steps long enough to watch (and cancel) a run in progress on a loaded machine.
    platform = await startTestPlatform({ importStepMs: 1500 });
    ada = await platform.accessToken('ada@example.com', 'USER');
  });
  after(() => platform.dispose());

  const run = (rows: unknown[]) =>
    expectJson<Execution>(
      platform.request('/dp/api/v1/jobs/customer-import/run', {
        method: 'POST',
        token: ada,
        json: { subOrganization: 'acme', rows },
      }),
      201,
    );
  const rows = [{ name: 'Ada', email: 'ada@example.com', country: 'GB', amount: '10' }];

  test('a run is answered QUEUED or RUNNING at once; its steps start after the request and end in order', async () => {
    const requestedAt = Date.now();
    const started = await run(rows);
    assert.ok(started.status === 'QUEUED' || started.status === 'RUNNING', started.status);
    assert.equal(started.endedAt, null);
    assert.ok(started.steps.some((s) => s.status === 'PENDING'));
    // Seen running, with some steps done and others still to come.
    const midway = await eventually('a step in progress', async () => {
      const e = await executionOf(platform, started.id, ada);
      return e.status === 'RUNNING' && e.steps.some((s) => s.status === 'RUNNING') ? e : undefined;
    });
    assert.ok(midway.steps.some((s) => s.status === 'PENDING'));
    const done = await finished(platform, started.id, ada);
    assert.equal(done.status, 'SUCCESS');
    assert.ok(done.createdAt >= requestedAt);
    assert.ok(done.startedAt >= done.createdAt);
    let previousEnd = done.startedAt;
    for (const step of done.steps) {
      assert.equal(step.status, 'SUCCESS');
      assert.ok(step.startedAt! >= requestedAt, `${step.name} starts after the request`);
      assert.ok(step.startedAt! >= previousEnd, `${step.name} starts after the step before it ended`);
      assert.ok(step.endedAt! >= step.startedAt!);
      previousEnd = step.endedAt!;
    }
    assert.ok(done.endedAt! >= previousEnd);
  });

  test('cancelling a running execution stops it: CANCELLED, the rest of its steps never run', async () => {
    const started = await run(rows);
    await eventually('the run to be running', async () =>
      (await executionOf(platform, started.id, ada)).status === 'RUNNING' ? true : undefined,
    );
    const cancelled = await expectJson<Execution>(
      platform.request(`/dp/api/v1/executions/${started.id}/cancel`, { method: 'POST', token: ada }),
      200,
    );
    assert.equal(cancelled.status, 'CANCELLED');
    assert.ok(cancelled.endedAt !== null);
    assert.ok(cancelled.steps.some((s) => s.status === 'SKIPPED'));
    assert.ok(cancelled.logs.some((l) => /Cancelled by ada@example\.com/.test(l.message)));
    // Nothing runs on: after more than a step's time the execution is unchanged.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const later = await executionOf(platform, started.id, ada);
    assert.equal(later.status, 'CANCELLED');
    assert.deepEqual(later.steps, cancelled.steps);
    assert.equal(later.logs.length, cancelled.logs.length);

    // An ended execution cannot be cancelled again; another customer cannot cancel it at all.
    const again = await platform.request(`/dp/api/v1/executions/${started.id}/cancel`, { method: 'POST', token: ada });
    assert.equal(again.status, 409);
    assert.equal((await errorOf(again)).code, 'CONFLICT');
    const globex = await platform.accessToken('globex', 'SUB_ORG');
    const next = await run(rows);
    const foreign = await platform.request(`/dp/api/v1/executions/${next.id}/cancel`, {
      method: 'POST',
      token: globex,
    });
    assert.equal(foreign.status, 404);
    assert.notEqual((await executionOf(platform, next.id, ada)).status, 'CANCELLED');
  });

  test('cancelling a connector run kills its process: CANCELLED within seconds, not after its 2 minutes', async () => {
    await expectJson(
      platform.request('/dp/api/v1/jobs', {
        method: 'POST',
        token: ada,
        json: {
          id: 'slow-feed',
          name: 'Slow feed',
          connector: 'sample-data-source',
          config: { NAME: 'x', DELAY_MS: '120000' },
        },
      }),
      201,
    );
    const started = await expectJson<Execution>(
      platform.request('/dp/api/v1/jobs/slow-feed/run', { method: 'POST', token: ada }),
      201,
    );
    await eventually('the connector to run', async () =>
      (await executionOf(platform, started.id, ada)).logs.some((l) => l.source === 'connector') ? true : undefined,
    );
    const asked = Date.now();
    const cancelled = await expectJson<Execution>(
      platform.request(`/dp/api/v1/executions/${started.id}/cancel`, { method: 'POST', token: ada }),
      200,
    );
    assert.ok(Date.now() - asked < 30_000, 'the process was killed, not waited for');
    assert.equal(cancelled.status, 'CANCELLED');
    assert.notEqual(cancelled.exitCode, 0);
    assert.deepEqual(
      cancelled.steps.map((step) => step.status),
      ['SUCCESS', 'SKIPPED'],
      'the health check passed; the run was stopped, it did not fail',
    );
    assert.ok(cancelled.logs.some((l) => /Cancelled by ada@example\.com/.test(l.message)));
  });

  test('a running execution cannot be re-run (409)', async () => {
    const started = await run(rows);
    const response = await platform.request(`/dp/api/v1/executions/${started.id}/rerun`, {
      method: 'POST',
      token: ada,
    });
    assert.equal(response.status, 409);
  });

  test('the trigger answers with a correlation id before the run has finished', async () => {
    const response = await platform.request(
      '/gateway/api/webhook/custom?pipelineIdentifier=customer-import&triggerIdentifier=customer-import-webhook',
      { method: 'POST', json: { rows } },
    );
    assert.equal(response.status, 200);
    const { data } = (await response.json()) as { data: string };
    const details = (await (
      await platform.request(`/gateway/pipeline/api/webhook/triggerExecutionDetails/${data}`)
    ).json()) as {
      data: { executionDetails: { pipelineExecutionSummary: { status: string; planExecutionId: string } } };
    };
    const summary = details.data.executionDetails.pipelineExecutionSummary;
    assert.ok(['Queued', 'Running'].includes(summary.status), summary.status);
    const acme = await platform.accessToken('acme', 'SUB_ORG');
    assert.equal((await finished(platform, summary.planExecutionId, acme)).status, 'SUCCESS');
  });
});
