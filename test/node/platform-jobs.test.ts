import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Execution } from '../../demo/platform/model/executions.js';
import type { BlockWindow, Job } from '../../demo/platform/model/jobs.js';
import {
  WEDNESDAY_3AM,
  admin,
  clockFrom,
  eventually,
  executionOf,
  expectJson,
  finished,
  startReceiver,
} from './helpers/orchestration.js';
import { errorOf, startTestPlatform, type TestPlatform } from './helpers/platform.js';

// Job execution API (seed 003): the Run endpoint, block windows, dependent jobs.
let platform: TestPlatform;
let ada: string;
before(async () => {
  // The platform's clock is pinned to a Wednesday, 03:00 UTC (and runs on from there).
  platform = await startTestPlatform({ clock: clockFrom(WEDNESDAY_3AM) });
  ada = await platform.accessToken('ada@example.com', 'USER');
});
after(() => platform.dispose());

const run = (job: string, init: { json?: unknown; token?: string } = {}) =>
  init.token
    ? platform.request(`/dp/api/v1/jobs/${job}/run`, { method: 'POST', ...init })
    : admin(platform, `/dp/api/v1/jobs/${job}/run`, { method: 'POST', ...init });
const executionCount = () => (platform.db.prepare('SELECT COUNT(*) AS n FROM executions').get() as { n: number }).n;
const addWindow = (window: Partial<BlockWindow>) =>
  expectJson<BlockWindow>(admin(platform, '/dp/api/v1/block-windows', { method: 'POST', json: window }), 201);
const removeWindow = async (id: string) =>
  assert.equal((await admin(platform, `/dp/api/v1/block-windows/${id}`, { method: 'DELETE' })).status, 204);

describe('the Run endpoint', () => {
  test('lists the jobs and connectors', async () => {
    const { data: jobs } = await expectJson<{ data: Job[] }>(admin(platform, '/dp/api/v1/jobs'), 200);
    const ids = jobs.map((j) => j.id);
    for (const id of ['customer-import', 'acme-product-feed', 'acme-feed-slugs', 'globex-product-feed'])
      assert.ok(ids.includes(id), id);
    const slugs = jobs.find((j) => j.id === 'acme-feed-slugs')!;
    assert.equal(slugs.primaryJob, 'acme-product-feed');
    assert.deepEqual(jobs.find((j) => j.id === 'acme-product-feed')!.dependents, ['acme-feed-slugs']);

    const { data: connectors } = await expectJson<{ data: Array<{ kind: string; args: string[] }> }>(
      admin(platform, '/dp/api/v1/connectors'),
      200,
    );
    assert.deepEqual(connectors.map((c) => c.kind).sort(), ['DATA_SERVICE', 'DATA_SOURCE', 'DELTA_EXPORT', 'EXPORT']);
    assert.deepEqual(connectors.find((c) => c.kind === 'EXPORT')!.args, ['main.mjs', 'export']);

    // A SUB_ORG token sees its own jobs and the organisation's, not another sub-organization's.
    const globex = await platform.accessToken('globex', 'SUB_ORG');
    const visible = await expectJson<{ data: Job[] }>(platform.request('/dp/api/v1/jobs', { token: globex }), 200);
    assert.ok(visible.data.every((j) => j.subOrganization === null || j.subOrganization === 'globex'));
    assert.equal((await run('acme-product-feed', { token: globex })).status, 404);
  });

  test('a run through the API is a manual execution recorded with trigger "api"', async () => {
    const rows = [{ name: 'Ada', email: 'ada@example.com', country: 'GB', amount: '10' }];
    const response = await run('customer-import', { json: { subOrganization: 'acme', rows } });
    const execution = await expectJson<Execution>(response, 201);
    assert.equal(response.headers.get('location'), `/dp/api/v1/executions/${execution.id}`);
    assert.equal(execution.trigger, 'api');
    assert.equal(execution.job?.id, 'customer-import');
    assert.equal((await finished(platform, execution.id, ada)).status, 'SUCCESS');
    assert.equal(execution.subOrganization, 'acme');
    assert.equal(execution.startedAt <= WEDNESDAY_3AM + 3_600_000, true); // the pinned clock
    const again = await executionOf(platform, execution.id, ada);
    assert.equal(again.trigger, 'api');

    // A SUB_ORG token runs for its own sub-organization only.
    const acme = await platform.accessToken('acme', 'SUB_ORG');
    const own = await expectJson<Execution>(run('customer-import', { token: acme, json: {} }), 201);
    assert.equal(own.subOrganization, 'acme');
    const other = await run('customer-import', { token: acme, json: { subOrganization: 'globex' } });
    assert.equal(other.status, 400);
    assert.equal((await run('no-such-job')).status, 404);
    assert.equal((await run('customer-import', { json: { unknown: 1 } })).status, 400);
  });
});

