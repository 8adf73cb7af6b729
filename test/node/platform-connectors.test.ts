import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { chromium, type Browser } from 'playwright';
import type { Execution } from '../../demo/platform/model/executions.js';
import { startContainerApi } from '../../demo/platform/runtime/container-api.js';
import { startHostPage, type HostPage } from './helpers/host-page.js';
import { admin, executionOf, expectJson, finished, startReceiver } from './helpers/orchestration.js';
import { startTestPlatform, type TestPlatform } from './helpers/platform.js';

// Connectors (seed 004): child processes configured through environment variables, a health check
// before each run, exit codes mapped to the status, stderr as ERROR logs, and the Container API.
let platform: TestPlatform;
let ada: string;
before(async () => {
  platform = await startTestPlatform();
  ada = await platform.accessToken('ada@example.com', 'USER');
});
after(() => platform?.dispose());

async function job(id: string, connector: string, config: Record<string, unknown>, inputJob?: string) {
  await expectJson(
    admin(platform, '/dp/api/v1/jobs', {
      method: 'POST',
      json: { id, name: id, subOrganization: 'acme', connector, config, inputJob },
    }),
    201,
  );
}
/** Runs jobs at once and answers their executions once they have ended. */
async function runAll(...ids: string[]): Promise<Execution[]> {
  const started = await Promise.all(
    ids.map((id) => expectJson<Execution>(admin(platform, `/dp/api/v1/jobs/${id}/run`, { method: 'POST' }), 201)),
  );
  return Promise.all(started.map((e) => finished(platform, e.id, ada)));
}
const messages = (e: Execution, source?: string) =>
  e.logs.filter((l) => !source || l.source === source).map((l) => `${l.level} ${l.message}`);
const output = (id: string, file = 'output') =>
  expectJson<{ rows: Array<Record<string, unknown>>; total: number }>(
    platform.request(`/dp/api/v1/executions/${id}/output?file=${file}&limit=1000`, { token: ada }),
    200,
  );

