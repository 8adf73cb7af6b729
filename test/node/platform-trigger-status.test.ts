import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { admin, expectJson } from './helpers/orchestration.js';
import { errorOf, startTestPlatform, type TestPlatform } from './helpers/platform.js';

let platform: TestPlatform;
before(async () => {
  platform = await startTestPlatform();
});
after(() => platform.dispose());

const trigger = (query: string, body: unknown = {}) =>
  platform.request(`/gateway/api/webhook/custom?${query}`, { method: 'POST', json: body });
const QUERY =
  'accountIdentifier=acc1&orgIdentifier=default&projectIdentifier=demo&pipelineIdentifier=customer-import&triggerIdentifier=customer-import-webhook';
/** The status of an event once its run has ended (the trigger answers before that). */
const settled = async (eventId: string): Promise<Details> => {
  for (let i = 0; i < 600; i++) {
    const body = (await (
      await platform.request(`/gateway/pipeline/api/webhook/triggerExecutionDetails/${eventId}?accountIdentifier=acc1`)
    ).json()) as Details;
    const status = body.data.executionDetails.pipelineExecutionSummary?.status;
    if (status !== 'Queued' && status !== 'Running') return body;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`event ${eventId} did not settle`);
};
const DETAIL_KEYS = [
  'eventFound',
  'eventId',
  'accountIdentifier',
  'orgIdentifier',
  'projectIdentifier',
  'triggerIdentifier',
  'pipelineIdentifier',
  'pipelineExecutionId',
  'exceptionOccured',
  'status',
  'message',
  'payload',
  'eventCreatedAt',
  'runtimeInput',
];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

type Details = {
  status: string;
  data: {
    webhookProcessingDetails: Record<string, unknown>;
    executionDetails: { pipelineExecutionSummary: Record<string, unknown> };
  };
  metaData: null;
  correlationId: string;
};

test('the custom webhook starts an execution and answers the seed shape', async () => {
  const response = await trigger(QUERY);
  assert.equal(response.status, 200);
  const body = (await response.json()) as Record<string, unknown>;
  assert.deepEqual(Object.keys(body).sort(), ['correlationId', 'data', 'metaData', 'status']);
  assert.equal(body.status, 'SUCCESS');
  assert.match(String(body.data), /^[0-9a-f]{24}$/);
  assert.equal(body.metaData, null);
  assert.match(String(body.correlationId), UUID);
});

test('the status endpoint answers webhookProcessingDetails and executionDetails for the event', async () => {
  const { data: eventId } = (await (await trigger(QUERY)).json()) as { data: string };
  const response = await platform.request(
    `/gateway/pipeline/api/webhook/triggerExecutionDetails/${eventId}?accountIdentifier=acc1`,
  );
  assert.equal(response.status, 200);
  const body = await settled(eventId);
  assert.equal(body.status, 'SUCCESS');
  assert.equal(body.metaData, null);
  assert.match(body.correlationId, UUID);

  const processing = body.data.webhookProcessingDetails;
  assert.deepEqual(Object.keys(processing).sort(), [...DETAIL_KEYS].sort());
  assert.equal(processing.exceptionOccured, false);
  assert.equal(processing.runtimeInput, 'pipeline:\n  identifier: customer-import\n  rows: 0\n');
  assert.equal(processing.eventFound, true);
  assert.equal(processing.status, 'TARGET_EXECUTION_REQUESTED');
  assert.equal(processing.accountIdentifier, 'acc1');
  assert.equal(processing.pipelineIdentifier, 'customer-import');
  assert.equal(processing.triggerIdentifier, 'customer-import-webhook');

  const summary = body.data.executionDetails.pipelineExecutionSummary;
  assert.equal(summary.planExecutionId, processing.pipelineExecutionId);
  assert.equal(summary.pipelineIdentifier, 'customer-import');
  assert.equal(summary.status, 'Success');
  assert.equal(summary.totalStagesCount, 4);
  assert.equal(summary.successfulStagesCount, 4);
  // Filled from the run itself: where it came from, the block windows its job has, its rows.
  assert.deepEqual(summary.executionTriggerInfo, {
    triggerType: 'WEBHOOK_CUSTOM',
    triggeredBy: { identifier: 'customer-import-webhook', extraInfo: { eventCorrelationId: eventId } },
    isRerun: false,
  });
  assert.equal((summary.governanceMetadata as { deny: boolean }).deny, false);
  assert.deepEqual((summary.moduleInfo as { pms: unknown }).pms, {
    jobIdentifier: 'customer-import',
    subOrganization: 'acme',
    totalRows: 0,
    validRows: 0,
    invalidRows: 0,
  });
  for (const key of [
    'name',
    'tags',
    'executionTriggerInfo',
    'layoutNodeMap',
    'modules',
    'startingNodeId',
    'startTs',
    'endTs',
    'createdAt',
    'canRetry',
    'runSequence',
  ]) {
    assert.ok(key in summary, key);
  }

  // The execution is a real one, readable through the executions API by its sub-organization.
  const acme = await platform.accessToken('acme', 'SUB_ORG');
  const execution = await platform.request(`/dp/api/v1/executions/${String(summary.planExecutionId)}`, { token: acme });
  assert.equal(execution.status, 200);
});

