import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { z } from 'zod';
import type { PlatformContext } from '../context.js';
import { ApiError, ApiErrorCode, badRequest, notFound } from '../errors.js';
import type { Db } from '../db.js';
import { getExecutionUnscoped, type Execution } from '../model/executions.js';
import { listBlockWindows, windowIsOpen } from '../model/jobs.js';
import {
  findTrigger,
  getTriggerEvent,
  importJobFor,
  recordTriggerEvent,
  settleTriggerEvent,
  type TriggerEvent,
} from '../model/triggers.js';

// Optional rows to import with the trigger; without them the run imports an empty file.
const TriggerBody = z
  .object({
    rows: z
      .array(z.record(z.string().max(64), z.union([z.string().max(1000), z.number()]).transform(String)))
      .max(10_000)
      .optional(),
  })
  .loose();

/**
 * Custom webhook trigger and its status endpoint (seed 001). Like the seed's custom webhooks they
 * need no credentials: the trigger identifier starts a run, and the random correlation id is what
 * lets a caller read its status. The trigger answers at once (the run goes on in the background);
 * every event it accepts is recorded first, so one refused by a block window or failed while being
 * processed can still be looked up, with the reason.
 */
export function triggerRoutes(ctx: PlatformContext): Hono {
  const app = new Hono();
  const { db } = ctx;

  app.post('/api/webhook/custom', async (c) => {
    const pipelineId = c.req.query('pipelineIdentifier');
    const triggerId = c.req.query('triggerIdentifier');
    if (!pipelineId || !triggerId)
      throw badRequest('pipelineIdentifier and triggerIdentifier are required query parameters');
    const trigger = findTrigger(db, triggerId, pipelineId);
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

    const eventCorrelationId = recordTriggerEvent(db, {
      triggerId,
      accountIdentifier: c.req.query('accountIdentifier') ?? null,
      orgIdentifier: c.req.query('orgIdentifier') ?? null,
      projectIdentifier: c.req.query('projectIdentifier') ?? null,
      payload: text.trim() || '{}',
      createdAt: ctx.now(),
    });
    const envelope = { data: eventCorrelationId, metaData: null, correlationId: randomUUID() };
    try {
      // The pipeline's job runs (refused in an open block window); then its webhooks and dependents follow.
      const jobId = importJobFor(db, pipelineId, trigger.orgId);
      if (!jobId) throw new ApiError(409, ApiErrorCode.CONFLICT, `No import job runs pipeline ${pipelineId}`);
      const executionId = ctx.orchestrator.runJob(jobId, {
        orgId: trigger.orgId,
        trigger: 'webhook',
        subOrgId: trigger.subOrgId,
        triggerId,
        fileName: 'webhook payload',
        rows,
      });
      settleTriggerEvent(db, eventCorrelationId, {
        status: 'TARGET_EXECUTION_REQUESTED',
        message: 'Pipeline execution was requested successfully',
        executionId,
      });
      return c.json({ status: 'SUCCESS', ...envelope });
    } catch (error) {
      const blocked = error instanceof ApiError && error.code === ApiErrorCode.BLOCKED_BY_WINDOW;
      const failure =
        error instanceof ApiError
          ? error
          : new ApiError(500, ApiErrorCode.INTERNAL, 'The event could not be processed');
      settleTriggerEvent(db, eventCorrelationId, {
        status: blocked ? 'TARGET_EXECUTION_BLOCKED' : 'EXCEPTION_WHILE_PROCESSING',
        // Our own errors say what went wrong; anything else stays internal (the status needs no credentials).
        message: failure.message,
        exceptionOccurred: !blocked,
      });
      // Our error shape, plus the seed's fields: the correlation id still leads to the recorded event.
      return c.json(
        { error: { code: failure.code, message: failure.message }, status: 'ERROR', ...envelope },
        failure.status as 400,
      );
    }
  });

  app.get('/pipeline/api/webhook/triggerExecutionDetails/:eventCorrelationId', (c) => {
    const id = c.req.param('eventCorrelationId');
    const event = getTriggerEvent(db, id);
    const execution = event?.executionId ? getExecutionUnscoped(db, event.executionId) : undefined;
    return c.json({
      status: 'SUCCESS',
      data: {
        webhookProcessingDetails: processingDetails(id, event, execution),
        executionDetails: {
          pipelineExecutionSummary:
            execution && event ? executionSummary(db, execution, event.id, orgOf(db, event)) : null,
        },
      },
      metaData: null,
      correlationId: randomUUID(),
    });
  });

  return app;
}

