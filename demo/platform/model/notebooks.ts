import { randomBytes } from 'node:crypto';
import type { Db } from '../db.js';
import { ApiError, ApiErrorCode, badRequest, notFound } from '../errors.js';
import { hashSecret, randomId, verifySecret } from '../secrets.js';
import { compileQuery, QueryCell, queryProblems, SALES_BY_PRODUCT } from './notebook-query.js';

export type ParamValue = string | number;
export interface ParamDefinition {
  name: string;
  label: string;
  type: 'select' | 'number' | 'date';
  options: string[];
  default: ParamValue;
}
export interface PublishedPage {
  id: string;
  title: string;
  kind: 'chart' | 'table' | 'text';
  body: string;
}
/** What an embed may know about an integration: only published pages and externalized params. */
export interface Integration {
  id: string;
  orgId: string;
  title: string;
  notebook: { id: string; title: string };
  pages: PublishedPage[];
  params: ParamDefinition[];
}
export interface ResultRow {
  month: string;
  product: string;
  orders: number;
  revenue: number;
}
export interface RunResult {
  params: Record<string, ParamValue>;
  rows: ResultRow[];
  totals: { orders: number; revenue: number };
  ranAt: number;
}

export function getIntegration(db: Db, id: string): Integration | undefined {
  const row = db
    .prepare(
      `SELECT i.id, i.title, n.id AS notebook_id, n.title AS notebook_title, n.org_id
       FROM integrations i JOIN notebooks n ON n.id = i.notebook_id WHERE i.id = ?`,
    )
    .get(id) as { id: string; title: string; notebook_id: string; notebook_title: string; org_id: string } | undefined;
  if (!row) return undefined;
  const pages = db
    .prepare(
      `SELECT p.id, p.title, p.kind, p.body FROM notebook_pages p
       JOIN integration_pages ip ON ip.page_id = p.id AND ip.integration_id = ?
       WHERE p.notebook_id = ? ORDER BY p.position`,
    )
    .all(id, row.notebook_id) as PublishedPage[];
  const params = (
    db
      .prepare(
        'SELECT name, label, type, options, default_value FROM integration_params WHERE integration_id = ? ORDER BY position',
      )
      .all(id) as Array<{
      name: string;
      label: string;
      type: ParamDefinition['type'];
      options: string;
      default_value: string;
    }>
  ).map((p) => ({
    name: p.name,
    label: p.label,
    type: p.type,
    options: JSON.parse(p.options) as string[],
    default: JSON.parse(p.default_value) as ParamValue,
  }));
  return {
    id: row.id,
    orgId: row.org_id,
    title: row.title,
    notebook: { id: row.notebook_id, title: row.notebook_title },
    pages,
    params,
  };
}

/** Checks an API key and secret; answers the key's organisation, or undefined when either is wrong. */
export function verifyApiKey(db: Db, keyId: string, secret: string): { orgId: string } | undefined {
  const key = db.prepare('SELECT org_id, secret_salt, secret_hash FROM api_keys WHERE id = ?').get(keyId) as
    { org_id: string; secret_salt: string; secret_hash: string } | undefined;
  return key && verifySecret(secret, key.secret_salt, key.secret_hash) ? { orgId: key.org_id } : undefined;
}

/** Whether the integration lists the key under "Permitted API keys". */
export function isKeyPermitted(db: Db, integrationId: string, keyId: string): boolean {
  return !!db
    .prepare('SELECT 1 FROM integration_api_keys WHERE integration_id = ? AND api_key_id = ?')
    .get(integrationId, keyId);
}

/** Validates externalized parameter values, filling in defaults; unknown names and bad values are 400. */
export function resolveParams(integration: Integration, input: Record<string, unknown>): Record<string, ParamValue> {
  const known = new Set(integration.params.map((p) => p.name));
  const unknown = Object.keys(input).filter((name) => !known.has(name));
  if (unknown.length) throw badRequest(`Unknown parameter(s): ${unknown.join(', ')}`);
  const out: Record<string, ParamValue> = {};
  for (const def of integration.params) {
    const value = input[def.name] ?? def.default;
    if (def.type === 'number') {
      const n =
        typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
      if (!Number.isFinite(n) || n < 0) throw badRequest(`${def.name} must be a number >= 0`);
      out[def.name] = n;
    } else if (def.type === 'date') {
      if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value)))
        throw badRequest(`${def.name} must be a date YYYY-MM-DD`);
      out[def.name] = value;
    } else {
      if (typeof value !== 'string' || !def.options.includes(value))
        throw badRequest(`${def.name} must be one of ${def.options.join(', ')}`);
      out[def.name] = value;
    }
  }
  return out;
}

