import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { sha256Hex } from '../../demo/platform/secrets.js';
import { admin, expectJson } from './helpers/orchestration.js';
import { errorOf, startTestPlatform, type TestPlatform } from './helpers/platform.js';

/** The notebook integration management API (seed 002), with the license key. */
let platform: TestPlatform;
before(async () => {
  platform = await startTestPlatform();
});
after(() => platform.dispose());

type RunResult = {
  rows: Array<{ month: string; product: string; orders: number; revenue: number }>;
  totals: { orders: number; revenue: number };
};

const manage = <T>(path: string, method: string, json: unknown, status: number) =>
  expectJson<T>(admin(platform, `/api/v1${path}`, { method, json }), status);

async function tokenFor(integration: string, apiKey: string, apiSecret: string): Promise<Response> {
  return platform.request(`/api/v1/integrations/${integration}/token`, {
    method: 'POST',
    json: { api_key: apiKey, api_secret: apiSecret },
  });
}

async function run(integration: string, token: string, params: Record<string, unknown> = {}): Promise<Response> {
  return platform.request(`/api/v1/integrations/${integration}/run`, { method: 'POST', token, json: { params } });
}

test('two integrations set up through the API compute different results from the same sales', async () => {
  const key = await manage<{ id: string; secret: string; name: string }>(
    '/api-keys',
    'POST',
    { name: 'Shop backend' },
    201,
  );
  assert.match(key.secret, /^[A-Za-z0-9_-]{40,}$/);

  // Notebook A: revenue by month and product, the region externalized.
  await manage(
    '/notebooks',
    'POST',
    {
      id: 'by-product',
      title: 'By product',
      query: {
        series: 'product',
        parameters: [{ name: 'region', type: 'select', options: ['ALL', 'EMEA', 'AMER', 'APAC'], default: 'ALL' }],
        filters: [{ column: 'region', op: 'eq', param: 'region', anyValue: 'ALL' }],
      },
      cells: [
        { id: 'chart', title: 'Revenue', kind: 'chart' },
        { id: 'notes', title: 'Internal', kind: 'text', body: 'private' },
      ],
    },
    201,
  );
  // Notebook B: one product's revenue by month and region, from a minimum amount (not externalized).
  await manage(
    '/notebooks',
    'POST',
    {
      id: 'team-plan-by-region',
      title: 'Team plan by region',
      query: {
        series: 'region',
        parameters: [
          { name: 'product', type: 'select', options: ['Team plan', 'Starter plan'], default: 'Team plan' },
          { name: 'minAmount', type: 'number', default: 500 },
        ],
        filters: [
          { column: 'product', op: 'eq', param: 'product' },
          { column: 'amount', op: 'gte', param: 'minAmount' },
        ],
      },
      cells: [{ id: 'table', title: 'Breakdown', kind: 'table' }],
    },
    201,
  );

  for (const [id, notebookId, pages, params] of [
    ['shop-products', 'by-product', ['chart'], [{ name: 'region', label: 'Region' }]],
    ['shop-regions', 'team-plan-by-region', ['table'], [{ name: 'product', label: 'Plan' }]],
  ] as const) {
    await manage('/integrations', 'POST', { id, notebookId, title: id }, 201);
    await manage(`/integrations/${id}/pages`, 'PUT', { pages }, 200);
    await manage(`/integrations/${id}/api-keys`, 'PUT', { apiKeys: [key.id] }, 200);
    const settings = await manage<Record<string, unknown>>(`/integrations/${id}/params`, 'PUT', { params }, 200);
    assert.deepEqual(settings.publishedPages, pages);
    assert.deepEqual(settings.permittedApiKeys, [key.id]);
  }

  const tokenA = ((await (await tokenFor('shop-products', key.id, key.secret)).json()) as { token: string }).token;
  const tokenB = ((await (await tokenFor('shop-regions', key.id, key.secret)).json()) as { token: string }).token;
  const a = await expectJson<RunResult>(run('shop-products', tokenA), 200);
  const b = await expectJson<RunResult>(run('shop-regions', tokenB), 200);
  assert.ok(a.rows.length > 0 && b.rows.length > 0);
  assert.deepEqual(
    new Set(a.rows.map((r) => r.product)),
    new Set(['Starter plan', 'Team plan', 'Enterprise plan', 'Support add-on']),
  );
  assert.deepEqual(new Set(b.rows.map((r) => r.product)), new Set(['EMEA', 'AMER', 'APAC']));
  assert.ok(b.totals.revenue < a.totals.revenue && b.totals.orders < a.totals.orders);

  // The embed sees only what is published and externalized.
  const embedA = await expectJson<{ pages: Array<{ id: string }>; params: Array<{ name: string }> }>(
    platform.request('/api/v1/integrations/shop-products', { token: tokenA }),
    200,
  );
  assert.deepEqual(
    embedA.pages.map((p) => p.id),
    ['chart'],
  );
  assert.deepEqual(
    embedA.params.map((p) => p.name),
    ['region'],
  );
  // An externalized parameter changes the result; a parameter that is not externalized is refused.
  const emea = await expectJson<RunResult>(run('shop-products', tokenA, { region: 'EMEA' }), 200);
  assert.ok(emea.totals.orders < a.totals.orders);
  assert.equal((await run('shop-regions', tokenB, { minAmount: 0 })).status, 400);
  // A token is for its own integration only.
  assert.equal((await run('shop-regions', tokenA)).status, 403);
});