describe('sample connectors', () => {
  test('data source: success, failure on SHOULD_FAIL, failed health check on a missing NAME', async () => {
    await job('src-ok', 'sample-data-source', { NAME: 'Acme', PRODUCT_COUNT: '4' });
    await job('src-fail', 'sample-data-source', { NAME: 'Acme', SHOULD_FAIL: true });
    await job('src-no-name', 'sample-data-source', { PRODUCT_COUNT: '4' });
    const [ok, failed, noName] = await runAll('src-ok', 'src-fail', 'src-no-name');

    assert.equal(ok!.status, 'SUCCESS');
    assert.equal(ok!.exitCode, 0);
    assert.equal(ok!.trigger, 'api');
    assert.deepEqual(ok!.job?.connector, { id: 'sample-data-source', kind: 'DATA_SOURCE' });
    assert.deepEqual(
      ok!.steps.map((s) => [s.name, s.status]),
      [
        ['Health check', 'SUCCESS'],
        ['Run connector', 'SUCCESS'],
      ],
    );
    assert.deepEqual(messages(ok!, 'connector'), [
      'INFO Importing 4 product(s) for Acme',
      'SUCCESS Hello Acme: imported 4 product(s)',
    ]);
    assert.ok(messages(ok!).includes('SUCCESS The connector exited with code 0: 4 row(s) in the output'));
    assert.equal(ok!.stats.totalRows, 4);
    assert.deepEqual(ok!.output?.columns, ['id', 'name', 'category', 'price', 'in_stock']);
    assert.deepEqual((await output(ok!.id)).rows[0], {
      id: 'acme-0001',
      name: 'Acme Trail Running Shoe',
      category: 'Footwear',
      price: 119,
      in_stock: true,
    });

    assert.equal(failed!.status, 'FAILED');
    assert.equal(failed!.exitCode, 1);
    assert.ok(messages(failed!, 'connector').includes('ERROR SHOULD_FAIL is checked: this run fails on purpose'));
    assert.ok(messages(failed!).includes('ERROR The connector exited with code 1: the execution failed'));
    assert.equal(failed!.steps[1]!.status, 'FAILED');
    assert.equal(failed!.output?.total, 0);

    // The health check fails: the run never starts, stderr is the reason.
    assert.equal(noName!.status, 'FAILED');
    assert.equal(noName!.exitCode, 1);
    assert.deepEqual(messages(noName!, 'stderr'), ["ERROR NAME is not set: configure the connector's NAME option"]);
    assert.ok(
      messages(noName!).includes('ERROR Health check failed: the connector exited with code 1; the run did not start'),
    );
    assert.deepEqual(
      noName!.steps.map((s) => s.status),
      ['FAILED', 'SKIPPED'],
    );
  });

  test('data service: adds a column to its input; fails on a source column the input lacks', async () => {
    await job('svc-ok', 'sample-data-service', { NEW_COLUMN_NAME: 'slug', SOURCE_COLUMN: 'name' }, 'src-ok');
    await job('svc-fail', 'sample-data-service', { NEW_COLUMN_NAME: 'slug', SOURCE_COLUMN: 'colour' }, 'src-ok');
    const [ok, failed] = await runAll('svc-ok', 'svc-fail');
    assert.equal(ok!.status, 'SUCCESS');
    assert.equal(ok!.exitCode, 0);
    assert.equal(ok!.job?.connector?.kind, 'DATA_SERVICE');
    assert.ok(ok!.inputExecutionId, 'read the latest successful run of src-ok');
    assert.deepEqual(
      (await output(ok!.id)).rows.map((r) => r.slug),
      ['acme-trail-running-shoe', 'acme-merino-base-layer', 'acme-insulated-bottle', 'acme-packable-rain-jacket'],
    );
    assert.ok(messages(ok!, 'connector').includes('SUCCESS Added column slug (from name) to 4 row(s)'));

    assert.equal(failed!.status, 'FAILED');
    assert.equal(failed!.exitCode, 1);
    assert.ok(
      messages(failed!, 'connector').includes(
        'ERROR Column "colour" is not in the input (columns: id, name, category, price, in_stock)',
      ),
    );
  });

  test('export: exports the rows with a feedback file; fails when the input cannot fill the template', async () => {
    await job('exp-ok', 'sample-export', { CHANNEL: 'Shop', REQUIRED_COLUMNS: 'id,name,slug' }, 'svc-ok');
    await job('exp-fail', 'sample-export', { CHANNEL: 'Shop', REQUIRED_COLUMNS: 'id,gtin' }, 'svc-ok');
    const [ok, failed] = await runAll('exp-ok', 'exp-fail');
    assert.equal(ok!.status, 'SUCCESS');
    assert.equal(ok!.exitCode, 0);
    assert.equal(ok!.output?.total, 4);
    assert.equal(ok!.output?.feedbackTotal, 4);
    assert.deepEqual((await output(ok!.id, 'feedback')).rows[0], { id: 'acme-0001', status: 'EXPORTED', reason: null });
    assert.ok(messages(ok!, 'connector').includes('SUCCESS Exported 4 of 4 row(s) to Shop'));

    assert.equal(failed!.status, 'FAILED');
    assert.equal(failed!.exitCode, 1);
    assert.ok(messages(failed!, 'connector').some((m) => m.startsWith('ERROR The Shop template needs column(s) gtin')));
  });

  test('delta export: only what changed since the last successful run; fails on a duplicate delta key', async () => {
    await job('delta-ok', 'sample-delta-export', { CHANNEL: 'Marketplace', DELTA_KEY: 'id' }, 'src-ok');
    await job('delta-fail', 'sample-delta-export', { CHANNEL: 'Marketplace', DELTA_KEY: 'category' }, 'src-ok');
    const [first, failed] = await runAll('delta-ok', 'delta-fail');
    assert.equal(first!.status, 'SUCCESS');
    assert.deepEqual(
      (await output(first!.id)).rows.map((r) => r._delta),
      ['NEW', 'NEW', 'NEW', 'NEW'],
    );
    assert.equal(failed!.status, 'FAILED');
    assert.equal(failed!.exitCode, 1);
    assert.ok(
      messages(failed!, 'connector').includes(
        'ERROR Duplicate delta key category = "Apparel": the delta key must be unique',
      ),
    );

    // The source now has 3 products: the next delta deletes the fourth and leaves the others alone.
    await expectJson(
      admin(platform, '/dp/api/v1/jobs/src-ok', {
        method: 'PATCH',
        json: { config: { NAME: 'Acme', PRODUCT_COUNT: '3' } },
      }),
      200,
    );
    const [source] = await runAll('src-ok');
    assert.equal(source!.status, 'SUCCESS');
    const [second] = await runAll('delta-ok');
    assert.equal(second!.status, 'SUCCESS');
    assert.deepEqual((await output(second!.id)).rows, [{ id: 'acme-0004', _delta: 'DELETED' }]);
    assert.ok(
      messages(second!, 'connector').includes('SUCCESS Delta to Marketplace: 0 new, 0 changed, 1 deleted, 3 unchanged'),
    );
  });

  test('a connector that runs past its timeout is killed and its run fails', async () => {
    const quick = await startTestPlatform({ connectorTimeoutMs: 1500 });
    try {
      await expectJson(
        admin(quick, '/dp/api/v1/jobs', {
          method: 'POST',
          json: {
            id: 'sleepy',
            name: 'Sleepy',
            connector: 'sample-data-source',
            config: { NAME: 'x', DELAY_MS: '120000' },
          },
        }),
        201,
      );
      const started = Date.now();
      const run = await expectJson<Execution>(admin(quick, '/dp/api/v1/jobs/sleepy/run', { method: 'POST' }), 201);
      const token = await quick.accessToken('ada@example.com', 'USER');
      const done = await finished(quick, run.id, token, 60_000);
      assert.ok(Date.now() - started < 60_000);
      assert.equal(done.status, 'FAILED');
      assert.equal(done.exitCode, null);
      assert.ok(
        messages(done).includes(
          'ERROR The connector did not finish within 1.5 s and was stopped (timeout): the execution failed',
        ),
      );
    } finally {
      await quick.dispose();
    }
  });
});

