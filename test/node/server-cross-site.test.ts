import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createAccessTokenHandler, createNotebookTokenHandler } from '../../src/server/index.js';
import { LICENSE_KEY, startTestPlatform, type TestPlatform } from './helpers/platform.js';

/**
 * A token endpoint authenticates by the session cookie, which the browser attaches to a
 * cross-site POST too: the answer cannot be read cross-site, but the endpoint must not even
 * mint the token (issue 12, finding 8). Origin and Sec-Fetch-Site tell who asked.
 */
let platform: TestPlatform;
before(async () => (platform = await startTestPlatform()));
after(() => platform.dispose());

const post = (headers: Record<string, string> = {}) =>
  new Request('https://host.example/api/embed-token', {
    method: 'POST',
    headers: { cookie: 'session=victim', ...headers },
  });
const errorCode = async (response: Response) => ((await response.json()) as { error: { code: string } }).error.code;

const handlers = (allowedOrigins?: string[]) => {
  const identified: string[] = [];
  const access = createAccessTokenHandler({
    platformUrl: platform.url,
    licenseKey: LICENSE_KEY,
    identify: (req) => {
      identified.push(req.headers.get('origin') ?? '(none)');
      return req.headers.get('cookie') === 'session=victim' ? { identifier: 'acme', type: 'SUB_ORG' } : null;
    },
    ...(allowedOrigins ? { allowedOrigins } : {}),
  });
  const notebook = createNotebookTokenHandler({
    platformUrl: platform.url,
    integrationId: 'sales-overview',
    apiKey: 'demo-api-key',
    apiSecret: 'demo-api-secret',
    authorize: (req) => (identified.push(req.headers.get('origin') ?? '(none)'), true),
    ...(allowedOrigins ? { allowedOrigins } : {}),
  });
  return { identified, all: [access, notebook] };
};

describe('token endpoints refuse cross-site requests', () => {
  test('Origin: https://evil with the victim cookie → 403 CROSS_SITE, and identify/authorize never run', async () => {
    const { identified, all } = handlers();
    for (const handler of all) {
      const response = await handler(post({ origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }));
      assert.equal(response.status, 403);
      assert.equal(await errorCode(response), 'CROSS_SITE');
      assert.equal(response.headers.get('cache-control'), 'no-store');
    }
    assert.deepEqual(identified, []);
  });

  test('Sec-Fetch-Site: cross-site without Origin → 403; a "null" Origin (sandboxed page) → 403', async () => {
    const { all } = handlers();
    for (const handler of all) {
      assert.equal((await handler(post({ 'sec-fetch-site': 'cross-site' }))).status, 403);
      assert.equal((await handler(post({ origin: 'null' }))).status, 403);
    }
  });

  test('positive control: the same request from the app itself (same origin) gets a token', async () => {
    const { all } = handlers();
    for (const handler of all) {
      const response = await handler(post({ origin: 'https://host.example', 'sec-fetch-site': 'same-origin' }));
      assert.equal(response.status, 200);
    }
  });

  test('requests without Origin or Sec-Fetch-Site (server to server, curl) are not cross-site', async () => {
    const { all } = handlers();
    for (const handler of all) assert.equal((await handler(post())).status, 200);
  });

  test('allowedOrigins lists other origins that may ask (the app on another host)', async () => {
    const { all } = handlers(['https://app.example']);
    for (const handler of all) {
      const listed = await handler(post({ origin: 'https://app.example', 'sec-fetch-site': 'cross-site' }));
      assert.equal(listed.status, 200);
      const other = await handler(post({ origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }));
      assert.equal(other.status, 403);
    }
  });
});