test('a secret is shown once: never listed, never in settings, not in the database file', async () => {
  const key = await manage<{ id: string; secret: string }>('/api-keys', 'POST', { name: 'Once' }, 201);
  const listed = await expectJson<{ data: Array<Record<string, unknown>> }>(admin(platform, '/api/v1/api-keys'), 200);
  const entry = listed.data.find((k) => k.id === key.id);
  assert.deepEqual(Object.keys(entry ?? {}).sort(), ['createdAt', 'id', 'name']);
  assert.ok(!JSON.stringify(listed).includes(key.secret));
  const settings = await expectJson<unknown>(admin(platform, '/api/v1/integrations/sales-overview/settings'), 200);
  assert.ok(!JSON.stringify(settings).includes(key.secret));
  // Stored as a salted hash: neither the secret nor its plain sha256 is in the file or its WAL.
  platform.db.pragma('wal_checkpoint(PASSIVE)');
  for (const file of [platform.dbPath, `${platform.dbPath}-wal`].filter((f) => existsSync(f))) {
    const bytes = readFileSync(file);
    assert.equal(bytes.includes(key.secret), false, file);
    assert.equal(bytes.includes(sha256Hex(key.secret)), false, file);
  }
  // Only the right secret issues tokens, and only for integrations that permit the key.
  assert.equal((await tokenFor('sales-overview', key.id, `${key.secret}x`)).status, 401);
  assert.equal((await tokenFor('sales-overview', key.id, key.secret)).status, 403);
});

test('the management API needs the license key and refuses bad definitions', async () => {
  const anonymous = await platform.request('/api/v1/api-keys', { method: 'POST', json: { name: 'x' } });
  assert.equal(anonymous.status, 401);
  assert.equal((await errorOf(anonymous)).code, 'INVALID_LICENSE_KEY');
  const badQuery = await admin(platform, '/api/v1/notebooks', {
    method: 'POST',
    json: {
      title: 'Bad',
      query: { series: 'product', parameters: [], filters: [{ column: 'region', op: 'eq', param: 'nope' }] },
      cells: [{ id: 'c1', title: 'C', kind: 'table' }],
    },
  });
  assert.equal(badQuery.status, 400);
  const injected = await admin(platform, '/api/v1/notebooks', {
    method: 'POST',
    json: {
      title: 'SQL',
      query: { series: 'product; DROP TABLE sales', parameters: [], filters: [] },
      cells: [{ id: 'c1', title: 'C', kind: 'table' }],
    },
  });
  assert.equal(injected.status, 400);
  assert.equal(
    (await admin(platform, '/api/v1/integrations/sales-overview/pages', { method: 'PUT', json: { pages: ['nope'] } }))
      .status,
    400,
  );
  assert.equal(
    (
      await admin(platform, '/api/v1/integrations/sales-overview/api-keys', {
        method: 'PUT',
        json: { apiKeys: ['nope'] },
      })
    ).status,
    400,
  );
  assert.equal(
    (
      await admin(platform, '/api/v1/integrations/sales-overview/params', {
        method: 'PUT',
        json: { params: [{ name: 'nope', label: 'x' }] },
      })
    ).status,
    400,
  );
  assert.equal((await admin(platform, '/api/v1/integrations/no-such/settings')).status, 404);
});

test('the seeded integration is data like any other: its settings answer what the embed shows', async () => {
  const settings = await expectJson<Record<string, unknown>>(
    admin(platform, '/api/v1/integrations/sales-overview/settings'),
    200,
  );
  assert.deepEqual(settings.publishedPages, ['revenue-chart', 'breakdown']);
  assert.deepEqual(settings.permittedApiKeys, ['demo-api-key']);
  assert.deepEqual(
    (settings.externalizedParams as Array<{ name: string }>).map((p) => p.name),
    ['region', 'minAmount', 'from', 'to'],
  );
});

test('a user e-mail is unique per organisation, not across organisations', async () => {
  platform.db
    .prepare('INSERT INTO organizations (id, name, license_key_hash) VALUES (?, ?, ?)')
    .run('org-other', 'Other Org', sha256Hex('other-license-key'));
  const create = (licenseKey: string, email: string) =>
    platform.request('/dp/api/v1/users', { method: 'POST', headers: { 'x-license-key': licenseKey }, json: { email } });
  assert.equal((await create('demo-license-key', 'shared@example.com')).status, 201);
  assert.equal((await create('other-license-key', 'shared@example.com')).status, 201);
  assert.equal((await create('other-license-key', 'ada@example.com')).status, 201);
  const twice = await create('demo-license-key', 'SHARED@example.com');
  assert.equal(twice.status, 409);
  assert.equal((await errorOf(twice)).code, 'CONFLICT');
  // Each organisation's token names its own user.
  const token = await platform.request('/dp/api/v1/access/token', {
    method: 'POST',
    json: { license_key: 'other-license-key', auth: { identifier: 'ada@example.com', type: 'USER' } },
  });
  assert.equal(token.status, 200);
});