describe('the Container API', () => {
  test('listens on 127.0.0.1 only and needs the run’s bearer token', async () => {
    const logs: string[] = [];
    const server = await startContainerApi({
      log: (level, message) => logs.push(`${level} ${message}`),
      append: (_file, rows) => rows.length,
      read: () => ({ rows: [], total: 0 }),
    });
    try {
      assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.ok(server.token.length >= 40);
      const call = (path: string, token?: string, body?: unknown) =>
        fetch(`${server.url}${path}`, {
          method: body === undefined ? 'GET' : 'POST',
          headers: token ? { authorization: `Bearer ${token}` } : {},
          body: body === undefined ? null : JSON.stringify(body),
        });
      assert.equal((await call('/v1/health')).status, 401);
      assert.equal((await call('/v1/health', 'wrong')).status, 401);
      assert.equal((await call('/v1/health', server.token)).status, 200);
      assert.equal((await call('/v1/log', server.token, { level: 'DEBUG', message: 'x' })).status, 400);
      assert.equal((await call('/v1/log', server.token, { level: 'INFO', message: 'hello' })).status, 204);
      assert.equal((await call('/v1/files/output', server.token, { rows: [{ nested: { a: 1 } }] })).status, 400);
      assert.equal((await call('/v1/files/secrets', server.token, { rows: [] })).status, 404);
      assert.deepEqual(await (await call('/v1/files/output', server.token, { rows: [{ id: 1 }] })).json(), {
        appended: 1,
        total: 1,
      });
      assert.deepEqual(logs, ['INFO hello']);
    } finally {
      await server.close();
    }
  });
});

describe('demo data', () => {
  test('a new database gets real connector runs: a feed with its dependent jobs, and a failing feed', async () => {
    const demo = await startTestPlatform({ demoRuns: true });
    try {
      await demo.idle(120_000);
      const token = await demo.accessToken('ada@example.com', 'USER');
      const feed = await executionOf(demo, 'exec-acme-feed', token);
      assert.equal(feed.status, 'SUCCESS');
      assert.equal(feed.output?.total, 12);
      assert.deepEqual(
        feed.dependentExecutions.map((d) => [d.id, d.status]),
        [['exec-acme-feed-slugs', 'SUCCESS']],
      );
      const slugs = await executionOf(demo, 'exec-acme-feed-slugs', token);
      assert.deepEqual(slugs.dependentExecutions.map((d) => d.id).sort(), [
        'exec-acme-feed-delta',
        'exec-acme-feed-export',
      ]);
      for (const id of ['exec-acme-feed-export', 'exec-acme-feed-delta'])
        assert.equal((await executionOf(demo, id, token)).status, 'SUCCESS', id);
      const failed = await executionOf(demo, 'exec-globex-feed-failed', token);
      assert.equal(failed.status, 'FAILED');
      assert.equal(failed.exitCode, 1);
      // The seeded import executions keep their ids, now with their job and origin.
      const seeded = await executionOf(demo, 'exec-acme-failed', token);
      assert.equal(seeded.job?.id, 'customer-import');
      assert.equal(seeded.trigger, 'schedule');
    } finally {
      await demo.dispose();
    }
  });
});