/** An integration's notebook query (the seeded notebook's, for notebooks made before queries were data). */
export function notebookQuery(db: Db, integrationId: string): QueryCell {
  const row = db
    .prepare('SELECT n.query FROM integrations i JOIN notebooks n ON n.id = i.notebook_id WHERE i.id = ?')
    .get(integrationId) as { query: string | null } | undefined;
  return row?.query ? QueryCell.parse(JSON.parse(row.query)) : SALES_BY_PRODUCT;
}

/**
 * "Run all": the notebook's query cell with its parameters (the externalized ones as given, the
 * others at the notebook's defaults), aggregated by month and the query's series.
 */
export function runNotebook(
  db: Db,
  query: QueryCell,
  params: Record<string, ParamValue>,
  now: number = Date.now(),
): RunResult {
  const values: Record<string, ParamValue> = Object.fromEntries(query.parameters.map((p) => [p.name, p.default]));
  Object.assign(values, params);
  const { sql, bindings } = compileQuery(query, values);
  const rows = db.prepare(sql).all(...bindings) as ResultRow[];
  const totals = rows.reduce((t, r) => ({ orders: t.orders + r.orders, revenue: t.revenue + r.revenue }), {
    orders: 0,
    revenue: 0,
  });
  return {
    params,
    rows,
    totals: { orders: totals.orders, revenue: Math.round(totals.revenue * 100) / 100 },
    ranAt: now,
  };
}

// ---- Management (license key): API keys, notebooks, integrations ----

export interface ApiKeyView {
  id: string;
  name: string;
  createdAt: number;
}

