import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Execution } from '../../demo/platform/model/executions.js';
import type { Webhook } from '../../demo/platform/model/webhooks.js';
import { WEDNESDAY_3AM, admin, clockFrom, executionOf, expectJson, startReceiver } from './helpers/orchestration.js';
import { errorOf, startTestPlatform, type TestPlatform } from './helpers/platform.js';

// Webhook templates exactly as the vendor's orchestration document writes them: `${{variables.…}}`,
// `${{secrets.…}}`, `${{erathos.…}}` (our `${{frameport.…}}` is an alias), typed JSON values and
// URL-encoded values.

/** The document's own placeholders, verbatim ("in the format ${{variables.my_variable}}, …"). */
const DOC_VARIABLE = '${{variables.my_variable}}';
const DOC_SECRET = '${{secrets.my_secrets}}';
const DOC_METADATA = '${{erathos.rows}}';
/** The document's example rules, "after the successful completion of a Job, with execution between 00:00 and 08:00 on weekdays, and only if at least one record has been transferred". */
const DOC_RULES = [
  { variable_name: 'status', operation: 'equals', value: 'SUCCESS' },
  { variable_name: 'started_at', operation: 'time_between', value: ['00:00', '08:00'] },
  { variable_name: 'started_at', operation: 'weekday_in', value: ['MON', 'TUE', 'WED', 'THU', 'FRI'] },
  { variable_name: 'rows', operation: 'gt', value: '0' },
];
const SECRET = 'airflow-secret-4f1d';

let platform: TestPlatform;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let ada: string;

before(async () => {
  receiver = await startReceiver();
  platform = await startTestPlatform({
    clock: clockFrom(WEDNESDAY_3AM),
    webhookDelivery: { baseDelayMs: 50, maxDelayMs: 200, maxAttempts: 2, timeoutMs: 5000, allowPrivateTargets: true },
  });
  ada = await platform.accessToken('ada@example.com', 'USER');
  // A value with characters that mean something in a URL: it must arrive as one path segment.
  await expectJson(
    admin(platform, '/dp/api/v1/variables/my_variable', { method: 'PUT', json: { value: 'nightly load/2?x=1&y' } }),
    200,
  );
  await expectJson(admin(platform, '/dp/api/v1/secrets/my_secrets', { method: 'PUT', json: { value: SECRET } }), 200);
});
after(async () => {
  await platform.dispose();
  await receiver.close();
});

const runImport = async (rows: unknown[]) => {
  const started = await expectJson<Execution>(
    admin(platform, '/dp/api/v1/jobs/customer-import/run', { method: 'POST', json: { rows } }),
    201,
  );
  await platform.idle();
  return executionOf(platform, started.id, ada);
};
const rows = [
  { name: 'Ada', email: 'ada@example.com', country: 'GB', amount: '10' },
  { name: 'Grace', email: 'grace@example.com', country: 'US', amount: '20' },
];

describe('templates as the document writes them', () => {
  test('the document placeholders and rules register, and are sent with typed JSON and encoded URL values', async () => {
    const webhook = await expectJson<Webhook>(
      admin(platform, '/dp/api/v1/webhooks', {
        method: 'POST',
        json: {
          description: 'Trigger the Airflow DAG after a successful load',
          jobs: ['customer-import'],
          method: 'POST',
          url: `${receiver.url}/api/v1/dags/${DOC_VARIABLE}/dagRuns?rows=${DOC_METADATA}&alias=\${{ frameport.rows }}`,
          header: { 'Content-Type': 'application/json', Authorization: `Bearer ${DOC_SECRET}` },
          body: {
            conf: {
              rows: DOC_METADATA,
              rows_alias: '${{frameport.rows}}',
              rows_text: `${DOC_METADATA} rows`,
              status: '${{erathos.status}}',
              exit_code: '${{erathos.exit_code}}',
              started: '${{erathos.started_at}}',
              dag: DOC_VARIABLE,
              count: 1,
            },
          },
          rules: DOC_RULES,
        },
      }),
      201,
    );
    assert.equal(webhook.url.includes(DOC_METADATA), true, 'kept as written');
    try {
      const execution = await runImport(rows);
      assert.equal(execution.status, 'SUCCESS');
      assert.equal(execution.webhookDeliveries[0]?.status, 'DELIVERED');
      const [request] = receiver.received.filter((r) => r.url.startsWith('/api/v1/dags/'));
      assert.ok(request, 'the receiver was called');
      // The variable is one encoded path segment; the metadata in the query is encoded too.
      assert.equal(request.url, '/api/v1/dags/nightly%20load%2F2%3Fx%3D1%26y/dagRuns?rows=2&alias=2');
      assert.equal(request.headers.authorization, `Bearer ${SECRET}`);
      assert.deepEqual(JSON.parse(request.body), {
        conf: {
          rows: 2, // a whole-value placeholder keeps its type: a number stays a number
          rows_alias: 2,
          rows_text: '2 rows', // inside text it is text
          status: 'SUCCESS',
          exit_code: null, // an import has no exit code: null, not ""
          started: new Date(execution.startedAt).toISOString(),
          dag: 'nightly load/2?x=1&y',
          count: 1,
        },
      });
    } finally {
      await admin(platform, `/dp/api/v1/webhooks/${webhook.id}`, { method: 'DELETE' });
    }
  });

  test('a placeholder that starts the URL is a base URL and is not encoded', async () => {
    await expectJson(
      admin(platform, '/dp/api/v1/variables/AIRFLOW_BASE', { method: 'PUT', json: { value: receiver.url } }),
      200,
    );
    const webhook = await expectJson<Webhook>(
      admin(platform, '/dp/api/v1/webhooks', {
        method: 'POST',
        json: {
          description: 'Base URL in a variable',
          jobs: ['customer-import'],
          method: 'GET',
          url: '${{variables.AIRFLOW_BASE}}/base/${{erathos.status}}',
        },
      }),
      201,
    );
    try {
      await runImport(rows);
      assert.ok(receiver.received.some((r) => r.method === 'GET' && r.url === '/base/SUCCESS'));
    } finally {
      await admin(platform, `/dp/api/v1/webhooks/${webhook.id}`, { method: 'DELETE' });
    }
  });

  test('unknown metadata is refused under either namespace', async () => {
    for (const namespace of ['erathos', 'frameport']) {
      const response = await admin(platform, '/dp/api/v1/webhooks', {
        method: 'POST',
        json: {
          description: 'x',
          jobs: ['customer-import'],
          method: 'POST',
          url: `${receiver.url}/x`,
          body: { x: `\${{${namespace}.weather}}` },
        },
      });
      assert.equal(response.status, 400);
      assert.match((await errorOf(response)).message, new RegExp(`${namespace} has no metadata named weather`));
    }
  });
});
