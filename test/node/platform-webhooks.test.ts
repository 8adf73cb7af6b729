import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Execution } from '../../demo/platform/model/executions.js';
import type { DeliveryView, Webhook } from '../../demo/platform/model/webhooks.js';
import {
  WEDNESDAY_3AM,
  admin,
  clockFrom,
  eventually,
  executionOf,
  expectJson,
  startReceiver,
} from './helpers/orchestration.js';
import { errorOf, startTestPlatform, type TestPlatform } from './helpers/platform.js';

// Webhooks (seed 003): registration with validation, placeholders, rules, delivery with retries,
// and the secret kept out of every answer, log and record.
const SECRET = 'sk-live-7f3a9c1e0b5d4a2c';
const BAD_SECRET = 'tok\u0000en-9d8c7b6a'; // not a valid header value: the request cannot even be built

let platform: TestPlatform;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let ada: string;
const logs: string[] = [];
/** Every JSON answer the tests read, to search for the secret at the end. */
const answers: string[] = [];

before(async () => {
  receiver = await startReceiver();
  platform = await startTestPlatform({
    clock: clockFrom(WEDNESDAY_3AM),
    log: (line) => logs.push(line),
    // The receiver is on 127.0.0.1: loopback targets must be allowed explicitly (refused by default).
    webhookDelivery: { baseDelayMs: 50, maxDelayMs: 200, maxAttempts: 3, timeoutMs: 5000, allowPrivateTargets: true },
  });
  ada = await platform.accessToken('ada@example.com', 'USER');
  await expectJson(
    admin(platform, '/dp/api/v1/variables/AIRFLOW_DAG', { method: 'PUT', json: { value: 'nightly_load' } }),
    200,
  );
  await expectJson(
    admin(platform, '/dp/api/v1/secrets/AIRFLOW_TOKEN', { method: 'PUT', json: { value: SECRET } }),
    200,
  );
});
after(async () => {
  await platform.dispose();
  await receiver.close();
});

const api = async <T>(path: string, init: RequestInit & { json?: unknown } = {}, status = 200): Promise<T> => {
  const response = await admin(platform, path, init);
  const text = await response.clone().text();
  answers.push(text);
  return expectJson<T>(response, status);
};
const register = (json: unknown) => api<Webhook>('/dp/api/v1/webhooks', { method: 'POST', json }, 201);
const remove = (id: string) => admin(platform, `/dp/api/v1/webhooks/${id}`, { method: 'DELETE' });
const runImport = async (rows: unknown[]) => {
  const execution = await api<Execution>(
    '/dp/api/v1/jobs/customer-import/run',
    { method: 'POST', json: { rows } },
    201,
  );
  await platform.idle();
  const done = await executionOf(platform, execution.id, ada);
  answers.push(JSON.stringify(done));
  return done;
};
const validRows = [
  { name: 'Ada', email: 'ada@example.com', country: 'GB', amount: '10' },
  { name: 'Grace', email: 'grace@example.com', country: 'US', amount: '20' },
];

/** The seed's example: trigger an Airflow DAG after a successful run between 00:00 and 08:00 on weekdays, if rows moved. */
const airflow = (path: string, rules: unknown[]) => ({
  description: 'Trigger the Airflow DAG',
  jobs: ['customer-import'],
  method: 'POST',
  url: `${receiver.url}${path}/\${{variables.AIRFLOW_DAG}}/dagRuns?execution=\${{ frameport.execution_id }}`,
  header: { Authorization: 'Bearer ${{secrets.AIRFLOW_TOKEN}}', 'X-Rows': '${{frameport.rows}}' },
  body: {
    conf: {
      execution: '${{frameport.execution_id}}',
      job: '${{frameport.job_id}}',
      status: '${{frameport.status}}',
      rows: '${{erathos.rows}}',
      ended: '${{frameport.ended_at}}',
    },
    note: 'dag ${{variables.AIRFLOW_DAG}}',
  },
  rules,
});
const seedRules = [
  { variable_name: 'status', operation: 'equals', value: 'SUCCESS' },
  { variable_name: 'started_at', operation: 'time_between', value: ['00:00', '08:00'] },
  { variable_name: 'started_at', operation: 'weekday_in', value: ['MON', 'TUE', 'WED', 'THU', 'FRI'] },
  { variable_name: 'rows', operation: 'gt', value: '0' },
];