/** A new API key; the secret is answered this once and stored only as a salted scrypt hash. */
export function createApiKey(db: Db, orgId: string, name: string, now: number): ApiKeyView & { secret: string } {
  const id = randomId('key');
  const secret = randomBytes(32).toString('base64url');
  const { salt, hash } = hashSecret(secret);
  db.prepare(
    'INSERT INTO api_keys (id, org_id, name, secret_salt, secret_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(id, orgId, name, salt, hash, now);
  return { id, name, createdAt: now, secret };
}

export function listApiKeys(db: Db, orgId: string): ApiKeyView[] {
  return db
    .prepare('SELECT id, name, created_at AS createdAt FROM api_keys WHERE org_id = ? ORDER BY created_at, id')
    .all(orgId) as ApiKeyView[];
}

export interface NewNotebook {
  title: string;
  query: QueryCell;
  /** The notebook's pages: a chart or a table of the query's result, or text. */
  cells: Array<{ id: string; title: string; kind: PublishedPage['kind']; body?: string }>;
}

export function createNotebook(db: Db, orgId: string, input: NewNotebook, now: number, id = randomId('notebook')) {
  const problems = queryProblems(input.query);
  if (problems.length) throw badRequest(`Invalid query: ${problems.join('; ')}`);
  if (new Set(input.cells.map((c) => c.id)).size !== input.cells.length) throw badRequest('Cell ids must be unique');
  db.transaction(() => {
    db.prepare('INSERT INTO notebooks (id, org_id, title, query, created_at) VALUES (?, ?, ?, ?, ?)').run(
      id,
      orgId,
      input.title,
      JSON.stringify(input.query),
      now,
    );
    const page = db.prepare(
      'INSERT INTO notebook_pages (notebook_id, id, position, title, kind, body) VALUES (?, ?, ?, ?, ?, ?)',
    );
    input.cells.forEach((cell, i) => page.run(id, cell.id, i + 1, cell.title, cell.kind, cell.body ?? ''));
  })();
  return { id, title: input.title, query: input.query, cells: input.cells, createdAt: now };
}

function ownedNotebook(db: Db, orgId: string, notebookId: string): void {
  if (!db.prepare('SELECT 1 FROM notebooks WHERE id = ? AND org_id = ?').get(notebookId, orgId))
    throw notFound(`Notebook ${notebookId}`);
}

/** The integration's notebook id, if the organisation owns it; 404 otherwise. */
function ownedIntegration(db: Db, orgId: string, integrationId: string): string {
  const row = db
    .prepare('SELECT n.id FROM integrations i JOIN notebooks n ON n.id = i.notebook_id WHERE i.id = ? AND n.org_id = ?')
    .get(integrationId, orgId) as { id: string } | undefined;
  if (!row) throw notFound(`Integration ${integrationId}`);
  return row.id;
}

export function createIntegration(
  db: Db,
  orgId: string,
  input: { id?: string; notebookId: string; title: string },
  now: number,
): IntegrationSettings {
  ownedNotebook(db, orgId, input.notebookId);
  const id = input.id ?? randomId('integration');
  if (db.prepare('SELECT 1 FROM integrations WHERE id = ?').get(id))
    throw new ApiError(409, ApiErrorCode.CONFLICT, `Integration ${id} already exists`);
  db.prepare('INSERT INTO integrations (id, notebook_id, title, created_at) VALUES (?, ?, ?, ?)').run(
    id,
    input.notebookId,
    input.title,
    now,
  );
  return integrationSettings(db, orgId, id);
}

/** Publishes exactly these pages of the notebook (the others stay private). */
export function publishPages(db: Db, orgId: string, integrationId: string, pageIds: string[]): IntegrationSettings {
  const notebookId = ownedIntegration(db, orgId, integrationId);
  const known = new Set(
    (db.prepare('SELECT id FROM notebook_pages WHERE notebook_id = ?').all(notebookId) as Array<{ id: string }>).map(
      (p) => p.id,
    ),
  );
  const unknown = pageIds.filter((id) => !known.has(id));
  if (unknown.length) throw badRequest(`Unknown page(s) of notebook ${notebookId}: ${unknown.join(', ')}`);
  db.transaction(() => {
    db.prepare('DELETE FROM integration_pages WHERE integration_id = ?').run(integrationId);
    const insert = db.prepare('INSERT INTO integration_pages (integration_id, page_id) VALUES (?, ?)');
    for (const id of new Set(pageIds)) insert.run(integrationId, id);
  })();
  return integrationSettings(db, orgId, integrationId);
}

/** "Permitted API keys": exactly these keys of the organisation may issue tokens for the integration. */
export function permitApiKeys(db: Db, orgId: string, integrationId: string, keyIds: string[]): IntegrationSettings {
  ownedIntegration(db, orgId, integrationId);
  const own = new Set(listApiKeys(db, orgId).map((k) => k.id));
  const unknown = keyIds.filter((id) => !own.has(id));
  if (unknown.length) throw badRequest(`Unknown API key(s): ${unknown.join(', ')}`);
  db.transaction(() => {
    db.prepare('DELETE FROM integration_api_keys WHERE integration_id = ?').run(integrationId);
    const insert = db.prepare('INSERT INTO integration_api_keys (integration_id, api_key_id) VALUES (?, ?)');
    for (const id of new Set(keyIds)) insert.run(integrationId, id);
  })();
  return integrationSettings(db, orgId, integrationId);
}

/**
 * "Externalized params": exactly these notebook parameters may be set by the embed and the API
 * (type, options and default come from the notebook's query); the others keep their defaults.
 */
export function externalizeParams(
  db: Db,
  orgId: string,
  integrationId: string,
  params: Array<{ name: string; label: string }>,
): IntegrationSettings {
  ownedIntegration(db, orgId, integrationId);
  const query = notebookQuery(db, integrationId);
  const byName = new Map(query.parameters.map((p) => [p.name, p]));
  const unknown = params.filter((p) => !byName.has(p.name)).map((p) => p.name);
  if (unknown.length) throw badRequest(`The notebook has no parameter(s): ${unknown.join(', ')}`);
  if (new Set(params.map((p) => p.name)).size !== params.length) throw badRequest('Parameter names must be unique');
  db.transaction(() => {
    db.prepare('DELETE FROM integration_params WHERE integration_id = ?').run(integrationId);
    const insert = db.prepare(
      'INSERT INTO integration_params (integration_id, name, position, label, type, options, default_value) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    params.forEach((p, i) => {
      const def = byName.get(p.name)!;
      insert.run(
        integrationId,
        p.name,
        i + 1,
        p.label,
        def.type,
        JSON.stringify(def.options ?? []),
        JSON.stringify(def.default),
      );
    });
  })();
  return integrationSettings(db, orgId, integrationId);
}

/** What the "Integration settings" page shows: never a secret. */
export interface IntegrationSettings {
  id: string;
  title: string;
  notebook: { id: string; title: string };
  publishedPages: string[];
  permittedApiKeys: string[];
  externalizedParams: ParamDefinition[];
}

export function integrationSettings(db: Db, orgId: string, integrationId: string): IntegrationSettings {
  ownedIntegration(db, orgId, integrationId);
  const integration = getIntegration(db, integrationId)!;
  const keys = db
    .prepare('SELECT api_key_id AS id FROM integration_api_keys WHERE integration_id = ? ORDER BY api_key_id')
    .all(integrationId) as Array<{ id: string }>;
  return {
    id: integration.id,
    title: integration.title,
    notebook: integration.notebook,
    publishedPages: integration.pages.map((p) => p.id),
    permittedApiKeys: keys.map((k) => k.id),
    externalizedParams: integration.params,
  };
}

/** Every integration (id and title), for the index page. */
export function listIntegrations(db: Db): Array<{ id: string; title: string }> {
  return db.prepare('SELECT id, title FROM integrations ORDER BY id').all() as Array<{ id: string; title: string }>;
}
