import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { connectorById, type ConnectorDefinition } from '../connectors/registry.js';
import type { Db } from '../db.js';
import { ApiError, ApiErrorCode, notFound } from '../errors.js';
import {
  addLog,
  createImport,
  executionStatus,
  finishExecution,
  getExecution,
  getExecutionUnscoped,
  inputWithFixes,
  markRunning,
  readOutput,
  setStep,
  unfinishedExecutions,
  type Execution,
  type StepStatus,
  type ExecutionTrigger,
  type LogLevel,
  type LogSource,
} from '../model/executions.js';
import { blockingWindow, jobRecord, type BlockWindow } from '../model/jobs.js';
import {
  appendOutput,
  connectorInputs,
  createConnectorRun,
  dependentJobs,
  hasUnfinishedRun,
  latestSuccess,
  orgOfExecution,
  takeDueJobs,
} from '../model/runs.js';
import type { Principal } from '../model/principal.js';
import type { RowData } from '../model/validation.js';
import { randomId } from '../secrets.js';
import { runChild, type ChildResult } from './child-process.js';
import { connectorInvocation } from './connector-invocation.js';
import { INTERRUPTED, runImportSteps } from './import-run.js';
import { startContainerApi, type ContainerFile, type Product } from './container-api.js';
import { DeliveryService, type DeliveryOptions } from './deliveries.js';

export interface OrchestratorOptions {
  db: Db;
  now: () => number;
  log: (message: string) => void;
  vaultKey: Buffer;
  /** The bundled sample connectors (`main.mjs`), built at start. */
  connectorEntry: Promise<string>;
  /** Time a connector run may take before it is killed. Default 5 min. */
  connectorTimeoutMs: number;
  /** Time the health check may take. Default 30 s. */
  healthCheckTimeoutMs: number;
  /** Connector runs at the same time; more wait as QUEUED. Default 4. */
  maxConcurrentRuns: number;
  /** Rows a run may append to its files. Default 100,000. */
  maxOutputRows: number;
  delivery: DeliveryOptions;
  /** How long each step of an import takes at least, so its progress can be watched. Default 600 ms. */
  importStepMs: number;
}

export interface RunRequest {
  orgId: string;
  trigger: ExecutionTrigger;
  /** IMPORT jobs: the sub-organization the run belongs to (the job's own, if it has one, wins). */
  subOrgId?: string | null;
  /** IMPORT jobs: the rows to import. */
  rows?: Array<{ rowNumber: number; data: RowData }>;
  fileName?: string;
  triggerId?: string;
  sourceExecutionId?: string;
  primaryExecutionId?: string;
  /** A fixed execution id (demo data), and fixed ids for the dependents it starts. */
  id?: string;
  dependentIds?: Record<string, string>;
}

const MAX_CONNECTOR_LOGS = 1000;
const TRIGGER_TEXT: Record<ExecutionTrigger, string> = {
  manual: 'manually',
  api: 'through the Run API',
  webhook: 'by a webhook trigger',
  schedule: 'by the schedule',
  dependency: 'after its primary job',
};

/**
 * Runs jobs (seed 003) and connectors (seed 004). A manual or API run is refused (400) when a block
 * window without manual executions is open, a dependent job is refused when run alone, and nothing
 * is recorded either way. A connector runs as a child process: the health check, then the run, each
 * bounded by a timeout and killed at it; exit code 0 is SUCCESS, anything else FAILED; stderr lines
 * are ERROR logs; its Container API calls become the execution's logs and rows. When an execution
 * ends, its webhooks are delivered and, if it succeeded, its dependent jobs start.
 */
