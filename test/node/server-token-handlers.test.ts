import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, describe, test } from 'node:test';
import {
  createAccessTokenHandler,
  createNotebookTokenHandler,
  type TokenResponseBody,
} from '../../src/server/index.js';
import { LICENSE_KEY, claimsOf, startTestPlatform, type TestPlatform } from './helpers/platform.js';

let platform: TestPlatform;
let deadUrl: string;
before(async () => {
  platform = await startTestPlatform();
  deadUrl = `http://127.0.0.1:${await freePort()}`;
});
after(() => platform.dispose());

/** A port nothing listens on: the "platform is down" case. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const post = (headers: Record<string, string> = {}) =>
  new Request('https://host.example/api/embed-token', { method: 'POST', headers });
const errorCode = async (response: Response) => ((await response.json()) as { error: { code: string } }).error.code;

describe('createAccessTokenHandler', () => {
  const handlerFor = (overrides: Partial<Parameters<typeof createAccessTokenHandler>[0]> = {}) =>
    createAccessTokenHandler({
      platformUrl: platform.url,
      licenseKey: LICENSE_KEY,
      // The app's own authentication: here a header names the signed-in customer.
      identify: (req) => {
        const customer = req.headers.get('x-customer');
        return customer ? { identifier: customer, type: 'SUB_ORG' } : null;
      },
      ...overrides,
    });

  test('answers { token, expiresAt } with a token the platform accepts', async () => {
    const response = await handlerFor()(post({ 'x-customer': 'acme' }));
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    assert.match(response.headers.get('content-type') ?? '', /application\/json/);
    const body = (await response.json()) as TokenResponseBody;
    assert.deepEqual(Object.keys(body).sort(), ['expiresAt', 'token']);
    assert.ok(Math.abs(body.expiresAt - (Date.now() + 3_600_000)) < 10_000);
    assert.equal(claimsOf(body.token).scope, 'sub_org:acme');
    const execution = await platform.request('/dp/api/v1/executions/exec-acme-failed', { token: body.token });
    assert.equal(execution.status, 200);
  });

  test('asks the platform for a fresh token on every request', async () => {
    const handler = handlerFor();
    const tokens = await Promise.all(
      [1, 2, 3].map(
        async () => ((await (await handler(post({ 'x-customer': 'acme' }))).json()) as TokenResponseBody).token,
      ),
    );
    assert.equal(new Set(tokens).size, 3);
  });

  test('answers only POST (405 with Allow)', async () => {
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const response = await handlerFor()(new Request('https://host.example/t', { method }));
      assert.equal(response.status, 405);
      assert.equal(response.headers.get('allow'), 'POST');
      assert.equal(await errorCode(response), 'METHOD_NOT_ALLOWED');
    }
  });

  test('answers 401 when identify refuses and 500 when it throws, without calling the platform', async () => {
    let calls = 0;
    const countingFetch: typeof fetch = (...args) => {
      calls++;
      return fetch(...args);
    };
    const refused = await handlerFor({ fetch: countingFetch })(post());
    assert.equal(refused.status, 401);
    assert.equal(await errorCode(refused), 'UNAUTHENTICATED');
    const thrown = await handlerFor({
      fetch: countingFetch,
      identify: () => Promise.reject(new Error('db down: password=hunter2')),
    })(post());
    assert.equal(thrown.status, 500);
    assert.doesNotMatch(await thrown.text(), /hunter2/);
    assert.equal(calls, 0);
  });

  test('answers 502 when the platform refuses, without leaking the license key', async () => {
    const wrongKey = await handlerFor({ licenseKey: 'super-secret-license' })(post({ 'x-customer': 'acme' }));
    assert.equal(wrongKey.status, 502);
    const text = await wrongKey.text();
    assert.match(text, /PLATFORM_ERROR/);
    assert.match(text, /401/);
    assert.doesNotMatch(text, /super-secret-license/);
    const unknown = await handlerFor()(post({ 'x-customer': 'initech' }));
    assert.equal(unknown.status, 502);
    assert.equal(await errorCode(unknown), 'PLATFORM_ERROR');
  });

  test('answers 502 when the platform is down or too slow', async () => {
    const down = await handlerFor({ platformUrl: deadUrl })(post({ 'x-customer': 'acme' }));
    assert.equal(down.status, 502);
    assert.equal(await errorCode(down), 'PLATFORM_UNREACHABLE');
    const hanging: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
    const slow = await handlerFor({ fetch: hanging, timeoutMs: 50 })(post({ 'x-customer': 'acme' }));
    assert.equal(slow.status, 502);
    assert.equal(await errorCode(slow), 'PLATFORM_UNREACHABLE');
  });

  test('answers 502 when the platform answers something that is not a token', async () => {
    const odd: typeof fetch = async () =>
      new Response('<html>maintenance</html>', { status: 200, headers: { 'content-type': 'text/html' } });
    const response = await handlerFor({ fetch: odd })(post({ 'x-customer': 'acme' }));
    assert.equal(response.status, 502);
  });

  test('rejects a platformUrl that is not http(s) when created', () => {
    // A typed error naming the option, not the URL parser's bare "Invalid URL".
    assert.throws(() => handlerFor({ platformUrl: 'not a url' }), {
      name: 'FrameportError',
      code: 'INVALID_URL',
      message: 'platformUrl is not an absolute URL.',
    });
    assert.throws(() => handlerFor({ platformUrl: 'ftp://platform.example' }), {
      code: 'INVALID_URL',
      message: /platformUrl must be http\(s\)/,
    });
  });
});

describe('createNotebookTokenHandler', () => {
  const handlerFor = (overrides: Partial<Parameters<typeof createNotebookTokenHandler>[0]> = {}) =>
    createNotebookTokenHandler({
      platformUrl: `${platform.url}/`,
      integrationId: 'sales-overview',
      apiKey: 'demo-api-key',
      apiSecret: 'demo-api-secret',
      ...overrides,
    });

  test('answers a fresh one-hour integration token per request', async () => {
    const handler = handlerFor({ authorize: (req) => req.headers.get('cookie') === 'session=ok' });
    const bodies = await Promise.all(
      [1, 2].map(async () => {
        const response = await handler(post({ cookie: 'session=ok' }));
        assert.equal(response.status, 200);
        assert.equal(response.headers.get('cache-control'), 'no-store');
        return (await response.json()) as TokenResponseBody;
      }),
    );
    assert.notEqual(bodies[0]!.token, bodies[1]!.token);
    for (const body of bodies) {
      assert.ok(Math.abs(body.expiresAt - (Date.now() + 3_600_000)) < 10_000);
      const data = await platform.request('/api/v1/integrations/sales-overview', { token: body.token });
      assert.equal(data.status, 200);
    }
  });

  test('answers 403 when authorize refuses', async () => {
    const response = await handlerFor({ authorize: async () => false })(post());
    assert.equal(response.status, 403);
    assert.equal(await errorCode(response), 'FORBIDDEN');
  });

  test('answers 502 for a key that is not permitted or a wrong secret, never echoing the secret', async () => {
    for (const overrides of [
      { apiKey: 'other-api-key', apiSecret: 'other-api-secret' },
      { apiSecret: 'wrong-api-secret-value' },
    ]) {
      const response = await handlerFor(overrides)(post());
      assert.equal(response.status, 502);
      const text = await response.text();
      assert.match(text, /PLATFORM_ERROR/);
      assert.doesNotMatch(text, /api-secret/);
    }
  });

  test('answers 502 when the platform is down', async () => {
    const response = await handlerFor({ platformUrl: deadUrl })(post());
    assert.equal(response.status, 502);
    assert.equal(await errorCode(response), 'PLATFORM_UNREACHABLE');
  });
});