describe('variables and secrets', () => {
  test('variables are readable; secrets answer their names only', async () => {
    const { data: variables } = await api<{ data: Array<{ name: string; value: string }> }>('/dp/api/v1/variables');
    assert.deepEqual(
      variables.map((v) => [v.name, v.value]),
      [['AIRFLOW_DAG', 'nightly_load']],
    );
    const { data: secrets } = await api<{ data: Array<Record<string, unknown>> }>('/dp/api/v1/secrets');
    assert.deepEqual(
      secrets.map((s) => Object.keys(s).sort()),
      [['createdAt', 'name', 'updatedAt']],
    );
    const bad = await admin(platform, '/dp/api/v1/secrets/bad-name', { method: 'PUT', json: { value: 'x' } });
    assert.equal(bad.status, 400);
    const acme = await platform.accessToken('acme', 'SUB_ORG');
    assert.equal((await platform.request('/dp/api/v1/secrets', { token: acme })).status, 403);
    assert.equal((await platform.request('/dp/api/v1/secrets', { token: ada })).status, 403, 'a USER token neither');
    assert.equal((await platform.request('/dp/api/v1/variables')).status, 401);
  });
});

describe('registration', () => {
  test('unknown placeholders and invalid rules are refused when registering, and nothing is stored', async () => {
    const base = airflow('/dags', seedRules);
    const cases: Array<[string, unknown, RegExp]> = [
      ['unknown metadata', { ...base, body: { x: '${{frameport.weather}}' } }, /no metadata named weather/],
      ['unknown variable', { ...base, header: { 'X-Dag': '${{variables.NOPE}}' } }, /no variable NOPE/],
      ['unknown secret', { ...base, header: { Authorization: '${{secrets.NOPE}}' } }, /no secret NOPE/],
      ['malformed', { ...base, url: `${receiver.url}/\${{variables.}}` }, /Malformed placeholder/],
      ['unknown namespace', { ...base, body: '${{env.HOME}}' }, /Unknown placeholder \$\{\{env\.HOME\}\}/],
      [
        'unknown rule variable',
        { ...base, rules: [{ variable_name: 'weather', operation: 'equals', value: 'sunny' }] },
        /unknown variable_name "weather"/,
      ],
      [
        'operation not valid for a number',
        { ...base, rules: [{ variable_name: 'rows', operation: 'contains', value: '1' }] },
        /"contains" is not valid for rows \(a number/,
      ],
      [
        'operation not valid for a string',
        { ...base, rules: [{ variable_name: 'status', operation: 'gt', value: '1' }] },
        /"gt" is not valid for status/,
      ],
      [
        'not a number',
        { ...base, rules: [{ variable_name: 'rows', operation: 'gte', value: 'many' }] },
        /needs a number/,
      ],
      [
        'bad time range',
        { ...base, rules: [{ variable_name: 'started_at', operation: 'time_between', value: ['0:00', '8'] }] },
        /two times of day/,
      ],
      [
        'bad weekday',
        { ...base, rules: [{ variable_name: 'ended_at', operation: 'weekday_in', value: ['Funday'] }] },
        /weekday_in needs/,
      ],
      ['in needs a list', { ...base, rules: [{ variable_name: 'status', operation: 'in', value: 'SUCCESS' }] }, /list/],
      ['unknown job', { ...base, jobs: ['no-such-job'] }, /unknown job no-such-job/],
      ['not http', { ...base, url: 'file:///etc/passwd' }, /http/],
      ['GET with a body', { ...base, method: 'GET' }, /GET webhook has no body/],
      ['reserved header', { ...base, header: { Host: 'example.com' } }, /set by the platform/],
      ['bad method', { ...base, method: 'DELETE' }, /method/],
      ['bad time zone', { ...base, timezone: 'Mars/Base' }, /time zone/],
    ];
    for (const [name, body, message] of cases) {
      const response = await admin(platform, '/dp/api/v1/webhooks', { method: 'POST', json: body });
      assert.equal(response.status, 400, name);
      const error = await errorOf(response);
      assert.equal(error.code, 'INVALID_REQUEST', name);
      assert.match(error.message, message, name);
    }
    const { data } = await api<{ data: Webhook[] }>('/dp/api/v1/webhooks');
    assert.deepEqual(data, []);
  });

  test('register, read, update (validated as a whole), delete', async () => {
    const created = await register(airflow('/crud', seedRules));
    assert.match(created.id, /^wh-/);
    assert.equal(created.url, airflow('/crud', seedRules).url, 'templates are kept as written');
    assert.equal(created.timezone, 'UTC');
    assert.deepEqual((await api<Webhook>(`/dp/api/v1/webhooks/${created.id}`)).rules, seedRules);

    const bad = await admin(platform, `/dp/api/v1/webhooks/${created.id}`, {
      method: 'PATCH',
      json: { rules: [{ variable_name: 'rows', operation: 'between', value: '1' }] },
    });
    assert.equal(bad.status, 400);
    const updated = await api<Webhook>(`/dp/api/v1/webhooks/${created.id}`, {
      method: 'PATCH',
      json: { description: 'Renamed', method: 'PUT' },
    });
    assert.equal(updated.description, 'Renamed');
    assert.equal(updated.method, 'PUT');
    assert.deepEqual(updated.rules, seedRules, 'unchanged fields are kept');

    // A variable or secret a webhook uses cannot be deleted from under it.
    assert.equal((await admin(platform, '/dp/api/v1/variables/AIRFLOW_DAG', { method: 'DELETE' })).status, 409);
    assert.equal((await admin(platform, '/dp/api/v1/secrets/AIRFLOW_TOKEN', { method: 'DELETE' })).status, 409);

    assert.equal((await remove(created.id)).status, 204);
    assert.equal((await admin(platform, `/dp/api/v1/webhooks/${created.id}`)).status, 404);
    assert.equal((await remove(created.id)).status, 404);
  });
});

describe('delivery', () => {
  test('a webhook whose rules hold is delivered with every placeholder substituted; one whose rules do not is not', async () => {
    const holds = await register(airflow('/holds', seedRules));
    const fails = await register(
      airflow('/skipped', [...seedRules, { variable_name: 'rows', operation: 'gt', value: 1000 }]),
    );
    try {
      const execution = await runImport(validRows);
      assert.equal(execution.status, 'SUCCESS');

      const got = receiver.received.filter((r) => r.url.startsWith('/holds/'));
      assert.equal(got.length, 1);
      const [request] = got;
      assert.equal(request!.method, 'POST');
      assert.equal(request!.url, `/holds/nightly_load/dagRuns?execution=${execution.id}`);
      assert.equal(request!.headers.authorization, `Bearer ${SECRET}`);
      assert.equal(request!.headers['x-rows'], '2');
      assert.equal(request!.headers['content-type'], 'application/json');
      assert.deepEqual(JSON.parse(request!.body), {
        conf: {
          execution: execution.id,
          job: 'customer-import',
          status: 'SUCCESS',
          rows: 2, // a whole-value placeholder keeps its JSON type
          ended: new Date(execution.endedAt!).toISOString(),
        },
        note: 'dag nightly_load',
      });
      assert.equal(
        receiver.received.filter((r) => r.url.startsWith('/skipped/')).length,
        0,
        'the webhook whose rules do not hold was not sent',
      );

      // The delivery log, in the execution object and per webhook.
      const deliveries = execution.webhookDeliveries;
      assert.equal(deliveries.length, 2);
      const sent = deliveries.find((d) => d.webhookId === holds.id)!;
      assert.equal(sent.status, 'DELIVERED');
      assert.equal(sent.target, `${receiver.url}/holds/nightly_load/dagRuns`);
      assert.deepEqual(
        sent.attempts.map((a) => [a.attempt, a.statusCode, a.error]),
        [[1, 200, null]],
      );
      assert.ok(sent.attempts[0]!.startedAt >= execution.endedAt! && sent.completedAt! >= sent.attempts[0]!.endedAt);
      const skipped = deliveries.find((d) => d.webhookId === fails.id)!;
      assert.equal(skipped.status, 'SKIPPED');
      assert.equal(skipped.reason, 'rows gt 1000');
      assert.deepEqual(skipped.attempts, []);

      const perWebhook = await api<{ data: Array<DeliveryView & { url: string; executionId: string }> }>(
        `/dp/api/v1/webhooks/${holds.id}/deliveries`,
      );
      assert.equal(perWebhook.data[0]?.executionId, execution.id);
      assert.equal(perWebhook.data[0]?.url, `${receiver.url}/holds/nightly_load/dagRuns?execution=${execution.id}`);

      // A failed run does not satisfy `status equals SUCCESS`.
      const failed = await runImport([{ name: '', email: 'x', country: 'ZZ', amount: '-1' }]);
      assert.equal(failed.status, 'FAILED');
      assert.deepEqual(
        failed.webhookDeliveries.map((d) => d.status),
        ['SKIPPED', 'SKIPPED'],
      );
      assert.match(failed.webhookDeliveries[0]!.reason!, /status equals SUCCESS/);
      assert.equal(receiver.received.filter((r) => r.url.startsWith('/holds/')).length, 1);
    } finally {
      await remove(holds.id);
      await remove(fails.id);
    }
  });

  test('a failed delivery is retried with backoff: 500, then 200', async () => {
    receiver.script('/flaky', [500, 200]);
    const webhook = await register({
      description: 'Flaky receiver',
      jobs: ['customer-import'],
      method: 'PUT',
      url: `${receiver.url}/flaky`,
      header: { Authorization: 'Bearer ${{secrets.AIRFLOW_TOKEN}}' },
      body: 'execution ${{frameport.execution_id}} ended ${{frameport.status}}',
    });
    try {
      const execution = await runImport(validRows);
      const [delivery] = execution.webhookDeliveries;
      assert.equal(delivery?.status, 'DELIVERED');
      assert.deepEqual(
        delivery.attempts.map((a) => [a.attempt, a.statusCode]),
        [
          [1, 500],
          [2, 200],
        ],
      );
      assert.ok(delivery.attempts[1]!.startedAt - delivery.attempts[0]!.endedAt >= 45, 'waited before retrying');
      const got = receiver.received.filter((r) => r.url === '/flaky');
      assert.equal(got.length, 2);
      assert.equal(got[1]!.method, 'PUT');
      assert.equal(got[1]!.body, `execution ${execution.id} ended SUCCESS`);
    } finally {
      await remove(webhook.id);
    }
  });

  test('retries are bounded, a 4xx is not retried, a dead receiver fails, and the log stays readable', async () => {
    receiver.script('/down', [503]);
    receiver.script('/gone', [404]);
    const hooks = await Promise.all(
      [
        ['Always 503', `${receiver.url}/down`],
        ['404', `${receiver.url}/gone`],
        ['Nobody listening', 'http://127.0.0.1:9/closed'],
      ].map(([description, url]) =>
        register({ description, jobs: ['customer-import'], method: 'POST', url, body: { a: 1 } }),
      ),
    );
    try {
      const execution = await runImport(validRows);
      const byDescription = new Map(execution.webhookDeliveries.map((d) => [d.description, d]));
      const down = byDescription.get('Always 503')!;
      assert.equal(down.status, 'FAILED');
      assert.deepEqual(
        down.attempts.map((a) => a.statusCode),
        [503, 503, 503],
      );
      assert.match(down.reason!, /gave up after 3 attempt\(s\), last: HTTP 503/);
      const gone = byDescription.get('404')!;
      assert.equal(gone.status, 'FAILED');
      assert.equal(gone.attempts.length, 1);
      assert.match(gone.reason!, /HTTP 404 \(not retried\)/);
      const closed = byDescription.get('Nobody listening')!;
      assert.equal(closed.status, 'FAILED');
      assert.equal(closed.attempts.length, 3);
      assert.ok(closed.attempts.every((a) => a.statusCode === null && /ECONNREFUSED/.test(a.error ?? '')));
      assert.equal(receiver.received.filter((r) => r.url === '/down').length, 3);
    } finally {
      for (const hook of hooks) await remove(hook.id);
    }
  });

  test('an error that would show a secret is stored redacted, and not retried', async () => {
    await api('/dp/api/v1/secrets/BROKEN', { method: 'PUT', json: { value: BAD_SECRET } });
    const webhook = await register({
      description: 'Broken secret',
      jobs: ['customer-import'],
      method: 'POST',
      url: `${receiver.url}/broken`,
      header: { Authorization: 'Bearer ${{secrets.BROKEN}}' },
    });
    try {
      const execution = await runImport(validRows);
      const [delivery] = execution.webhookDeliveries;
      assert.equal(delivery?.status, 'FAILED');
      assert.equal(delivery.attempts.length, 1);
      assert.match(delivery.attempts[0]!.error!, /Invalid character in header content \["Authorization"\]/);
      assert.ok(!JSON.stringify(execution).includes('9d8c7b6a'));
      assert.equal(receiver.received.filter((r) => r.url === '/broken').length, 0);
    } finally {
      await remove(webhook.id);
    }
  });

  test('the secret is absent from every API answer, log line, database row and database file', async () => {
    // The receiver did get it (proof the substitution happened) ...
    assert.ok(receiver.received.some((r) => r.headers.authorization === `Bearer ${SECRET}`));
    // ... nothing else has it.
    const list = await platform.request('/dp/api/v1/executions', { token: ada });
    const all = ((await list.json()) as { data: Array<{ id: string }> }).data;
    for (const { id } of all) answers.push(JSON.stringify(await executionOf(platform, id, ada)));
    answers.push(JSON.stringify(await api('/dp/api/v1/secrets')), JSON.stringify(await api('/dp/api/v1/webhooks')));
    const fragments = [SECRET, SECRET.slice(8), BAD_SECRET, '9d8c7b6a'];
    for (const fragment of fragments) {
      assert.ok(!answers.some((a) => a.includes(fragment)), `an API answer holds ${fragment}`);
      assert.ok(!logs.some((l) => l.includes(fragment)), `a log line holds ${fragment}`);
    }
    assert.ok(
      logs.some((l) => /webhook delivery .*: DELIVERED/.test(l)),
      'the platform did log deliveries',
    );

    const tables = platform.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{
      name: string;
    }>;
    for (const { name } of tables) {
      const dump = JSON.stringify(platform.db.prepare(`SELECT * FROM "${name}"`).all());
      for (const fragment of fragments) assert.ok(!dump.includes(fragment), `table ${name} holds ${fragment}`);
    }
    platform.db.pragma('wal_checkpoint(TRUNCATE)');
    for (const file of readdirSync(platform.dir)) {
      const bytes = readFileSync(join(platform.dir, file));
      assert.ok(!bytes.includes(Buffer.from(SECRET)), `${file} holds the secret`);
    }
    const sealed = platform.db.prepare("SELECT sealed FROM secrets WHERE name = 'AIRFLOW_TOKEN'").get() as {
      sealed: string;
    };
    assert.match(sealed.sealed, /^[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  test('deliveries survive a webhook being deleted, and the delivery log is in the execution', async () => {
    const webhook = await register(airflow('/deleted', seedRules));
    const execution = await runImport(validRows);
    assert.equal((await remove(webhook.id)).status, 204);
    const again = await executionOf(platform, execution.id, ada);
    const [delivery] = again.webhookDeliveries;
    assert.equal(delivery?.webhookId, null);
    assert.equal(delivery?.status, 'DELIVERED');
    assert.equal(delivery?.description, 'Trigger the Airflow DAG');
    await eventually('the receiver', async () =>
      receiver.received.some((r) => r.url.startsWith('/deleted/')) ? true : undefined,
    );
  });
});