/** `webhookProcessingDetails`: every key of the seed's example, for found and unknown events alike. */
function processingDetails(id: string, event: TriggerEvent | undefined, execution: Execution | undefined) {
  if (!event)
    return {
      eventFound: false,
      eventId: null,
      accountIdentifier: null,
      orgIdentifier: null,
      projectIdentifier: null,
      triggerIdentifier: null,
      pipelineIdentifier: null,
      pipelineExecutionId: null,
      exceptionOccured: false, // sic: the seed's spelling
      status: null,
      message: `No trigger event with correlation id ${id}`,
      payload: null,
      eventCreatedAt: null,
      runtimeInput: null,
    };
  return {
    eventFound: true,
    eventId: event.eventId,
    accountIdentifier: event.accountIdentifier,
    orgIdentifier: event.orgIdentifier,
    projectIdentifier: event.projectIdentifier,
    triggerIdentifier: event.triggerId,
    pipelineIdentifier: event.pipelineId,
    pipelineExecutionId: event.executionId,
    exceptionOccured: event.exceptionOccurred,
    status: event.status,
    message: event.message,
    payload: event.payload,
    eventCreatedAt: event.createdAt,
    runtimeInput: execution
      ? `pipeline:\n  identifier: ${execution.pipeline.id}\n  rows: ${execution.stats.totalRows}\n`
      : null,
  };
}

/** Execution statuses in the seed's casing. */
const SUMMARY_STATUS: Record<Execution['status'], string> = {
  SUCCESS: 'Success',
  FAILED: 'Failed',
  RUNNING: 'Running',
  QUEUED: 'Queued',
  CANCELLED: 'Aborted',
};

/** The seed's trigger types for where an execution came from. */
const TRIGGER_TYPE: Record<Execution['trigger'], string> = {
  webhook: 'WEBHOOK_CUSTOM',
  manual: 'MANUAL',
  api: 'MANUAL',
  schedule: 'SCHEDULER_CRON',
  dependency: 'PIPELINE_CHAIN',
};

/** An execution in the seed's `pipelineExecutionSummary` shape (steps become the layout's stages). */
function executionSummary(db: Db, execution: Execution, eventCorrelationId: string | null, orgId: string) {
  const nodeId = (position: number) => `${execution.id}-stage-${position}`;
  const count = (status: string) => execution.steps.filter((s) => s.status === status).length;
  return {
    pipelineIdentifier: execution.pipeline.id,
    planExecutionId: execution.id,
    name: execution.pipeline.name,
    status: SUMMARY_STATUS[execution.status],
    tags: [],
    executionTriggerInfo: {
      triggerType: TRIGGER_TYPE[execution.trigger],
      triggeredBy: {
        identifier: execution.triggerIdentifier ?? execution.trigger,
        extraInfo: eventCorrelationId ? { eventCorrelationId } : {},
      },
      isRerun: execution.sourceExecutionId !== null,
      ...(execution.sourceExecutionId ? { rerunInfo: { prevExecId: execution.sourceExecutionId } } : {}),
    },
    governanceMetadata: governance(db, execution, orgId),
    moduleInfo: {
      pms: {
        jobIdentifier: execution.job?.id ?? null,
        subOrganization: execution.subOrganization,
        totalRows: execution.stats.totalRows,
        validRows: execution.stats.validRows,
        invalidRows: execution.stats.invalidRows,
      },
    },
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
    canRetry: execution.status === 'FAILED' || execution.status === 'CANCELLED',
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

/**
 * The block windows (our governance policy) that apply to the execution's job, and whether one was
 * open when the run was requested: the run went ahead, so none that blocks it was.
 */
function governance(db: Db, execution: Execution, orgId: string) {
  const jobId = execution.job?.id;
  const windows = jobId ? listBlockWindows(db, orgId).filter((w) => !w.jobs.length || w.jobs.includes(jobId)) : [];
  return {
    deny: false,
    status: 'pass',
    message: windows.length
      ? `${windows.length} block window(s) apply to job ${jobId}; none blocked this run`
      : 'No block window applies to this job',
    timestamp: execution.createdAt,
    details: windows.map((w) => ({
      identifier: w.id,
      name: w.description,
      openAtRequest: windowIsOpen(w, jobId!, execution.createdAt),
      allowManualExecutions: w.allowManualExecutions,
    })),
  };
}

function orgOf(db: Db, event: TriggerEvent): string {
  return findTrigger(db, event.triggerId, event.pipelineId)?.orgId ?? '';
}