export class Orchestrator {
  readonly deliveries: DeliveryService;
  readonly #runs = new Set<Promise<void>>();
  readonly #children = new Set<() => void>();
  /** Per running execution: what cancels it (aborts an import's steps, kills a connector's processes). */
  readonly #cancellers = new Map<string, AbortController>();
  readonly #runsById = new Map<string, Promise<void>>();
  readonly #childrenOf = new Map<string, Set<() => void>>();
  readonly #dependentIds = new Map<string, Record<string, string>>();
  #active = 0;
  readonly #waiting: Array<() => void> = [];
  #closed = false;
  #scheduler: NodeJS.Timeout | undefined;

  constructor(private readonly options: OrchestratorOptions) {
    this.deliveries = new DeliveryService(options.db, options.vaultKey, options.now, options.log, options.delivery);
  }

  get #db(): Db {
    return this.options.db;
  }

  /** At start: runs a stopped platform left behind failed; pending deliveries resume. */
  recover(): void {
    for (const id of unfinishedExecutions(this.#db)) {
      this.#log(id, 'ERROR', 'Interrupted: the platform stopped during this run');
      this.#finish(id, 'FAILED', null);
    }
    this.deliveries.resume();
  }

  /**
   * Starts a job; answers the new execution's id at once. The execution is QUEUED, then RUNNING,
   * and finishes in the background (imports step by step, connectors as child processes).
   */
  runJob(jobId: string, request: RunRequest): string {
    const db = this.#db;
    const job = jobRecord(db, request.orgId, jobId);
    if (!job) throw notFound(`Job ${jobId}`);
    if (this.#closed) throw new ApiError(409, ApiErrorCode.CONFLICT, 'The platform is stopping');
    if (job.primary_job_id && request.trigger !== 'dependency')
      throw new ApiError(
        400,
        ApiErrorCode.DEPENDENT_JOB,
        `Job ${job.id} depends on job ${job.primary_job_id}: it runs after each successful run of ${job.primary_job_id} and cannot run alone. Run ${job.primary_job_id} instead.`,
      );
    const now = this.options.now();
    if (request.trigger !== 'dependency') {
      const manual = request.trigger === 'manual' || request.trigger === 'api';
      const window = blockingWindow(db, request.orgId, job.id, now, manual);
      if (window)
        throw new ApiError(
          400,
          ApiErrorCode.BLOCKED_BY_WINDOW,
          `Block window "${window.description}" (${describeWindow(window)}) is active and ${manual ? 'does not allow manual executions' : 'blocks new executions'}; nothing was started.`,
        );
    }

    if (job.kind === 'IMPORT') {
      const id = createImport(db, {
        id: request.id,
        pipelineId: job.pipeline_id,
        orgId: request.orgId,
        subOrgId: job.sub_org_id ?? request.subOrgId ?? null,
        rows: request.rows ?? [],
        sourceExecutionId: request.sourceExecutionId,
        triggerId: request.triggerId,
        jobId: job.id,
        origin: request.trigger,
        primaryExecutionId: request.primaryExecutionId,
        now,
      });
      const file = request.fileName ?? (request.trigger === 'api' ? 'API request' : 'upload');
      const from = request.sourceExecutionId
        ? `Re-run of ${request.sourceExecutionId} with its whole input and every fixed row`
        : `Queued ${TRIGGER_TEXT[request.trigger]}`;
      this.#log(id, 'INFO', `${from}: ${(request.rows ?? []).length.toLocaleString('en-US')} row(s) from ${file}`);
      this.#track(id, this.#runImport(id, request.dependentIds));
      return id;
    }

    const connector = connectorById(job.connector_id ?? '');
    if (!connector) throw new ApiError(500, ApiErrorCode.INTERNAL, `Job ${job.id} has an unknown connector`);
    if (hasUnfinishedRun(db, job.id))
      throw new ApiError(409, ApiErrorCode.CONFLICT, `Job ${job.id} is already running`);

    const id = request.id ?? randomId('exec');
    createConnectorRun(db, {
      id,
      pipelineId: job.pipeline_id,
      orgId: request.orgId,
      subOrgId: job.sub_org_id,
      sourceExecutionId: request.sourceExecutionId ?? null,
      jobId: job.id,
      origin: request.trigger,
      primaryExecutionId: request.primaryExecutionId ?? null,
      inputExecutionId: request.primaryExecutionId ?? (job.input_job_id ? latestSuccess(db, job.input_job_id) : null),
      now,
    });
    const from = request.sourceExecutionId
      ? `Re-run of ${request.sourceExecutionId}`
      : request.primaryExecutionId
        ? `Started after ${request.primaryExecutionId} of job ${job.primary_job_id}`
        : `Started ${TRIGGER_TEXT[request.trigger]}`;
    this.#log(id, 'INFO', `${from}: connector ${connector.name} (${connector.kind})`);
    if (request.dependentIds) this.#dependentIds.set(id, request.dependentIds);

    this.#track(
      id,
      this.#runConnector(
        id,
        job.id,
        connector,
        JSON.parse(job.config) as Record<string, string | number | boolean>,
      ).catch((error: unknown) => {
        this.options.log(`connector run ${id} failed: ${(error as Error).stack ?? error}`);
        if (this.#db.open) {
          this.#log(id, 'ERROR', 'The platform could not run the connector');
          this.#finish(id, 'FAILED', null);
        }
      }),
    );
    return id;
  }

  /** Keeps a background run: `idle()` and `close()` wait for it, `cancel()` can stop it. */
  #track(id: string, work: Promise<void>): void {
    this.#cancellers.set(id, new AbortController());
    const run = work.finally(() => {
      this.#runs.delete(run);
      this.#runsById.delete(id);
      this.#cancellers.delete(id);
    });
    this.#runs.add(run);
    this.#runsById.set(id, run);
  }

  async #runImport(id: string, dependentIds?: Record<string, string>): Promise<void> {
    await Promise.resolve(); // #track registers the canceller first
    const signal = this.#cancellers.get(id)!.signal;
    await this.#slot();
    try {
      if (this.#closed) {
        this.#log(id, 'ERROR', 'Not started: the platform is stopping');
        this.#finish(id, 'FAILED', null);
        return;
      }
      await runImportSteps(id, { db: this.#db, now: this.options.now, stepMs: this.options.importStepMs, signal });
    } catch (error) {
      this.options.log(`import ${id} failed: ${(error as Error).stack ?? String(error)}`);
    } finally {
      this.#release();
    }
    this.afterExecution(id, dependentIds);
  }

  /**
   * Cancels a QUEUED or RUNNING execution: an import stops before its next step, a connector's
   * processes are killed. Answers the execution once it has ended as CANCELLED; 409 if it had ended.
   */
  async cancel(executionId: string, principal: Principal): Promise<Execution> {
    const execution = getExecution(this.#db, executionId, principal);
    if (execution.status !== 'RUNNING' && execution.status !== 'QUEUED')
      throw new ApiError(
        409,
        ApiErrorCode.CONFLICT,
        `Execution ${executionId} has already ended (${execution.status})`,
      );
    const reason = `Cancelled by ${principal.kind === 'USER' ? principal.identifier : `sub-organization ${principal.identifier}`}`;
    const canceller = this.#cancellers.get(executionId);
    const run = this.#runsById.get(executionId);
    if (canceller && run) {
      canceller.abort(new Error(reason));
      for (const kill of this.#childrenOf.get(executionId) ?? []) kill();
      await run;
    } else {
      // Nothing runs it any more (a run left behind): end it here.
      this.#log(executionId, 'ERROR', reason);
      finishExecution(this.#db, executionId, 'CANCELLED', this.options.now());
    }
    return getExecution(this.#db, executionId, principal);
  }

  /**
   * Checks for scheduled jobs every `intervalMs`: a due job runs with trigger "schedule" (an open block
   * window refuses it, manual executions allowed or not, and a running job is not started twice); the
   * next run is one interval later, missed runs are not made up.
   */
  startScheduler(intervalMs: number): void {
    this.#scheduler = setInterval(() => this.runDueJobs(), intervalMs);
    this.#scheduler.unref();
  }

  runDueJobs(): void {
    const db = this.#db;
    if (this.#closed || !db.open) return;
    const now = this.options.now();
    for (const job of takeDueJobs(db, now)) {
      try {
        this.runJob(job.id, { orgId: job.orgId, trigger: 'schedule' });
      } catch (error) {
        this.options.log(`scheduled run of job ${job.id} skipped: ${(error as Error).message}`);
      }
    }
  }

  /**
   * Re-runs an execution as a new, manual one. An import processes the source's whole input with
   * every fixed row applied; its invalid rows are those still invalid. A connector runs again.
   */
  rerun(executionId: string, principal: Principal): Execution {
    const source = getExecution(this.#db, executionId, principal);
    if (source.status === 'RUNNING' || source.status === 'QUEUED')
      throw new ApiError(409, ApiErrorCode.CONFLICT, `Execution ${executionId} is still running`);
    if (!source.job) throw new ApiError(409, ApiErrorCode.CONFLICT, `Execution ${executionId} has no job to run again`);
    const rows = source.job.kind === 'IMPORT' ? inputWithFixes(this.#db, source.id) : undefined;
    const id = this.runJob(source.job.id, {
      orgId: principal.orgId,
      trigger: 'manual',
      subOrgId: source.subOrganization,
      rows,
      sourceExecutionId: source.id,
      fileName: `the input of ${source.id}`,
    });
    return getExecution(this.#db, id, principal);
  }

  /** After an execution ended: deliver its webhooks; if it succeeded, start its dependent jobs. */
  afterExecution(executionId: string, dependentIds?: Record<string, string>): void {
    const db = this.#db;
    if (!db.open) return;
    const execution = getExecutionUnscoped(db, executionId);
    if (!execution?.job) return;
    const orgId = orgOfExecution(db, executionId);
    this.deliveries.enqueue(execution, orgId);

    const dependents = dependentJobs(db, execution.job.id);
    if (!dependents.length || this.#closed) return;
    if (execution.status !== 'SUCCESS') {
      this.#log(
        executionId,
        'INFO',
        `Dependent job(s) not started because this execution failed: ${dependents.map((d) => d.name).join(', ')}`,
      );
      return;
    }
    for (const dependent of dependents) {
      try {
        const id = this.runJob(dependent.id, {
          orgId,
          trigger: 'dependency',
          subOrgId: execution.subOrganization,
          primaryExecutionId: executionId,
          id: dependentIds?.[dependent.id],
          dependentIds,
        });
        this.#log(executionId, 'INFO', `Started dependent job ${dependent.name} as ${id}`);
      } catch (error) {
        this.#log(executionId, 'ERROR', `Dependent job ${dependent.name} could not start: ${(error as Error).message}`);
      }
    }
  }

  get busy(): boolean {
    return this.#runs.size > 0 || this.deliveries.busy;
  }

  /** Resolves when no connector runs and no delivery is pending (tests, demo data), or after `timeoutMs`. */
  async idle(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.busy && Date.now() < deadline) await sleep(10);
  }

  /** Kills running connectors (their executions fail), stops deliveries, waits for both. */
  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#scheduler);
    for (const wake of this.#waiting.splice(0)) wake();
    for (const canceller of this.#cancellers.values())
      canceller.abort(
        Object.assign(new Error('Interrupted: the platform stopped during this run'), { name: INTERRUPTED }),
      );
    for (const kill of this.#children) kill();
    await Promise.race([Promise.allSettled([...this.#runs]), sleep(5000)]);
    await this.deliveries.close();
  }

  async #runConnector(
    id: string,
    jobId: string,
    connector: ConnectorDefinition,
    config: Record<string, string | number | boolean>,
  ): Promise<void> {
    await this.#slot();
    try {
      if (this.#closed) {
        this.#log(id, 'ERROR', 'Not started: the platform is stopping');
        this.#finish(id, 'FAILED', null);
        return;
      }
      if (this.#cancelled(id)) {
        this.#finish(id, 'FAILED', null);
        return;
      }
      await this.#execute(id, jobId, connector, config);
    } finally {
      this.#release();
    }
    this.afterExecution(id, this.#dependentIds.get(id));
    this.#dependentIds.delete(id);
  }

  async #execute(
    id: string,
    jobId: string,
    connector: ConnectorDefinition,
    config: Record<string, string | number | boolean>,
  ): Promise<void> {
    const db = this.#db;
    const started = this.options.now();
    markRunning(db, id, started);
    this.#step(id, 1, 'RUNNING', started);

    let entry: string;
    try {
      entry = await this.options.connectorEntry;
    } catch (error) {
      this.#log(id, 'ERROR', `The connector could not be built: ${(error as Error).message}`);
      this.#step(id, 1, 'FAILED', undefined, this.options.now());
      this.#step(id, 2, 'SKIPPED');
      this.#finish(id, 'FAILED', null);
      return;
    }

    const { input: inputId, previousInput } = connectorInputs(db, id, jobId);
    let connectorLogs = 0;
    const api = await startContainerApi({
      log: (level, message) => {
        connectorLogs++;
        if (connectorLogs <= MAX_CONNECTOR_LOGS) this.#log(id, level, message, 'connector');
        else if (connectorLogs === MAX_CONNECTOR_LOGS + 1)
          this.#log(id, 'INFO', `Further connector logs not recorded (more than ${MAX_CONNECTOR_LOGS})`);
      },
      append: (file, rows) => this.#append(id, file, rows),
      read: (file, offset, limit) => {
        const source = file === 'input' ? inputId : previousInput;
        return source ? readOutput(db, source, 'output', offset, limit) : { rows: [], total: 0 };
      },
    });
    const cwd = mkdtempSync(join(tmpdir(), 'frameport-run-'));
    try {
      // A clean environment: the connector's options and the Container API, nothing of the platform's own.
      const env: NodeJS.ProcessEnv = {
        PATH: process.env.PATH ?? '',
        ...(process.env.SystemRoot ? { SystemRoot: process.env.SystemRoot } : {}),
        HOME: cwd,
        TMPDIR: cwd,
        ...connectorInvocation(connector, entry, config, false).env,
        CONTAINER_API_URL: api.url,
        CONTAINER_API_TOKEN: api.token,
        FRAMEPORT_EXECUTION_ID: id,
        FRAMEPORT_JOB_ID: jobId,
        FRAMEPORT_CONNECTOR_KIND: connector.kind,
        FRAMEPORT_WORKSPACE: cwd,
      };
      const spawn = (healthCheck: boolean, timeoutMs: number) => {
        const { command, args } = connectorInvocation(connector, entry, config, healthCheck);
        const child = runChild({
          command,
          args,
          env,
          cwd: connector.directory ?? cwd,
          timeoutMs,
          onStdout: (line) => this.#log(id, 'INFO', line, 'stdout'),
          onStderr: (line) => this.#log(id, 'ERROR', line, 'stderr'),
        });
        this.#children.add(child.kill);
        const own = this.#childrenOf.get(id) ?? new Set();
        this.#childrenOf.set(id, own.add(child.kill));
        if (this.#cancelled(id)) child.kill();
        return child.done.finally(() => {
          this.#children.delete(child.kill);
          own.delete(child.kill);
          if (!own.size) this.#childrenOf.delete(id);
        });
      };

      const check = await spawn(true, this.options.healthCheckTimeoutMs);
      const checked = this.options.now();
      if (this.#cancelled(id)) {
        this.#finish(id, 'FAILED', check.exitCode); // ends CANCELLED; the running step SKIPPED
        return;
      }
      if (check.exitCode !== 0) {
        this.#step(id, 1, 'FAILED', undefined, checked);
        this.#step(id, 2, 'SKIPPED');
        this.#log(
          id,
          'ERROR',
          `Health check failed: the connector ${describeExit(check, this.options.healthCheckTimeoutMs)}; the run did not start`,
        );
        this.#finish(id, 'FAILED', check.exitCode);
        return;
      }
      this.#step(id, 1, 'SUCCESS', undefined, checked);
      this.#step(id, 2, 'RUNNING', checked);
      this.#log(id, 'INFO', 'Health check passed');

      const timeoutMs = connector.timeoutMs ?? this.options.connectorTimeoutMs;
      const result = await spawn(false, timeoutMs);
      const ended = this.options.now();
      const rows = readOutput(db, id, 'output', 0, 0).total;
      if (this.#cancelled(id)) {
        this.#finish(id, 'FAILED', result.exitCode); // ends CANCELLED; the running step SKIPPED
        return;
      }
      if (result.exitCode === 0) {
        this.#step(id, 2, 'SUCCESS', undefined, ended);
        this.#log(
          id,
          'SUCCESS',
          `The connector exited with code 0: ${rows.toLocaleString('en-US')} row(s) in the output`,
        );
        this.#finish(id, 'SUCCESS', 0);
      } else {
        this.#step(id, 2, 'FAILED', undefined, ended);
        this.#log(id, 'ERROR', `The connector ${describeExit(result, timeoutMs)}: the execution failed`);
        this.#finish(id, 'FAILED', result.exitCode);
      }
    } finally {
      await api.close();
      rmSync(cwd, { recursive: true, force: true });
    }
  }

  #append(id: string, file: ContainerFile, rows: Product[]): number | string {
    return appendOutput(this.#db, id, file, rows, this.options.maxOutputRows);
  }

  #log(id: string, level: LogLevel, message: string, source: LogSource = 'platform'): void {
    if (this.#db.open) addLog(this.#db, id, this.options.now(), level, message, source);
  }

  #step(id: string, position: number, status: StepStatus, startedAt?: number, endedAt?: number): void {
    setStep(this.#db, id, position, status, startedAt, endedAt);
  }

  /** Whether `cancel()` asked this run to stop. */
  #cancelled(id: string): boolean {
    return this.#cancellers.get(id)?.signal.aborted ?? false;
  }

  /** Ends a run; a cancelled one ends CANCELLED whatever its processes answered. */
  #finish(id: string, status: 'SUCCESS' | 'FAILED', exitCode: number | null): void {
    if (!this.#db.open || executionStatus(this.#db, id) === 'CANCELLED') return;
    const reason = this.#cancellers.get(id)?.signal.reason as Error | undefined;
    if (this.#cancelled(id) && reason?.name !== INTERRUPTED) {
      this.#log(id, 'ERROR', reason?.message ?? 'Cancelled');
      finishExecution(this.#db, id, 'CANCELLED', this.options.now(), exitCode);
    } else finishExecution(this.#db, id, status, this.options.now(), exitCode);
  }

  async #slot(): Promise<void> {
    while (this.#active >= this.options.maxConcurrentRuns && !this.#closed)
      await new Promise<void>((wake) => this.#waiting.push(wake));
    this.#active++;
  }

  #release(): void {
    this.#active--;
    this.#waiting.shift()?.();
  }
}

function describeExit(result: ChildResult, timeoutMs: number): string {
  if (result.spawnError) return `could not be started (${result.spawnError})`;
  if (result.timedOut) return `did not finish within ${timeoutMs / 1000} s and was stopped (timeout)`;
  if (result.signal) return `was ended by ${result.signal}`;
  return `exited with code ${result.exitCode}`;
}

function describeWindow(w: BlockWindow): string {
  return `${w.weekdays.join(', ')} ${w.start}–${w.end} ${w.timezone}`;
}
