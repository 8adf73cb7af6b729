import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
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
  const body = (await response.json()) as Details;
  assert.equal(body.status, 'SUCCESS');
  assert.equal(body.metaData, null);
  assert.match(body.correlationId, UUID);

  const processing = body.data.webhookProcessingDetails;
  for (const key of [
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
  ]) {
    assert.ok(key in processing, key);
  }
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
  const body = (await (
    await platform.request(`/gateway/pipeline/api/webhook/triggerExecutionDetails/${eventId}`)
  ).json()) as Details;
  const summary = body.data.executionDetails.pipelineExecutionSummary;
  assert.equal(summary.status, 'Failed');
  assert.equal(summary.failedStagesCount, 1);
  assert.equal(body.data.webhookProcessingDetails.payload, JSON.stringify({ rows }));
});

test('answers 400 without identifiers, 404 for an unknown trigger or event', async () => {
  const missing = await trigger('pipelineIdentifier=customer-import');
  assert.equal(missing.status, 400);
  assert.equal((await errorOf(missing)).code, 'INVALID_REQUEST');
  assert.equal((await trigger('pipelineIdentifier=customer-import&triggerIdentifier=nope')).status, 404);
  assert.equal((await trigger('pipelineIdentifier=other&triggerIdentifier=customer-import-webhook')).status, 404);
  assert.equal(
    (await platform.request('/gateway/pipeline/api/webhook/triggerExecutionDetails/000000000000000000000000')).status,
    404,
  );
});
