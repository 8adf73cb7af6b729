import { setTimeout as sleep } from 'node:timers/promises';
import type { Db } from '../db.js';
import {
  deliveryRow,
  finishDelivery,
  insertDelivery,
  markRetrying,
  pendingDeliveries,
  recordAttempt,
} from '../model/delivery-log.js';
import type { Execution } from '../model/executions.js';
import { executionMetadata } from '../model/metadata.js';
import { mapJsonStrings, scanTemplate } from '../model/placeholders.js';
import { describeRule, ruleHolds } from '../model/rules.js';
import { revealSecret, variableValues } from '../model/vault.js';
import {
  prepareRequest,
  webhooksForJob,
  type DeliverySnapshot,
  type DeliveryStatus,
  type Webhook,
} from '../model/webhooks.js';
import { randomId } from '../secrets.js';
import { applyConnectorSettings } from './channels.js';
import { TargetRefusedError, send } from './outbound.js';

export interface DeliveryOptions {
  /** Attempts per delivery, the first included. Default 5. */
  maxAttempts: number;
  /** Delay before the second attempt; it doubles for each further one. Default 2000 ms. */
  baseDelayMs: number;
  /** Longest delay between attempts. Default 60 s. */
  maxDelayMs: number;
  /** Time one attempt may take. Default 10 s. */
  timeoutMs: number;
  /** Allow targets on loopback, link-local and private addresses (local receivers, tests). Default false. */
  allowPrivateTargets: boolean;
}
export const DEFAULT_DELIVERY_OPTIONS: DeliveryOptions = {
  maxAttempts: 5,
  baseDelayMs: 2000,
  maxDelayMs: 60_000,
  timeoutMs: 10_000,
  allowPrivateTargets: false,
};

/**
 * Sends webhooks after executions end (seed 003), in the background: every webhook of the job whose
 * rules all hold gets a delivery, attempted until it is answered 2xx, with exponential backoff on
 * network errors, timeouts, 408, 429 and 5xx, at most `maxAttempts` times. Each attempt is recorded
 * (time, status code, error); secrets are resolved only for the request itself and redacted from
 * every error text, so no record, log or answer holds one. Pending deliveries survive a restart.
 */
export class DeliveryService {
  readonly #timers = new Map<string, NodeJS.Timeout>();
  readonly #inFlight = new Map<string, { done: Promise<void>; abort: AbortController }>();
  #closed = false;

  constructor(
    private readonly db: Db,
    private readonly vaultKey: Buffer,
    private readonly now: () => number,
    private readonly log: (message: string) => void,
    private readonly options: DeliveryOptions,
  ) {}

  /** Whether webhooks may target loopback and private addresses (the operator's choice). */
  get allowPrivateTargets(): boolean {
    return this.options.allowPrivateTargets;
  }

  /** Records a delivery (or a skip, with the rules that did not hold) for each webhook of the execution's job. */
  enqueue(execution: Execution, orgId: string): void {
    // Recorded even while stopping (a run killed by close() ends then): they are sent after the next start.
    if (!execution.job || !this.db.open) return;
    // A connector's data service and export settings apply before anything reads the run's output.
    applyConnectorSettings(this.db, execution, this.now());
    const webhooks = webhooksForJob(this.db, orgId, execution.job.id);
    if (!webhooks.length) return;
    const metadata = executionMetadata(execution);
    const variables = variableValues(this.db, orgId);
    for (const webhook of webhooks) {
      const now = this.now();
      const snapshot: DeliverySnapshot = {
        method: webhook.method,
        url: webhook.url,
        header: webhook.header,
        body: webhook.body,
        variables: Object.fromEntries(
          referenced(webhook, 'variables').map((name) => [name, variables.get(name) ?? '']),
        ),
        metadata,
      };
      // Shown in the delivery log: secrets stay as their placeholders.
      const shownUrl = prepareRequest(snapshot, () => undefined).url;
      const unmet = webhook.rules.filter((rule) => !ruleHolds(rule, metadata, webhook.timezone));
      const id = randomId('dlv');
      if (unmet.length) {
        insertDelivery(this.db, {
          id,
          webhookId: webhook.id,
          executionId: execution.id,
          description: webhook.description,
          method: webhook.method,
          url: shownUrl,
          request: null,
          status: 'SKIPPED',
          reason: unmet.map(describeRule).join('; '), // the rules that did not hold
          nextAttemptAt: null,
          createdAt: now,
          completedAt: now,
        });
        continue;
      }
      insertDelivery(this.db, {
        id,
        webhookId: webhook.id,
        executionId: execution.id,
        description: webhook.description,
        method: webhook.method,
        url: shownUrl,
        request: JSON.stringify(snapshot),
        status: 'PENDING',
        reason: null,
        nextAttemptAt: now,
        createdAt: now,
        completedAt: null,
      });
      this.#schedule(id, 0);
    }
  }

  /** Schedules the deliveries a previous run of the platform left pending. */
  resume(): void {
    for (const d of pendingDeliveries(this.db))
      this.#schedule(d.id, Math.max(0, (d.next_attempt_at ?? 0) - this.now()));
  }

  get busy(): boolean {
    return this.#timers.size > 0 || this.#inFlight.size > 0;
  }