describe('block windows', () => {
  test('a window without manual executions refuses the run with 400, and nothing starts', async () => {
    const window = await addWindow({
      description: 'Nightly warehouse load',
      jobs: ['customer-import'],
      weekdays: ['MON', 'TUE', 'WED', 'THU', 'FRI'],
      start: '00:00',
      end: '08:00',
      timezone: 'UTC',
      allowManualExecutions: false,
    });
    try {
      const before = executionCount();
      const response = await run('customer-import', { json: { rows: [] } });
      assert.equal(response.status, 400);
      assert.match(response.headers.get('content-type') ?? '', /application\/json/);
      const error = await errorOf(response);
      assert.equal(error.code, 'BLOCKED_BY_WINDOW');
      assert.match(error.message, /Nightly warehouse load/);
      assert.match(error.message, /does not allow manual executions/);
      // A re-run is a manual execution too; the webhook trigger is refused as well.
      const rerun = await platform.request('/dp/api/v1/executions/exec-acme-success/rerun', {
        method: 'POST',
        token: ada,
      });
      assert.equal(rerun.status, 400);
      assert.equal((await errorOf(rerun)).code, 'BLOCKED_BY_WINDOW');
      const trigger = await platform.request(
        '/gateway/api/webhook/custom?pipelineIdentifier=customer-import&triggerIdentifier=customer-import-webhook',
        { method: 'POST', json: {} },
      );
      assert.equal(trigger.status, 400);
      assert.equal(executionCount(), before, 'no execution was recorded');
    } finally {
      await removeWindow(window.id);
    }
    assert.equal((await run('customer-import')).status, 201);
  });

  test('a window that allows manual executions, is closed now, or is for another job lets the run through', async () => {
    const windows = await Promise.all([
      addWindow({
        description: 'Manual runs allowed',
        weekdays: ['WED'],
        start: '02:00',
        end: '04:00',
        allowManualExecutions: true,
      }),
      addWindow({
        description: 'Weekend',
        weekdays: ['SAT', 'SUN'],
        start: '00:00',
        end: '24:00',
        allowManualExecutions: false,
      }),
      addWindow({
        description: 'Later today',
        weekdays: ['WED'],
        start: '09:00',
        end: '17:00',
        allowManualExecutions: false,
      }),
      addWindow({
        description: 'Another job',
        jobs: ['globex-product-feed'],
        weekdays: ['WED'],
        start: '00:00',
        end: '08:00',
        allowManualExecutions: false,
      }),
      // 03:00 in UTC is 22:00 on Tuesday in New York: a Tuesday-night window there is open now.
      addWindow({
        description: 'New York night',
        jobs: ['acme-product-feed'],
        weekdays: ['TUE'],
        start: '21:00',
        end: '06:00',
        timezone: 'America/New_York',
        allowManualExecutions: false,
      }),
    ]);
    try {
      assert.equal((await run('customer-import')).status, 201);
      const blocked = await run('acme-product-feed');
      assert.equal(blocked.status, 400);
      assert.match((await errorOf(blocked)).message, /New York night/);
    } finally {
      for (const w of windows) await removeWindow(w.id);
    }
  });

  test('bad windows are refused', async () => {
    for (const body of [
      { description: 'x', weekdays: ['WEDNESDAY'], start: '00:00', end: '08:00', allowManualExecutions: false },
      { description: 'x', weekdays: ['WED'], start: '25:00', end: '08:00', allowManualExecutions: false },
      {
        description: 'x',
        weekdays: ['WED'],
        start: '00:00',
        end: '08:00',
        timezone: 'Mars/Base',
        allowManualExecutions: false,
      },
      {
        description: 'x',
        jobs: ['nope'],
        weekdays: ['WED'],
        start: '00:00',
        end: '08:00',
        allowManualExecutions: false,
      },
    ]) {
      const response = await admin(platform, '/dp/api/v1/block-windows', { method: 'POST', json: body });
      assert.equal(response.status, 400, JSON.stringify(body));
    }
  });
});