test('rows posted to the webhook are validated: invalid ones fail the run', async () => {
  const rows = [
    { name: 'Ok Row', email: 'ok@example.com', country: 'DE', amount: '10' },
    { name: 'Bad Row', email: 'bad', country: 'DE', amount: '10' },
  ];
  const { data: eventId } = (await (await trigger(QUERY, { rows })).json()) as { data: string };
  const body = await settled(eventId);
  const summary = body.data.executionDetails.pipelineExecutionSummary;
  assert.equal(summary.status, 'Failed');
  assert.equal(summary.failedStagesCount, 1);
  assert.equal(body.data.webhookProcessingDetails.payload, JSON.stringify({ rows }));
});

test('answers 400 without identifiers, 404 for an unknown trigger', async () => {
  const missing = await trigger('pipelineIdentifier=customer-import');
  assert.equal(missing.status, 400);
  assert.equal((await errorOf(missing)).code, 'INVALID_REQUEST');
  assert.equal((await trigger('pipelineIdentifier=customer-import&triggerIdentifier=nope')).status, 404);
  assert.equal((await trigger('pipelineIdentifier=other&triggerIdentifier=customer-import-webhook')).status, 404);
});

test('an unknown event id answers the document shape with eventFound: false', async () => {
  const response = await platform.request(
    '/gateway/pipeline/api/webhook/triggerExecutionDetails/000000000000000000000000',
  );
  assert.equal(response.status, 200);
  const body = (await response.json()) as Details;
  assert.deepEqual(Object.keys(body).sort(), ['correlationId', 'data', 'metaData', 'status']);
  assert.deepEqual(Object.keys(body.data.webhookProcessingDetails).sort(), [...DETAIL_KEYS].sort());
  assert.equal(body.data.webhookProcessingDetails.eventFound, false);
  assert.equal(body.data.webhookProcessingDetails.pipelineExecutionId, null);
  assert.equal(body.data.executionDetails.pipelineExecutionSummary, null);
});

test('a trigger refused by a block window is recorded: its correlation id tells why, and no run started', async () => {
  const window = await expectJson<{ id: string }>(
    admin(platform, '/dp/api/v1/block-windows', {
      method: 'POST',
      json: {
        description: 'Always closed',
        jobs: ['customer-import'],
        weekdays: ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'],
        start: '00:00',
        end: '24:00',
        timezone: 'UTC',
        allowManualExecutions: false,
      },
    }),
    201,
  );
  try {
    const executions = () => (platform.db.prepare('SELECT COUNT(*) AS n FROM executions').get() as { n: number }).n;
    const before = executions();
    const response = await trigger(QUERY);
    assert.equal(response.status, 400);
    const refused = (await response.json()) as { error: { code: string }; data: string; correlationId: string };
    assert.equal(refused.error.code, 'BLOCKED_BY_WINDOW');
    assert.match(refused.data, /^[0-9a-f]{24}$/);
    assert.match(refused.correlationId, UUID);
    assert.equal(executions(), before);

    const body = (await (
      await platform.request(`/gateway/pipeline/api/webhook/triggerExecutionDetails/${refused.data}`)
    ).json()) as Details;
    const processing = body.data.webhookProcessingDetails;
    assert.deepEqual(Object.keys(processing).sort(), [...DETAIL_KEYS].sort());
    assert.equal(processing.eventFound, true);
    assert.equal(processing.status, 'TARGET_EXECUTION_BLOCKED');
    assert.equal(processing.exceptionOccured, false);
    assert.equal(processing.pipelineExecutionId, null);
    assert.match(String(processing.message), /Always closed/);
    assert.equal(body.data.executionDetails.pipelineExecutionSummary, null);
  } finally {
    await admin(platform, `/dp/api/v1/block-windows/${window.id}`, { method: 'DELETE' });
  }
});

test('an event that fails while being processed is recorded with exceptionOccured: true and the reason', async () => {
  // A pipeline with a trigger but no job to run it: processing the event fails.
  platform.db
    .prepare("INSERT INTO pipelines (id, org_id, name, fields) VALUES ('orphan', 'org-demo', 'Orphan', '[]')")
    .run();
  platform.db
    .prepare(
      "INSERT INTO triggers (id, pipeline_id, sub_org_id, name) VALUES ('orphan-hook', 'orphan', NULL, 'Orphan')",
    )
    .run();
  const response = await trigger('pipelineIdentifier=orphan&triggerIdentifier=orphan-hook');
  assert.equal(response.status, 409);
  const failed = (await response.json()) as { error: { code: string; message: string }; data: string };
  assert.equal(failed.error.code, 'CONFLICT');
  const body = (await (
    await platform.request(`/gateway/pipeline/api/webhook/triggerExecutionDetails/${failed.data}`)
  ).json()) as Details;
  const processing = body.data.webhookProcessingDetails;
  assert.deepEqual(Object.keys(processing).sort(), [...DETAIL_KEYS].sort());
  assert.equal(processing.eventFound, true);
  assert.equal(processing.exceptionOccured, true);
  assert.equal(processing.status, 'EXCEPTION_WHILE_PROCESSING');
  assert.match(String(processing.message), /No import job runs pipeline orphan/);
  assert.equal(body.data.executionDetails.pipelineExecutionSummary, null);
});
