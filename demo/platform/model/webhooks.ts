import type { Db } from '../db.js';
import { badRequest, notFound } from '../errors.js';
import { isTimeZone } from './clock.js';
import { jobRecord } from './jobs.js';
import { formatMetadata, metadataJson, type Metadata, type MetadataName } from './metadata.js';
import {
  mapJsonStrings,
  mapJsonValues,
  scanTemplate,
  substitute,
  substituteUrl,
  wholePlaceholder,
  type PlaceholderRef,
} from './placeholders.js';
import { ruleProblem, type Rule } from './rules.js';
import { secretNames, variableValues } from './vault.js';

export type WebhookMethod = 'GET' | 'POST' | 'PATCH' | 'PUT';

/** A webhook as registered (seed 003). Templates are kept as written; secrets are only resolved when sending. */
export interface Webhook {
  id: string;
  description: string;
  jobs: string[];
  method: WebhookMethod;
  url: string;
  header: Record<string, string>;
  body: unknown;
  rules: Rule[];
  /** Time zone of the time-of-day and weekday rules (default UTC). */
  timezone: string;
  createdAt: number;
  updatedAt: number;
}
export type WebhookInput = Omit<Webhook, 'id' | 'createdAt' | 'updatedAt'>;

interface WebhookRecord {
  id: string;
  org_id: string;
  description: string;
  method: WebhookMethod;
  url: string;
  header: string;
  body: string | null;
  rules: string;
  timezone: string;
  created_at: number;
  updated_at: number;
}

const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const RESERVED_HEADERS = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'upgrade', 'expect']);
const MAX_BODY = 64 * 1024;

/**
 * Checks a webhook before it is stored, so that it cannot fail later for a reason known now:
 * unknown jobs, unknown placeholders (namespaces, metadata, variables or secrets that do not exist),
 * rules on unknown variables or with operations their type does not have, a URL that is not http(s).
 */
export function validateWebhook(db: Db, orgId: string, input: WebhookInput): void {
  const problems: string[] = [];
  for (const job of input.jobs) if (!jobRecord(db, orgId, job)) problems.push(`jobs: unknown job ${job}`);

  const variables = variableValues(db, orgId);
  const secrets = secretNames(db, orgId);
  const check = (where: string, text: string) => {
    const { refs, problems: found } = scanTemplate(text);
    problems.push(...found.map((p) => `${where}: ${p}`));
    for (const ref of refs) {
      if (ref.kind === 'variables' && !variables.has(ref.name))
        problems.push(`${where}: unknown placeholder ${ref.text}: no variable ${ref.name} (create it first)`);
      if (ref.kind === 'secrets' && !secrets.has(ref.name))
        problems.push(`${where}: unknown placeholder ${ref.text}: no secret ${ref.name} (create it first)`);
    }
  };

  check('url', input.url);
  const parsed = sampleUrl(variables, input.url);
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:'))
    problems.push('url: must be an absolute http:// or https:// URL');
  else if (parsed.username || parsed.password) problems.push('url: put credentials in a header, not in the URL');

  for (const [name, value] of Object.entries(input.header)) {
    if (!HEADER_NAME.test(name)) problems.push(`header: "${name}" is not a valid header name`);
    else if (RESERVED_HEADERS.has(name.toLowerCase())) problems.push(`header: ${name} is set by the platform`);
    if (/[\r\n]/.test(value)) problems.push(`header.${name}: no line breaks`);
    check(`header.${name}`, value);
  }

  if (input.body !== undefined && input.body !== null) {
    if (input.method === 'GET') problems.push('body: a GET webhook has no body');
    if (JSON.stringify(input.body).length > MAX_BODY) problems.push('body: at most 64 KiB');
    mapJsonStrings(input.body, (text) => {
      check('body', text);
      return text;
    });
  }

  input.rules.forEach((rule, i) => {
    const problem = ruleProblem(rule, i);
    if (problem) problems.push(problem);
  });
  if (!isTimeZone(input.timezone)) problems.push(`timezone: unknown time zone ${input.timezone}`);

  if (problems.length) throw badRequest(`Invalid webhook: ${problems.join('; ')}`);
}

/**
 * The URL a template gives with the variables' current values and stand-ins for the rest: it must be
 * http(s) whatever the values, and its host is what the address policy checks at registration.
 */
export function sampleUrl(variables: Map<string, string>, url: string): URL | undefined {
  const sample = substituteUrl(url, (ref) =>
    ref.kind === 'variables' ? variables.get(ref.name) : ref.kind === 'secrets' ? 'secret' : 'value',
  );
  try {
    return new URL(sample);
  } catch {
    return undefined;
  }
}