describe('dependent jobs', () => {
  test('run after their primary succeeds, on its output, and cannot run alone', async () => {
    await expectJson(
      admin(platform, '/dp/api/v1/jobs', {
        method: 'POST',
        json: {
          id: 'deps-primary',
          name: 'Users (primary)',
          subOrganization: 'acme',
          connector: 'sample-data-source',
          config: { NAME: 'Users', PRODUCT_COUNT: '3' },
        },
      }),
      201,
    );
    const dependent = await expectJson<Job>(
      admin(platform, '/dp/api/v1/jobs', {
        method: 'POST',
        json: {
          id: 'deps-details',
          name: 'User details (dependent)',
          subOrganization: 'acme',
          connector: 'sample-data-service',
          config: { NEW_COLUMN_NAME: 'handle', SOURCE_COLUMN: 'name' },
          primaryJob: 'deps-primary',
        },
      }),
      201,
    );
    assert.equal(dependent.primaryJob, 'deps-primary');

    // Alone: 400, nothing recorded.
    const before = executionCount();
    const alone = await run('deps-details');
    assert.equal(alone.status, 400);
    const error = await errorOf(alone);
    assert.equal(error.code, 'DEPENDENT_JOB');
    assert.match(error.message, /deps-primary/);
    assert.equal(executionCount(), before);

    // The primary's run starts the dependent when it succeeds.
    const primary = await expectJson<Execution>(run('deps-primary'), 201);
    assert.ok(['QUEUED', 'RUNNING'].includes(primary.status));
    const done = await finished(platform, primary.id, ada);
    assert.equal(done.status, 'SUCCESS');
    const dependentId = await eventually('the dependent execution', async () => {
      const e = await executionOf(platform, primary.id, ada);
      return e.dependentExecutions[0]?.id;
    });
    const child = await finished(platform, dependentId, ada);
    assert.equal(child.status, 'SUCCESS');
    assert.equal(child.trigger, 'dependency');
    assert.equal(child.job?.id, 'deps-details');
    assert.equal(child.primaryExecutionId, primary.id);
    assert.equal(child.inputExecutionId, primary.id);
    assert.ok(child.startedAt >= done.endedAt!, 'the dependent started after the primary ended');
    // It worked on the primary's output: the three products, with the new column.
    assert.equal(child.output?.total, 3);
    assert.deepEqual(
      child.output?.preview.map((r) => r.handle),
      ['users-trail-running-shoe', 'users-merino-base-layer', 'users-insulated-bottle'],
    );
    assert.ok((await executionOf(platform, primary.id, ada)).logs.some((l) => l.message.includes(dependentId)));

    // Re-running the dependent's execution is running it alone: refused too.
    const rerun = await platform.request(`/dp/api/v1/executions/${dependentId}/rerun`, { method: 'POST', token: ada });
    assert.equal(rerun.status, 400);
    assert.equal((await errorOf(rerun)).code, 'DEPENDENT_JOB');

    // A failed primary starts no dependent.
    await expectJson(
      admin(platform, '/dp/api/v1/jobs/deps-primary', {
        method: 'PATCH',
        json: { config: { NAME: 'Users', SHOULD_FAIL: true } },
      }),
      200,
    );
    const failing = await expectJson<Execution>(run('deps-primary'), 201);
    const failed = await finished(platform, failing.id, ada);
    assert.equal(failed.status, 'FAILED');
    await platform.idle();
    const afterFail = await executionOf(platform, failing.id, ada);
    assert.deepEqual(afterFail.dependentExecutions, []);
    assert.ok(afterFail.logs.some((l) => /Dependent job\(s\) not started/.test(l.message)));
  });

  test('jobs are validated when created', async () => {
    const create = (json: unknown) => admin(platform, '/dp/api/v1/jobs', { method: 'POST', json });
    const base = { name: 'x', connector: 'sample-data-source', subOrganization: 'acme' };
    assert.equal((await create({ ...base, connector: 'rm-rf' })).status, 400);
    assert.equal((await create({ ...base, config: { PATH: '/tmp' } })).status, 400); // not an option
    assert.equal((await create({ ...base, config: { SHOULD_FAIL: 'yes' } })).status, 400); // checkbox
    assert.equal((await create({ ...base, primaryJob: 'nope' })).status, 400);
    assert.equal((await create({ ...base, subOrganization: 'globex', primaryJob: 'acme-product-feed' })).status, 400);
    assert.equal((await create({ ...base, id: 'customer-import' })).status, 409);
    // Configuration needs the license key or a USER token.
    const acme = await platform.accessToken('acme', 'SUB_ORG');
    assert.equal((await platform.request('/dp/api/v1/jobs', { method: 'POST', token: acme, json: base })).status, 403);
  });

  test('a connector job runs once at a time', async () => {
    await expectJson(
      admin(platform, '/dp/api/v1/jobs', {
        method: 'POST',
        json: {
          id: 'slow-feed',
          name: 'Slow feed',
          subOrganization: 'acme',
          connector: 'sample-data-source',
          config: { NAME: 'Slow', DELAY_MS: '1500' },
        },
      }),
      201,
    );
    const first = await expectJson<Execution>(run('slow-feed'), 201);
    const second = await run('slow-feed');
    assert.equal(second.status, 409);
    assert.equal((await finished(platform, first.id, ada)).status, 'SUCCESS');
  });
});