  /** Resolves when nothing is scheduled or in flight (tests), or after `timeoutMs`. */
  async idle(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.busy && Date.now() < deadline) await sleep(10);
  }

  /** Stops sending: timers cleared, requests in flight aborted; unfinished deliveries resume at the next start. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
    for (const { abort } of this.#inFlight.values()) abort.abort();
    await Promise.allSettled([...this.#inFlight.values()].map((f) => f.done));
  }

  #schedule(id: string, delayMs: number): void {
    if (this.#closed || this.#timers.has(id) || this.#inFlight.has(id)) return;
    const timer = setTimeout(() => {
      this.#timers.delete(id);
      if (this.#closed) return;
      const abort = new AbortController();
      const done = this.#attempt(id, abort.signal)
        .catch((error: unknown) => {
          this.log(`webhook delivery ${id} failed: ${(error as Error).message}`);
          return undefined;
        })
        .then((retryInMs) => {
          this.#inFlight.delete(id);
          if (retryInMs !== undefined) this.#schedule(id, retryInMs);
        });
      this.#inFlight.set(id, { done, abort });
    }, delayMs);
    this.#timers.set(id, timer);
  }

  /** One attempt; answers the delay before the next one, if there is to be one. */
  async #attempt(id: string, signal: AbortSignal): Promise<number | undefined> {
    const row = deliveryRow(this.db, id);
    if (!row || !row.request || (row.status !== 'PENDING' && row.status !== 'RETRYING')) return undefined;
    const snapshot = JSON.parse(row.request) as DeliverySnapshot;

    // Resolve the secrets this request needs, and only for it.
    const secrets = new Map<string, string>();
    for (const name of referencedIn(snapshot, 'secrets')) {
      const value = revealSecret(this.db, this.vaultKey, row.org_id, name);
      if (value === undefined) {
        this.#finish(id, 'FAILED', `Secret ${name} no longer exists or cannot be read; not sent`);
        return undefined;
      }
      secrets.set(name, value);
    }
    const redact = (text: string) => {
      let out = text;
      for (const value of secrets.values()) if (value) out = out.split(value).join('***');
      return out;
    };
    const request = prepareRequest(snapshot, (name) => secrets.get(name));

    const attempt = row.attempts + 1;
    const startedAt = this.now();
    let statusCode: number | null = null;
    let error: string | null = null;
    let permanent = false;
    try {
      statusCode = await send({
        method: row.method,
        url: request.url,
        headers: request.header,
        body: request.body,
        timeoutMs: this.options.timeoutMs,
        signal,
        allowPrivate: this.options.allowPrivateTargets,
      });
    } catch (caught) {
      if (signal.aborted) return undefined; // the platform is stopping: the delivery resumes at the next start
      error = redact(describeSendError(caught));
      // A request that cannot be built (a secret that is not a valid header value) or a refused target: not retried.
      permanent = caught instanceof TargetRefusedError || caught instanceof TypeError;
    }
    if (!this.db.open) return undefined;
    const endedAt = this.now();
    recordAttempt(this.db, id, attempt, startedAt, endedAt, statusCode, error);

    if (statusCode !== null && statusCode >= 200 && statusCode < 300) {
      this.#finish(id, 'DELIVERED', null);
      return undefined;
    }
    const retryable =
      (statusCode === null && !permanent) ||
      (statusCode !== null && (statusCode >= 500 || statusCode === 408 || statusCode === 429));
    const outcome = statusCode === null ? error! : `HTTP ${statusCode}`;
    if (!retryable || attempt >= this.options.maxAttempts) {
      const why = retryable ? `gave up after ${attempt} attempt(s), last: ${outcome}` : `${outcome} (not retried)`;
      this.#finish(id, 'FAILED', why);
      return undefined;
    }
    const delay = Math.min(this.options.maxDelayMs, this.options.baseDelayMs * 2 ** (attempt - 1));
    const jittered = Math.round(delay * (1 + Math.random() * 0.1));
    markRetrying(this.db, id, `Attempt ${attempt}: ${outcome}; retrying`, endedAt + jittered);
    return jittered;
  }

  #finish(id: string, status: DeliveryStatus, reason: string | null): void {
    if (!this.db.open) return;
    finishDelivery(this.db, id, status, reason, this.now());
    this.log(`webhook delivery ${id}: ${status}`);
  }
}

/** The variable or secret names a webhook's templates refer to. */
function referenced(webhook: Pick<Webhook, 'url' | 'header' | 'body'>, kind: 'variables' | 'secrets'): string[] {
  const names = new Set<string>();
  const scan = (text: string) => {
    for (const ref of scanTemplate(text).refs) if (ref.kind === kind) names.add(ref.name);
    return text;
  };
  scan(webhook.url);
  Object.values(webhook.header).forEach(scan);
  if (webhook.body !== null && webhook.body !== undefined) mapJsonStrings(webhook.body, scan);
  return [...names];
}
const referencedIn = (snapshot: DeliverySnapshot, kind: 'variables' | 'secrets') => referenced(snapshot, kind);

function describeSendError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as NodeJS.ErrnoException).code;
  // Node's own messages name what failed (ECONNREFUSED 127.0.0.1:9, an invalid header's name), never a header's value.
  return code && !error.message.includes(code) ? `${error.message} (${code})` : error.message;
}