export function createWebhook(db: Db, orgId: string, id: string, input: WebhookInput, now: number): Webhook {
  validateWebhook(db, orgId, input);
  db.transaction(() => {
    db.prepare(
      `INSERT INTO webhooks (id, org_id, description, method, url, header, body, rules, timezone, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(id, orgId, ...columns(input), now, now);
    linkJobs(db, id, input.jobs);
  })();
  return getWebhook(db, orgId, id);
}

/** Replaces fields of a webhook; the result is validated as a whole, like a new one. */
export function updateWebhook(db: Db, orgId: string, id: string, patch: Partial<WebhookInput>, now: number): Webhook {
  const current = getWebhook(db, orgId, id);
  const next: WebhookInput = {
    description: patch.description ?? current.description,
    jobs: patch.jobs ?? current.jobs,
    method: patch.method ?? current.method,
    url: patch.url ?? current.url,
    header: patch.header ?? current.header,
    body: 'body' in patch ? patch.body : current.body,
    rules: patch.rules ?? current.rules,
    timezone: patch.timezone ?? current.timezone,
  };
  validateWebhook(db, orgId, next);
  db.transaction(() => {
    db.prepare(
      `UPDATE webhooks SET description = ?, method = ?, url = ?, header = ?, body = ?, rules = ?, timezone = ?, updated_at = ?
       WHERE id = ? AND org_id = ?`,
    ).run(...columns(next), now, id, orgId);
    db.prepare('DELETE FROM webhook_jobs WHERE webhook_id = ?').run(id);
    linkJobs(db, id, next.jobs);
  })();
  return getWebhook(db, orgId, id);
}

export function deleteWebhook(db: Db, orgId: string, id: string): void {
  if (db.prepare('DELETE FROM webhooks WHERE id = ? AND org_id = ?').run(id, orgId).changes === 0)
    throw notFound(`Webhook ${id}`);
}

export function getWebhook(db: Db, orgId: string, id: string): Webhook {
  const record = db.prepare('SELECT * FROM webhooks WHERE id = ? AND org_id = ?').get(id, orgId) as
    WebhookRecord | undefined;
  if (!record) throw notFound(`Webhook ${id}`);
  return toWebhook(db, record);
}

export function listWebhooks(db: Db, orgId: string): Webhook[] {
  return (
    db.prepare('SELECT * FROM webhooks WHERE org_id = ? ORDER BY created_at, id').all(orgId) as WebhookRecord[]
  ).map((r) => toWebhook(db, r));
}

/** The webhooks that fire when an execution of this job ends. */
export function webhooksForJob(db: Db, orgId: string, jobId: string): Webhook[] {
  return (
    db
      .prepare(
        `SELECT w.* FROM webhooks w JOIN webhook_jobs wj ON wj.webhook_id = w.id
         WHERE w.org_id = ? AND wj.job_id = ? ORDER BY w.created_at, w.id`,
      )
      .all(orgId, jobId) as WebhookRecord[]
  ).map((r) => toWebhook(db, r));
}

const columns = (w: WebhookInput) =>
  [
    w.description,
    w.method,
    w.url,
    JSON.stringify(w.header),
    w.body === undefined || w.body === null ? null : JSON.stringify(w.body),
    JSON.stringify(w.rules),
    w.timezone,
  ] as const;

function linkJobs(db: Db, webhookId: string, jobs: string[]): void {
  const link = db.prepare('INSERT OR IGNORE INTO webhook_jobs (webhook_id, job_id) VALUES (?, ?)');
  for (const job of jobs) link.run(webhookId, job);
}

function toWebhook(db: Db, r: WebhookRecord): Webhook {
  return {
    id: r.id,
    description: r.description,
    jobs: (
      db.prepare('SELECT job_id FROM webhook_jobs WHERE webhook_id = ? ORDER BY job_id').all(r.id) as Array<{
        job_id: string;
      }>
    ).map((j) => j.job_id),
    method: r.method,
    url: r.url,
    header: JSON.parse(r.header) as Record<string, string>,
    body: r.body === null ? null : (JSON.parse(r.body) as unknown),
    rules: JSON.parse(r.rules) as Rule[],
    timezone: r.timezone,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** A request ready to send (or to show, with secrets left as their placeholders). */
export interface PreparedRequest {
  url: string;
  header: Record<string, string>;
  body: string | null;
}

/** What a delivery keeps to send its attempts: the templates and the values of the moment, never a secret. */
export interface DeliverySnapshot {
  method: WebhookMethod;
  url: string;
  header: Record<string, string>;
  body: unknown;
  variables: Record<string, string>;
  metadata: Metadata;
}

/**
 * One pass over every template: a substituted value is never scanned again (a value cannot pull in a
 * secret). Values put into the URL are percent-encoded; a body string that is just one placeholder
 * takes the value's JSON type (`"${{erathos.rows}}"` becomes the number 2), any other stays text.
 */
export function prepareRequest(
  snapshot: DeliverySnapshot,
  secret: (name: string) => string | undefined,
): PreparedRequest {
  const resolve = (ref: PlaceholderRef) =>
    ref.kind === 'variables'
      ? snapshot.variables[ref.name]
      : ref.kind === 'secrets'
        ? secret(ref.name)
        : formatMetadata(ref.name as MetadataName, snapshot.metadata[ref.name as MetadataName] ?? null);
  const fill = (text: string) => substitute(text, resolve);
  const fillValue = (text: string): unknown => {
    const whole = wholePlaceholder(text);
    if (whole?.kind !== 'metadata') return fill(text);
    const name = whole.name as MetadataName;
    return metadataJson(name, snapshot.metadata[name] ?? null);
  };
  const header = Object.fromEntries(Object.entries(snapshot.header).map(([k, v]) => [k, fill(v)]));
  let body: string | null = null;
  if (typeof snapshot.body === 'string') body = fill(snapshot.body);
  else if (snapshot.body !== null && snapshot.body !== undefined) {
    body = JSON.stringify(mapJsonValues(snapshot.body, fill, fillValue));
    if (!Object.keys(header).some((k) => k.toLowerCase() === 'content-type'))
      header['content-type'] = 'application/json';
  }
  return { url: substituteUrl(snapshot.url, resolve), header, body };
}

export type DeliveryStatus = 'PENDING' | 'RETRYING' | 'DELIVERED' | 'FAILED' | 'SKIPPED';

/** A delivery as the execution object and the page show it: no secret, no header, no body. */
export interface DeliveryView {
  id: string;
  webhookId: string | null;
  description: string;
  method: string;
  /** Scheme, host and path of the target (the query is left out). */
  target: string;
  status: DeliveryStatus;
  /** Why it was skipped or failed. */
  reason: string | null;
  attempts: DeliveryAttempt[];
  createdAt: number;
  nextAttemptAt: number | null;
  completedAt: number | null;
}
export interface DeliveryAttempt {
  attempt: number;
  startedAt: number;
  endedAt: number;
  statusCode: number | null;
  error: string | null;
}

interface DeliveryRecord {
  id: string;
  webhook_id: string | null;
  execution_id: string;
  description: string;
  method: string;
  url: string;
  status: DeliveryStatus;
  reason: string | null;
  attempts: number;
  next_attempt_at: number | null;
  created_at: number;
  completed_at: number | null;
}

function toDelivery(db: Db, r: DeliveryRecord): DeliveryView & { url: string; executionId: string } {
  let target = r.url;
  try {
    const url = new URL(r.url);
    target = `${url.origin}${url.pathname}`;
  } catch {
    /* keep as stored */
  }
  return {
    id: r.id,
    webhookId: r.webhook_id,
    executionId: r.execution_id,
    description: r.description,
    method: r.method,
    target,
    url: r.url,
    status: r.status,
    reason: r.reason,
    attempts: db
      .prepare(
        `SELECT attempt, started_at AS startedAt, ended_at AS endedAt, status_code AS statusCode, error
         FROM webhook_delivery_attempts WHERE delivery_id = ? ORDER BY attempt`,
      )
      .all(r.id) as DeliveryAttempt[],
    createdAt: r.created_at,
    nextAttemptAt: r.next_attempt_at,
    completedAt: r.completed_at,
  };
}

/** The deliveries an execution's end caused, oldest first. */
export function listDeliveries(db: Db, executionId: string): DeliveryView[] {
  return (
    db
      .prepare('SELECT * FROM webhook_deliveries WHERE execution_id = ? ORDER BY created_at, id')
      .all(executionId) as DeliveryRecord[]
  ).map((r) => {
    const { url: _url, executionId: _id, ...view } = toDelivery(db, r);
    return view;
  });
}

/** A webhook's deliveries, newest first, for the organisation (with the full, secret-free URL). */
export function listWebhookDeliveries(db: Db, webhookId: string, limit = 100) {
  return (
    db
      .prepare('SELECT * FROM webhook_deliveries WHERE webhook_id = ? ORDER BY created_at DESC, id LIMIT ?')
      .all(webhookId, limit) as DeliveryRecord[]
  ).map((r) => toDelivery(db, r));
}
