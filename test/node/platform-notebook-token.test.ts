import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { RunResult } from '../../demo/platform/model/notebooks.js';
import { claimsOf, errorOf, startTestPlatform, type TestPlatform } from './helpers/platform.js';

let platform: TestPlatform;
before(async () => {
  platform = await startTestPlatform();
});
after(() => platform.dispose());

const issue = (body: unknown, integration = 'sales-overview') =>
  platform.request(`/api/v1/integrations/${integration}/token`, { method: 'POST', json: body });
const DEMO_KEY = { api_key: 'demo-api-key', api_secret: 'demo-api-secret' };

async function notebookToken(): Promise<string> {
  const response = await issue(DEMO_KEY);
  assert.equal(response.status, 200);
  return ((await response.json()) as { token: string }).token;
}

describe('POST /api/v1/integrations/:id/token', () => {
  test('issues a fresh one-hour token on every call', async () => {
    const answers = await Promise.all([issue(DEMO_KEY), issue(DEMO_KEY), issue(DEMO_KEY)]);
    const bodies = (await Promise.all(answers.map((r) => r.json()))) as Array<{
      token: string;
      expires_in: number;
      expires_at: number;
    }>;
    assert.equal(new Set(bodies.map((b) => b.token)).size, 3);
    for (const body of bodies) {
      assert.equal(body.expires_in, 3600);
      assert.ok(Math.abs(body.expires_at - (Date.now() + 3_600_000)) < 5_000);
      assert.equal(claimsOf(body.token).scope, 'integration:sales-overview');
    }
    assert.equal(answers[0]!.headers.get('cache-control'), 'no-store');
  });

  test('refuses a valid key that is not permitted for the integration (403)', async () => {
    const response = await issue({ api_key: 'other-api-key', api_secret: 'other-api-secret' });
    assert.equal(response.status, 403);
    assert.equal((await errorOf(response)).code, 'FORBIDDEN');
  });

  test('refuses a wrong secret and an unknown key (401) without echoing the secret', async () => {
    for (const body of [
      { api_key: 'demo-api-key', api_secret: 'wrong-secret' },
      { api_key: 'demo-api-key', api_secret: 'demo-api-secreT' },
      { api_key: 'no-such-key', api_secret: 'demo-api-secret' },
    ]) {
      const response = await issue(body);
      assert.equal(response.status, 401, JSON.stringify(body));
      const error = await errorOf(response);
      assert.equal(error.code, 'INVALID_CREDENTIALS');
      assert.ok(!error.message.includes(body.api_secret));
    }
  });

  test('answers 404 for an unknown integration and 400 for malformed bodies', async () => {
    assert.equal((await issue(DEMO_KEY, 'no-such-integration')).status, 404);
    for (const body of [{}, { api_key: 'demo-api-key' }, { api_key: 1, api_secret: 2 }, []]) {
      assert.equal((await issue(body)).status, 400, JSON.stringify(body));
    }
  });
});

describe('notebook data API', () => {
  test('needs a token for exactly that integration', async () => {
    assert.equal((await platform.request('/api/v1/integrations/sales-overview')).status, 401);
    const access = await platform.accessToken('ada@example.com', 'USER');
    assert.equal((await platform.request('/api/v1/integrations/sales-overview', { token: access })).status, 403);
    // Publish a second integration of the same notebook, and check its token does not open the first.
    platform.db
      .prepare("INSERT INTO integrations (id, notebook_id, title) VALUES ('sales-mini', 'sales-notebook', 'Mini')")
      .run();
    platform.db
      .prepare("INSERT INTO integration_api_keys (integration_id, api_key_id) VALUES ('sales-mini', 'demo-api-key')")
      .run();
    const mini = ((await (await issue(DEMO_KEY, 'sales-mini')).json()) as { token: string }).token;
    assert.equal((await platform.request('/api/v1/integrations/sales-mini', { token: mini })).status, 200);
    assert.equal((await platform.request('/api/v1/integrations/sales-overview', { token: mini })).status, 403);
  });

  test('shows only published pages and the externalized parameters', async () => {
    const response = await platform.request('/api/v1/integrations/sales-overview', { token: await notebookToken() });
    const integration = (await response.json()) as {
      pages: Array<{ id: string }>;
      params: Array<{ name: string }>;
      orgId?: string;
    };
    assert.deepEqual(
      integration.pages.map((p) => p.id),
      ['revenue-chart', 'breakdown'],
    );
    assert.deepEqual(
      integration.params.map((p) => p.name),
      ['region', 'minAmount', 'from', 'to'],
    );
    assert.equal(integration.orgId, undefined);
  });

  test('Run all computes real, filtered aggregates from the sales data', async () => {
    const token = await notebookToken();
    const run = async (params: Record<string, unknown>) => {
      const response = await platform.request('/api/v1/integrations/sales-overview/run', {
        method: 'POST',
        token,
        json: { params },
      });
      assert.equal(response.status, 200);
      return (await response.json()) as RunResult;
    };
    const all = await run({});
    assert.deepEqual(all.params, { region: 'ALL', minAmount: 0, from: '2024-01-01', to: '2024-12-31' });
    assert.equal(new Set(all.rows.map((r) => r.month)).size, 12);
    const emea = await run({ region: 'EMEA' });
    const big = await run({ region: 'EMEA', minAmount: 1000 });
    const q1 = await run({ from: '2024-01-01', to: '2024-03-31' });
    assert.ok(emea.totals.orders < all.totals.orders && emea.totals.orders > 0);
    assert.ok(big.totals.orders < emea.totals.orders && big.totals.orders > 0);
    assert.deepEqual([...new Set(q1.rows.map((r) => r.month))], ['2024-01', '2024-02', '2024-03']);
    // The same parameters give the same numbers (deterministic seed data).
    assert.deepEqual((await run({ region: 'EMEA' })).rows, emea.rows);
  });

  test('refuses unknown parameters and bad values (400)', async () => {
    const token = await notebookToken();
    for (const params of [
      { colour: 'red' },
      { region: 'MARS' },
      { minAmount: -5 },
      { minAmount: 'lots' },
      { from: '31/12/2024' },
    ]) {
      const response = await platform.request('/api/v1/integrations/sales-overview/run', {
        method: 'POST',
        token,
        json: { params },
      });
      assert.equal(response.status, 400, JSON.stringify(params));
    }
  });
});