// The execution page in a real browser, framed by a host on another origin.
const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const skip = existsSync(CHROMIUM) ? false : `no Chromium at ${CHROMIUM} (set CHROME_PATH)`;

describe('/embed/executions/:id shows origin, connector logs and webhook deliveries', { skip }, () => {
  let host: HostPage;
  let browser: Browser;
  let page: TestPlatform;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  before(async () => {
    host = await startHostPage();
    receiver = await startReceiver();
    page = await startTestPlatform({ allowedOrigins: [host.origin], webhookDelivery: { allowPrivateTargets: true } });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  });
  after(async () => {
    await browser?.close();
    await page?.dispose();
    await host?.close();
    await receiver?.close();
  });

  test('a successful and a failed connector run', async () => {
    await expectJson(
      admin(page, '/dp/api/v1/secrets/HOOK_TOKEN', { method: 'PUT', json: { value: 'browser-secret-1234' } }),
      200,
    );
    await expectJson(
      admin(page, '/dp/api/v1/webhooks', {
        method: 'POST',
        json: {
          description: 'Notify the warehouse',
          jobs: ['acme-product-feed', 'globex-product-feed'],
          method: 'POST',
          url: `${receiver.url}/notify`,
          header: { Authorization: 'Bearer ${{secrets.HOOK_TOKEN}}' },
          body: { execution: '${{frameport.execution_id}}' },
          rules: [{ variable_name: 'status', operation: 'equals', value: 'SUCCESS' }],
        },
      }),
      201,
    );
    const token = await page.accessToken('ada@example.com', 'USER');
    const run = async (id: string) => {
      const e = await expectJson<Execution>(admin(page, `/dp/api/v1/jobs/${id}/run`, { method: 'POST' }), 201);
      await page.idle();
      return finished(page, e.id, token);
    };
    const ok = await run('acme-product-feed');
    assert.equal(ok.webhookDeliveries[0]?.status, 'DELIVERED');
    await expectJson(
      admin(page, '/dp/api/v1/jobs/globex-product-feed', { method: 'PATCH', json: { config: { SHOULD_FAIL: false } } }),
      200,
    );
    const failed = await run('globex-product-feed'); // no NAME: the health check fails
    assert.equal(failed.status, 'FAILED');

    const tab = await browser.newPage();
    const errors: string[] = [];
    tab.on('pageerror', (error) => errors.push(error.message));
    tab.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
    try {
      await tab.goto(host.origin);
      const open = async (id: string) => {
        await tab.evaluate(
          ([src, t]) => (window as unknown as { embed(s: string, t: string[]): void }).embed(src, [t]),
          [`${page.url}/embed/executions/${id}`, token] as const,
        );
        const frame = await (await tab.waitForSelector('iframe')).contentFrame();
        assert.ok(frame);
        await frame.locator('section.webhooks').waitFor({ timeout: 30_000 });
        return frame;
      };

      let frame = await open(ok.id);
      // Locators pierce the view's (open) shadow root; the host element's innerText would not.
      const text = async () => (await frame.locator('div.stack').first().innerText()).replace(/\s+/g, ' ');
      let shown = await text();
      assert.match(shown, /Started by API/);
      assert.match(shown, /Connector Data source/);
      assert.match(shown, /Exit code 0/);
      assert.match(shown, /connector ?Hello Acme Outdoor: imported 12 product\(s\)/);
      // Section headings are upper-cased by CSS, which innerText reflects.
      assert.match(shown, /Output 12 rows in the output/i);
      assert.match(shown, /Webhook deliveries Notify the warehouse Delivered POST http:\/\/127\.0\.0\.1:\d+\/notify/i);
      assert.match(shown, /Attempt 1 at .*: HTTP 200/);
      assert.ok(!shown.includes('browser-secret-1234'));
      assert.equal(await frame.locator('[data-trigger="api"]').count(), 1);

      frame = await open(failed.id);
      shown = await text();
      assert.match(shown, /Failed/);
      assert.match(shown, /Exit code 1/);
      assert.match(shown, /stderr ?NAME is not set: configure the connector's NAME option/);
      assert.match(shown, /Health check failed: the connector exited with code 1; the run did not start/);
      assert.match(shown, /Not sent, these rules did not hold: status equals SUCCESS/);
      assert.deepEqual(errors, []);
    } finally {
      await tab.close();
    }
  });
});
