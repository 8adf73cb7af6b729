import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import type { ConnectorDefinition } from '../../demo/platform/connectors/registry.js';
import type { Execution } from '../../demo/platform/model/executions.js';
import { resolveCommand } from '../../demo/platform/model/connectors.js';
import { admin, expectJson, finished } from './helpers/orchestration.js';
import { errorOf, startTestPlatform, type TestPlatform } from './helpers/platform.js';

// Bring your own connector (seed 004): register a command with its arguments, health check and
// typed configuration fields, then run it from a job: a Python file (the document's own sample
// configuration, verbatim) and a shell script configured by command-line arguments.

const fixtures = (dir: string) => fileURLToPath(new URL(`./fixtures/connectors/${dir}`, import.meta.url));
/** The document says `python`; a system with only `python3` runs the same file with it. */
const python = ['python', 'python3'].find((c) => resolveCommand(c, null));

/** Seed 004's data source, as its table lists it. */
const DOC_DATA_SOURCE = {
  name: 'Python data source',
  kind: 'DATA_SOURCE',
  executionMode: 'environment_variable',
  command: python ?? 'python',
  arguments: 'main.py data-source',
  healthCheck: '--health-check',
  configurations: [
    { commandOption: 'SHOULD_FAIL', fieldType: 'checkbox' },
    { commandOption: 'NAME', fieldType: 'input' },
  ],
  directory: fixtures('python'),
};
/** Seed 004's data service, as its table lists it, with its data service configuration. */
const DOC_DATA_SERVICE = {
  name: 'Python data service',
  kind: 'DATA_SERVICE',
  executionMode: 'environment_variable',
  command: python ?? 'python',
  arguments: 'main.py data-service',
  healthCheck: '--health-check',
  configurations: [
    { commandOption: 'NEW_COLUMN_NAME', fieldType: 'input' },
    { commandOption: 'SOURCE_COLUMN', fieldType: 'stage_columns_dropdown' },
  ],
  dataServiceConfiguration: { serviceType: 'internal', stage: 'import', columnPrefix: '___prefix', maxUsage: 1 },
  directory: fixtures('python'),
};
/** A shell script configured by command-line arguments, with every field type. */
const SHELL = {
  name: 'Shell greeter',
  kind: 'DATA_SOURCE',
  executionMode: 'command_line_arguments',
  command: 'sh',
  arguments: ['connector.sh'],
  healthCheck: '--health-check',
  configurations: [
    { commandOption: 'NAME', fieldType: 'input', required: true },
    { commandOption: 'GREETING', fieldType: 'dropdown', options: ['Hello', 'Hi'], required: true },
    { commandOption: 'EXIT_CODE', fieldType: 'number' },
    { commandOption: 'SLEEP_SECONDS', fieldType: 'number' },
    { commandOption: 'HEALTHY', fieldType: 'checkbox' },
  ],
  directory: fixtures('shell'),
  timeoutSeconds: 2,
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let platform: TestPlatform;
let ada: string;
before(async () => {
  platform = await startTestPlatform({ allowConnectorRegistration: true });
  ada = await platform.accessToken('ada@example.com', 'USER');
});
after(() => platform?.dispose());

const register = (json: unknown) =>
  expectJson<ConnectorDefinition>(admin(platform, '/dp/api/v1/connectors', { method: 'POST', json }), 201);
const createJob = (json: Record<string, unknown>, status = 201) =>
  admin(platform, '/dp/api/v1/jobs', { method: 'POST', json: { subOrganization: 'acme', ...json } }).then(async (r) => {
    if (r.status !== status) assert.fail(`job: expected ${status}, got ${r.status}: ${await r.text()}`);
    return r.json() as Promise<{ id: string; error?: { message: string } }>;
  });
const run = async (jobId: string) => {
  const started = await expectJson<Execution>(admin(platform, `/dp/api/v1/jobs/${jobId}/run`, { method: 'POST' }), 201);
  return finished(platform, started.id, ada);
};
const lines = (e: Execution, source: string) =>
  e.logs.filter((l) => l.source === source).map((l) => `${l.level} ${l.message}`);

describe('who may register a connector', () => {
  test('access tokens never; the license key only when the operator allows it', async () => {
    const closed = await startTestPlatform();
    try {
      const response = await admin(closed, '/dp/api/v1/connectors', { method: 'POST', json: SHELL });
      assert.equal(response.status, 403);
      assert.match((await errorOf(response)).message, /PLATFORM_ALLOW_CONNECTOR_REGISTRATION/);
    } finally {
      await closed.dispose();
    }
    const asUser = await platform.request('/dp/api/v1/connectors', { method: 'POST', json: SHELL, token: ada });
    assert.equal(asUser.status, 403);
  });

  test("the document's labels are accepted as written", async () => {
    // Seed 004: "Type: data source", "Execution mode: environemnt variable" (sic).
    const connector = await register({ ...SHELL, kind: 'data source', executionMode: 'environemnt variable' });
    assert.equal(connector.kind, 'DATA_SOURCE');
    assert.equal(connector.executionMode, 'environment_variable');
    const args = await register({ ...SHELL, kind: 'delta export', executionMode: 'Command line arguments' });
    assert.equal(args.kind, 'DELTA_EXPORT');
    assert.equal(args.executionMode, 'command_line_arguments');
  });

  test('bad registrations are refused with the reason', async () => {
    const cases: Array<[string, unknown, RegExp]> = [
      ['unknown command', { ...SHELL, command: 'no-such-program-xyz' }, /was not found/],
      ['relative directory', { ...SHELL, directory: 'fixtures' }, /absolute path/],
      [
        'dropdown without options',
        { ...SHELL, configurations: [{ commandOption: 'X', fieldType: 'dropdown' }] },
        /needs its options/,
      ],
      [
        'reserved name',
        { ...SHELL, configurations: [{ commandOption: 'CONTAINER_API_TOKEN', fieldType: 'input' }] },
        /set by the platform/,
      ],
      ['unknown field type', { ...SHELL, configurations: [{ commandOption: 'X', fieldType: 'color' }] }, /fieldType/],
    ];
    for (const [name, body, message] of cases) {
      const response = await admin(platform, '/dp/api/v1/connectors', { method: 'POST', json: body });
      assert.equal(response.status, 400, name);
      assert.match((await errorOf(response)).message, message, name);
    }
  });
});

describe(
  'a Python connector registered from the document',
  { skip: python ? false : 'no python on this system' },
  () => {
    test('data source: environment variables, health check, exit code, stderr as ERROR, Container API', async () => {
      const connector = await register(DOC_DATA_SOURCE);
      assert.match(connector.id, UUID);
      assert.deepEqual(connector.args, ['main.py', 'data-source']);
      assert.deepEqual(
        connector.options.map((o) => [o.name, o.type]),
        [
          ['SHOULD_FAIL', 'checkbox'],
          ['NAME', 'input'],
        ],
      );
      const listed = await expectJson<{ data: ConnectorDefinition[] }>(admin(platform, '/dp/api/v1/connectors'), 200);
      assert.ok(listed.data.some((c) => c.id === connector.id));
      // An access token sees the connector and its fields, not its command or where it lives.
      const asToken = await expectJson<ConnectorDefinition>(
        platform.request(`/dp/api/v1/connectors/${connector.id}`, { token: ada }),
        200,
      );
      assert.deepEqual(asToken.options, connector.options);
      assert.ok(!('command' in asToken) && !('directory' in asToken) && !('args' in asToken));

      const ok = await createJob({ name: 'Python import', connector: connector.id, config: { NAME: 'Ada' } });
      assert.match(ok.id, UUID, 'a new job id is a UUID, as the document shows job ids');
      const fails = await createJob({
        name: 'Python import that fails',
        connector: connector.id,
        config: { NAME: 'Ada', SHOULD_FAIL: true },
      });
      const unhealthy = await createJob({ name: 'Python import without NAME', connector: connector.id, config: {} });

      const success = await run(ok.id);
      assert.equal(success.status, 'SUCCESS');
      assert.equal(success.exitCode, 0);
      assert.deepEqual(lines(success, 'connector'), ['SUCCESS Hello Ada']);
      assert.equal(success.output?.total, 2);
      assert.deepEqual(success.output?.preview, [
        { id: 1, name: 'first_product' },
        { id: 2, name: 'second product' },
      ]);

      const failed = await run(fails.id);
      assert.equal(failed.status, 'FAILED');
      assert.equal(failed.exitCode, 1);
      assert.deepEqual(lines(failed, 'stderr'), ['ERROR SHOULD_FAIL is checked: failing on purpose']);

      const notRun = await run(unhealthy.id);
      assert.equal(notRun.status, 'FAILED');
      assert.deepEqual(
        notRun.steps.map((s) => s.status),
        ['FAILED', 'SKIPPED'],
      );
      assert.ok(notRun.logs.some((l) => /Health check failed: the connector exited with code 1/.test(l.message)));
      assert.deepEqual(lines(notRun, 'stderr'), ['ERROR NAME is not set']);
    });

    test('data service: the document configuration, max usage 1, reading its primary job output', async () => {
      const source = await register(DOC_DATA_SOURCE);
      const service = await register(DOC_DATA_SERVICE);
      assert.deepEqual(service.dataService, DOC_DATA_SERVICE.dataServiceConfiguration);
      const primary = await createJob({ name: 'Source', connector: source.id, config: { NAME: 'Grace' } });
      const dependent = await createJob({
        name: 'Upper-case names',
        connector: service.id,
        primaryJob: primary.id,
        config: { NEW_COLUMN_NAME: 'NAME_UPPER', SOURCE_COLUMN: 'name' },
      });
      // Max usage 1: a second job of the same sub-organization cannot use it.
      const second = await admin(platform, '/dp/api/v1/jobs', {
        method: 'POST',
        json: { name: 'Again', subOrganization: 'acme', connector: service.id, config: {} },
      });
      assert.equal(second.status, 409);
      assert.match((await errorOf(second)).message, /max usage/);

      const first = await run(primary.id);
      assert.equal(first.status, 'SUCCESS');
      const [child] = first.dependentExecutions;
      assert.equal(child?.jobId, dependent.id);
      const serviceRun = await finished(platform, child.id, ada);
      assert.equal(serviceRun.status, 'SUCCESS');
      // The column the service added carries the column prefix; the input's columns are as they were.
      assert.deepEqual(serviceRun.output?.preview, [
        { id: 1, name: 'first_product', ___prefixNAME_UPPER: 'FIRST_PRODUCT' },
        { id: 2, name: 'second product', ___prefixNAME_UPPER: 'SECOND PRODUCT' },
      ]);
      assert.ok(serviceRun.logs.some((l) => l.message.includes('NAME_UPPER → ___prefixNAME_UPPER')));
    });

    test('delta export channel: template columns, only what changed, rejected rows in the feedback file, a file', async () => {
      const source = await register({
        ...DOC_DATA_SOURCE,
        configurations: [...DOC_DATA_SOURCE.configurations, { commandOption: 'VARIANT', fieldType: 'input' }],
      });
      const exporter = await register({
        name: 'Python delta export',
        kind: 'DELTA_EXPORT',
        executionMode: 'environment_variable',
        command: python,
        arguments: 'main.py export-delta',
        healthCheck: '--health-check',
        directory: fixtures('python'),
        exportConfiguration: {
          enableFeedbackFile: true,
          channel: { name: 'Marketplace', templateColumns: ['id', 'name'], delta: true, deltaKey: 'id' },
        },
      });
      const primary = await createJob({ name: 'Feed', connector: source.id, config: { NAME: 'Ada' } });
      const exportJob = await createJob({ name: 'To the marketplace', connector: exporter.id, primaryJob: primary.id });
      const exportOf = async () => {
        const first = await run(primary.id);
        const e = await finished(platform, first.dependentExecutions[0]!.id, ada);
        assert.equal(e.status, 'SUCCESS');
        const line = e.logs.find((l) => l.message.startsWith('Channel Marketplace:'))!;
        const file = /→ (.+)$/.exec(line.message)![1]!;
        assert.ok(file.startsWith(join(platform.dir, 'exports', exportJob.id)), file);
        return { e, line: line.message, sent: JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown> };
      };

      const first = await exportOf();
      assert.deepEqual(first.sent.rows, [
        { id: 1, name: 'first_product' },
        { id: 2, name: 'second product' },
      ]);
      assert.match(first.line, /2 row\(s\) exported; 0 unchanged, 0 deleted/);

      await expectJson(
        admin(platform, `/dp/api/v1/jobs/${primary.id}`, {
          method: 'PATCH',
          json: { config: { NAME: 'Ada', VARIANT: 'changed' } },
        }),
        200,
      );
      const second = await exportOf();
      // Only the changed and the new row; the unchanged one is not sent again.
      assert.deepEqual(second.sent.rows, [
        { id: 2, name: 'second product, renamed' },
        { id: 3, name: 'third' },
      ]);
      assert.deepEqual(second.sent.deleted, []);
      assert.equal(second.sent.deltaKey, 'id');
      assert.match(
        second.line,
        /2 row\(s\) exported; 1 unchanged, 0 deleted since the last export; 1 without a template column \(in the feedback file\)/,
      );
      const feedback = await expectJson<{ rows: unknown[] }>(
        platform.request(`/dp/api/v1/executions/${second.e.id}/output?file=feedback`, { token: ada }),
        200,
      );
      assert.deepEqual(feedback.rows, [{ id: 4, feedback: 'missing template column(s) name' }]);
    });
  },
);

describe('a shell script configured by command-line arguments', () => {
  let connector: ConnectorDefinition;
  before(async () => {
    connector = await register(SHELL);
  });

  test('typed fields: dropdown options, numbers, required fields are checked when the job is configured', async () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ NAME: 'Ada', GREETING: 'Yo' }, /one of Hello, Hi/],
      [{ NAME: 'Ada', GREETING: 'Hi', EXIT_CODE: 'three' }, /expected a number/],
      [{ NAME: 'Ada', GREETING: 'Hi', HEALTHY: 'yes' }, /true or false/],
      [{ GREETING: 'Hi' }, /NAME required/],
      [{ NAME: 'Ada', GREETING: 'Hi', COLOR: 'red' }, /has no option COLOR/],
    ];
    for (const [config, message] of cases) {
      const response = await admin(platform, '/dp/api/v1/jobs', {
        method: 'POST',
        json: { name: 'bad', connector: connector.id, config },
      });
      assert.equal(response.status, 400, JSON.stringify(config));
      assert.match((await errorOf(response)).message, message);
    }
  });

  test('arguments, not environment variables; stdout as INFO, stderr as ERROR, exit code as status', async () => {
    const job = await createJob({
      name: 'Greeter',
      connector: connector.id,
      config: { NAME: 'Ada Lovelace', GREETING: 'Hi', EXIT_CODE: 3 },
    });
    const e = await run(job.id);
    assert.equal(e.status, 'FAILED');
    assert.equal(e.exitCode, 3);
    // Declared order, one argument per field (spaces stay inside it), no shell.
    assert.deepEqual(lines(e, 'stdout'), [
      'INFO health check ok',
      'INFO args: --NAME=Ada Lovelace --GREETING=Hi --EXIT_CODE=3',
      'INFO Hi Ada Lovelace',
    ]);
    assert.deepEqual(lines(e, 'stderr'), ['ERROR failing with exit code 3']);
    assert.ok(e.logs.some((l) => l.level === 'ERROR' && /exited with code 3/.test(l.message)));
  });

  test('a failing health check stops the run; a run past its timeout is stopped', async () => {
    const sick = await createJob({
      name: 'Sick',
      connector: connector.id,
      config: { NAME: 'x', GREETING: 'Hi', HEALTHY: false },
    });
    const slow = await createJob({
      name: 'Slow',
      connector: connector.id,
      config: { NAME: 'x', GREETING: 'Hi', SLEEP_SECONDS: 120 },
    });
    const notRun = await run(sick.id);
    assert.equal(notRun.status, 'FAILED');
    assert.equal(notRun.exitCode, 4);
    assert.deepEqual(lines(notRun, 'stderr'), ['ERROR health check: HEALTHY is false']);
    assert.ok(!lines(notRun, 'stdout').some((l) => l.includes('args:')), 'the run itself did not start');

    const timedOut = await run(slow.id);
    assert.equal(timedOut.status, 'FAILED');
    assert.ok(timedOut.logs.some((l) => /did not finish within 2 s and was stopped \(timeout\)/.test(l.message)));
    // The script's own `sleep 120` was stopped with it (its process group): the run ended long before.
    assert.ok(timedOut.durationMs! < 60_000, `ended after ${timedOut.durationMs} ms`);
  });
});
