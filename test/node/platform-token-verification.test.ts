import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, test } from 'node:test';
import { signToken } from '../../demo/platform/tokens.js';
import { TEST_SECRET, errorOf, startTestPlatform, type TestPlatform } from './helpers/platform.js';

let platform: TestPlatform;
before(async () => {
  platform = await startTestPlatform();
});
after(() => platform.dispose());

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const claims = (over: Record<string, unknown> = {}) => ({
  iss: 'frameport-demo-platform',
  sub: 'ada@example.com',
  scope: 'user:ada@example.com',
  org: 'org-demo',
  iat: Math.floor(Date.now() / 1000),
  exp: Math.floor(Date.now() / 1000) + 600,
  jti: 'test',
  ...over,
});
const readExecution = (token: string) => platform.request('/dp/api/v1/executions/exec-acme-failed', { token });

test('a genuine token reads the execution (positive control)', async () => {
  const { token } = await signToken(
    TEST_SECRET,
    { sub: 'ada@example.com', scope: 'user:ada@example.com', org: 'org-demo' },
    600,
  );
  assert.equal((await readExecution(token)).status, 200);
});

test('rejects alg "none" tokens, with or without a signature', async () => {
  for (const alg of ['none', 'None', 'NONE']) {
    const unsigned = `${b64({ alg, typ: 'JWT' })}.${b64(claims())}.`;
    const response = await readExecution(unsigned);
    assert.equal(response.status, 401, alg);
    assert.equal((await errorOf(response)).code, 'INVALID_TOKEN');
  }
  const body = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims())}`;
  const signed = `${body}.${createHmac('sha256', TEST_SECRET).update(body).digest('base64url')}`;
  assert.equal((await readExecution(signed)).status, 401);
});

test('rejects another HMAC algorithm in the header even with a valid HS256 signature', async () => {
  const body = `${b64({ alg: 'HS512', typ: 'JWT' })}.${b64(claims())}`;
  const token = `${body}.${createHmac('sha256', TEST_SECRET).update(body).digest('base64url')}`;
  assert.equal((await readExecution(token)).status, 401);
});

test('rejects a token signed with another secret', async () => {
  const { token } = await signToken(
    'some-other-secret',
    { sub: 'ada@example.com', scope: 'user:ada@example.com', org: 'org-demo' },
    600,
  );
  const response = await readExecution(token);
  assert.equal(response.status, 401);
  assert.equal((await errorOf(response)).code, 'INVALID_TOKEN');
});

test('rejects a token whose claims were changed after signing', async () => {
  const { token } = await signToken(TEST_SECRET, { sub: 'acme', scope: 'sub_org:acme', org: 'org-demo' }, 600);
  const [header, , signature] = token.split('.');
  const forged = `${header}.${b64(claims({ sub: 'globex', scope: 'sub_org:globex' }))}.${signature}`;
  assert.equal((await readExecution(forged)).status, 401);
});

test('rejects an expired token with TOKEN_EXPIRED and a WWW-Authenticate header', async () => {
  const { token } = await signToken(
    TEST_SECRET,
    { sub: 'ada@example.com', scope: 'user:ada@example.com', org: 'org-demo' },
    60,
    Date.now() - 3_600_000,
  );
  const response = await readExecution(token);
  assert.equal(response.status, 401);
  assert.match(response.headers.get('www-authenticate') ?? '', /Bearer/);
  assert.equal((await errorOf(response)).code, 'TOKEN_EXPIRED');
});

test('rejects missing and malformed Authorization headers', async () => {
  for (const authorization of [undefined, 'Bearer', 'Basic YWRhOnB3', 'Bearer a.b', 'Bearer not-a-jwt', 'Bearer ...']) {
    const headers: Record<string, string> = authorization ? { authorization } : {};
    const response = await platform.request('/dp/api/v1/executions/exec-acme-failed', { headers });
    assert.equal(response.status, 401, String(authorization));
  }
});

test('a notebook token cannot read executions (403)', async () => {
  const { token } = await signToken(
    TEST_SECRET,
    { sub: 'api_key:demo-api-key', scope: 'integration:sales-overview', org: 'org-demo' },
    600,
  );
  const response = await readExecution(token);
  assert.equal(response.status, 403);
  assert.equal((await errorOf(response)).code, 'FORBIDDEN');
});
