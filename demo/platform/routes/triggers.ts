import { randomBytes, randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { z } from 'zod';
import type { PlatformContext } from '../context.js';
import { badRequest, notFound } from '../errors.js';
import { getExecutionUnscoped, runImport, type Execution } from '../model/executions.js';

// Optional rows to import with the trigger; without them the run imports an empty file.
const TriggerBody = z
  .object({
    rows: z
      .array(z.record(z.string().max(64), z.union([z.string().max(1000), z.number()]).transform(String)))
      .max(10_000)
      .optional(),
  })
  .loose();

interface EventRecord {
  id: string;
  event_id: string;
  trigger_id: string;
  pipeline_id: string;
  execution_id: string | null;
  account_identifier: string | null;
  org_identifier: string | null;
  project_identifier: string | null;
  status: string;
  message: string;
  payload: string;
  created_at: number;
}

/** A Mongo-style 24-hex id, the shape the seed's eventCorrelationId has. */
const objectId = () => randomBytes(12).toString('hex');

/**
 * Custom webhook trigger and its status endpoint (seed 001). Like the seed's custom webhooks they
 * need no credentials: the trigger identifier starts a run, and the random correlation id is what
 * lets a caller read its status.
 */
export function triggerRoutes(ctx: PlatformContext): Hono {
  const app = new Hono();
  const { db } = ctx;

  app.post('/api/webhook/custom', async (c) => {
    const pipelineId = c.req.query('pipelineIdentifier');
    const triggerId = c.req.query('triggerIdentifier');
    if (!pipelineId || !triggerId)
      throw badRequest('pipelineIdentifier and triggerIdentifier are required query parameters');
    const trigger = db
      .prepare(
        'SELECT t.id, t.sub_org_id, p.org_id FROM triggers t JOIN pipelines p ON p.id = t.pipeline_id WHERE t.id = ? AND t.pipeline_id = ?',
      )
      .get(triggerId, pipelineId) as { id: string; sub_org_id: string | null; org_id: string } | undefined;
    if (!trigger) throw notFound(`Trigger ${triggerId} of pipeline ${pipelineId}`);

    const text = await c.req.text();
    let payload: unknown = {};
    try {
      payload = text.trim() ? JSON.parse(text) : {};
    } catch {
      throw badRequest('The body must be JSON');
    }
    const parsed = TriggerBody.safeParse(payload);
    if (!parsed.success) throw badRequest(`Invalid body: ${parsed.error.issues[0]?.message ?? 'invalid'}`);

    const rows = (parsed.data.rows ?? []).map((data, i) => ({ rowNumber: i + 1, data }));
    // The pipeline's job runs (refused in an open block window); then its webhooks and dependents follow.
    const job = db
      .prepare(
        "SELECT id FROM jobs WHERE pipeline_id = ? AND org_id = ? AND kind = 'IMPORT' ORDER BY created_at LIMIT 1",
      )
      .get(pipelineId, trigger.org_id) as { id: string } | undefined;
    const executionId = job
      ? ctx.orchestrator.runJob(job.id, {
          orgId: trigger.org_id,
          trigger: 'webhook',
          subOrgId: trigger.sub_org_id,
          triggerId,
          fileName: 'webhook payload',
          rows,
        })
      : runImport(db, {
          pipelineId,
          orgId: trigger.org_id,
          subOrgId: trigger.sub_org_id,
          triggerId,
          fileName: 'webhook payload',
          rows,
          origin: 'webhook',
        });
    const eventCorrelationId = objectId();
    db.prepare(
      `INSERT INTO trigger_events (id, event_id, trigger_id, execution_id, account_identifier, org_identifier, project_identifier, status, message, payload, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      eventCorrelationId,
      objectId(),
      triggerId,
      executionId,
      c.req.query('accountIdentifier') ?? null,
      c.req.query('orgIdentifier') ?? null,
      c.req.query('projectIdentifier') ?? null,
      'TARGET_EXECUTION_REQUESTED',
      'Pipeline execution was requested successfully',
      text.trim() || '{}',
      Date.now(),
    );
    return c.json({ status: 'SUCCESS', data: eventCorrelationId, metaData: null, correlationId: randomUUID() });
  });

  app.get('/pipeline/api/webhook/triggerExecutionDetails/:eventCorrelationId', (c) => {
    const event = db
      .prepare('SELECT e.*, t.pipeline_id FROM trigger_events e JOIN triggers t ON t.id = e.trigger_id WHERE e.id = ?')
      .get(c.req.param('eventCorrelationId')) as EventRecord | undefined;
    if (!event) throw notFound(`Trigger event ${c.req.param('eventCorrelationId')}`);
    const execution = event.execution_id ? getExecutionUnscoped(db, event.execution_id) : undefined;
    return c.json({
      status: 'SUCCESS',
      data: {
        webhookProcessingDetails: {
          eventFound: true,
          eventId: event.event_id,
          accountIdentifier: event.account_identifier,
          orgIdentifier: event.org_identifier,
          projectIdentifier: event.project_identifier,
          triggerIdentifier: event.trigger_id,
          pipelineIdentifier: event.pipeline_id,
          pipelineExecutionId: event.execution_id,
          exceptionOccured: false, // sic: the seed's spelling
          status: event.status,
          message: event.message,
          payload: event.payload,
          eventCreatedAt: event.created_at,
          runtimeInput: 'pipeline: {}\n',
        },
        executionDetails: { pipelineExecutionSummary: execution ? executionSummary(execution) : null },
      },
      metaData: null,
      correlationId: randomUUID(),
    });
  });

  return app;
}

/** Execution statuses in the seed's casing. */
const SUMMARY_STATUS: Record<Execution['status'], string> = {
  SUCCESS: 'Success',
  FAILED: 'Failed',
  RUNNING: 'Running',
  QUEUED: 'Queued',
};

/** An execution in the seed's `pipelineExecutionSummary` shape (steps become the layout's stages). */
function executionSummary(execution: Execution) {
  const nodeId = (position: number) => `${execution.id}-stage-${position}`;
  const count = (status: string) => execution.steps.filter((s) => s.status === status).length;
  return {
    pipelineIdentifier: execution.pipeline.id,
    planExecutionId: execution.id,
    name: execution.pipeline.name,
    status: SUMMARY_STATUS[execution.status],
    tags: [],
    executionTriggerInfo: {
      triggerType: 'WEBHOOK_CUSTOM',
      triggeredBy: { identifier: execution.triggerIdentifier ?? 'unknown', extraInfo: {} },
      isRerun: execution.sourceExecutionId !== null,
    },
    governanceMetadata: { deny: false, status: 'pass', message: '' },
    moduleInfo: { pms: { subOrganization: execution.subOrganization } },
    layoutNodeMap: Object.fromEntries(
      execution.steps.map((step, i) => [
        nodeId(step.position),
        {
          nodeType: 'Stage',
          nodeIdentifier: `step_${step.position}`,
          name: step.name,
          status:
            step.status === 'SUCCESS'
              ? 'Success'
              : step.status === 'FAILED'
                ? 'Failed'
                : step.status === 'RUNNING'
                  ? 'Running'
                  : 'NotStarted',
          startTs: step.startedAt,
          endTs: step.endedAt,
          edgeLayoutList: {
            currentNodeChildren: [],
            nextIds: i + 1 < execution.steps.length ? [nodeId(step.position + 1)] : [],
          },
        },
      ]),
    ),
    modules: ['pms'],
    startingNodeId: nodeId(1),
    startTs: execution.startedAt,
    endTs: execution.endedAt,
    createdAt: execution.createdAt,
    canRetry: execution.status === 'FAILED',
    showRetryHistory: false,
    runSequence: execution.runSequence,
    successfulStagesCount: count('SUCCESS'),
    runningStagesCount: count('RUNNING'),
    failedStagesCount: count('FAILED'),
    totalStagesCount: execution.steps.length,
    executionInputConfigured: false,
    allowStageExecutions: false,
    stagesExecution: false,
  };
}