describe('schedules', () => {
  test('a scheduled job runs with trigger "schedule"; an open block window skips it even when manual runs are allowed', async () => {
    let offset = 0;
    const base = clockFrom(WEDNESDAY_3AM);
    const logs: string[] = [];
    const scheduled = await startTestPlatform({
      clock: () => base() + offset,
      schedulerIntervalMs: 50,
      log: (line) => logs.push(line),
    });
    try {
      const token = await scheduled.accessToken('ada@example.com', 'USER');
      const imports = () =>
        (
          scheduled.db
            .prepare("SELECT id, origin FROM executions WHERE job_id = 'customer-import' AND origin = 'schedule'")
            .all() as Array<{ id: string }>
        ).length;
      const before = imports();
      const job = await expectJson<Job>(
        admin(scheduled, '/dp/api/v1/jobs/customer-import', { method: 'PATCH', json: { scheduleMinutes: 60 } }),
        200,
      );
      assert.equal(job.schedule?.everyMinutes, 60);
      assert.ok(job.schedule!.nextRunAt > WEDNESDAY_3AM);
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal(imports(), before, 'not due yet');

      offset += 61 * 60_000; // an hour later
      await eventually('the scheduled run', async () => (imports() > before ? true : undefined), 10_000);
      const [latest] = (
        await expectJson<{ data: Array<{ id: string; trigger: string; jobId: string }> }>(
          scheduled.request('/dp/api/v1/executions', { token }),
          200,
        )
      ).data.filter((e) => e.jobId === 'customer-import' && e.trigger === 'schedule');
      assert.equal((await executionOf(scheduled, latest!.id, token)).trigger, 'schedule');

      // A window that allows manual runs still holds back the scheduled one.
      await expectJson(
        admin(scheduled, '/dp/api/v1/block-windows', {
          method: 'POST',
          json: {
            description: 'Wednesday morning freeze',
            weekdays: ['WED'],
            start: '00:00',
            end: '12:00',
            allowManualExecutions: true,
          },
        }),
        201,
      );
      const count = imports();
      offset += 61 * 60_000;
      await eventually('the skip to be logged', async () =>
        logs.some((l) => /scheduled run of job customer-import skipped: .*Wednesday morning freeze/.test(l))
          ? true
          : undefined,
      );
      assert.equal(imports(), count);
      assert.equal((await admin(scheduled, '/dp/api/v1/jobs/customer-import/run', { method: 'POST' })).status, 201);

      // Dependent jobs have no schedule of their own.
      const refused = await admin(scheduled, '/dp/api/v1/jobs/acme-feed-slugs', {
        method: 'PATCH',
        json: { scheduleMinutes: 5 },
      });
      assert.equal(refused.status, 400);
    } finally {
      await scheduled.dispose();
    }
  });
});

describe('restarts', () => {
  test('stopping the platform kills a running connector; after a restart its run has failed and its webhook is sent', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'frameport-restart-'));
    const receiver = await startReceiver();
    try {
      const first = await startTestPlatform({ dir, webhookDelivery: { allowPrivateTargets: true } });
      await expectJson(
        admin(first, '/dp/api/v1/jobs', {
          method: 'POST',
          json: {
            id: 'long-feed',
            name: 'Long feed',
            connector: 'sample-data-source',
            config: { NAME: 'x', DELAY_MS: '120000' },
          },
        }),
        201,
      );
      await expectJson(
        admin(first, '/dp/api/v1/webhooks', {
          method: 'POST',
          json: {
            description: 'Tell someone it failed',
            jobs: ['long-feed'],
            method: 'POST',
            url: `${receiver.url}/failed`,
            body: { execution: '${{frameport.execution_id}}', status: '${{frameport.status}}' },
            rules: [{ variable_name: 'status', operation: 'equals', value: 'FAILED' }],
          },
        }),
        201,
      );
      const run = await expectJson<Execution>(admin(first, '/dp/api/v1/jobs/long-feed/run', { method: 'POST' }), 201);
      const token = await first.accessToken('ada@example.com', 'USER');
      await eventually('the connector to run', async () =>
        (await executionOf(first, run.id, token)).logs.some((l) => l.source === 'connector') ? true : undefined,
      );
      const stopping = Date.now();
      await first.close();
      assert.ok(Date.now() - stopping < 15_000, 'close() did not wait for the connector to finish');

      const second = await startTestPlatform({ dir, webhookDelivery: { allowPrivateTargets: true } });
      try {
        const again = await executionOf(second, run.id, await second.accessToken('ada@example.com', 'USER'));
        assert.equal(again.status, 'FAILED');
        assert.ok(again.endedAt !== null);
        await second.idle();
        const got = await eventually('the delivery after the restart', async () =>
          receiver.received.find((r) => r.url === '/failed'),
        );
        assert.deepEqual(JSON.parse(got.body), { execution: run.id, status: 'FAILED' });
      } finally {
        await second.close();
      }
    } finally {
      await receiver.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
