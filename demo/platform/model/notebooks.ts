import type { Db } from '../db.js';
import { badRequest } from '../errors.js';
import { verifySecret } from '../secrets.js';

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

/** "Run all": the sales orders matching the parameters, aggregated by month and product. */
export function runNotebook(db: Db, params: Record<string, ParamValue>): RunResult {
  const region = String(params.region ?? 'ALL');
  const rows = db
    .prepare(
      `SELECT substr(date, 1, 7) AS month, product, COUNT(*) AS orders, ROUND(SUM(amount), 2) AS revenue
       FROM sales
       WHERE (? = 'ALL' OR region = ?) AND amount >= ? AND date >= ? AND date <= ?
       GROUP BY month, product ORDER BY month, product`,
    )
    .all(
      region,
      region,
      Number(params.minAmount ?? 0),
      String(params.from ?? '0000-00-00'),
      String(params.to ?? '9999-99-99'),
    ) as ResultRow[];
  const totals = rows.reduce((t, r) => ({ orders: t.orders + r.orders, revenue: t.revenue + r.revenue }), {
    orders: 0,
    revenue: 0,
  });
  return {
    params,
    rows,
    totals: { orders: totals.orders, revenue: Math.round(totals.revenue * 100) / 100 },
    ranAt: Date.now(),
  };
}
