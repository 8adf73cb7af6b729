import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { LICENSE_KEY, claimsOf, errorOf, startTestPlatform, type TestPlatform } from './helpers/platform.js';

let platform: TestPlatform;
before(async () => {
  platform = await startTestPlatform();
});
after(() => platform.dispose());

const tokenRequest = (body: unknown) => platform.request('/dp/api/v1/access/token', { method: 'POST', json: body });

describe('POST /dp/api/v1/access/token', () => {
  test('issues a one-hour USER token for a known e-mail', async () => {
    const response = await tokenRequest({
      license_key: LICENSE_KEY,
      auth: { identifier: 'ada@example.com', type: 'USER' },
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    const body = (await response.json()) as { access_token: string; expires_in: number };
    assert.equal(body.expires_in, 3600);
    const claims = claimsOf(body.access_token);
    assert.equal(claims.sub, 'ada@example.com');
    assert.equal(claims.scope, 'user:ada@example.com');
    assert.ok(Math.abs((claims.exp as number) - Date.now() / 1000 - 3600) < 5);
    const header = JSON.parse(Buffer.from(body.access_token.split('.')[0]!, 'base64url').toString()) as { alg: string };
    assert.equal(header.alg, 'HS256');
  });

  test('issues a SUB_ORG token for a known sub-organization', async () => {
    const response = await tokenRequest({ license_key: LICENSE_KEY, auth: { identifier: 'acme', type: 'SUB_ORG' } });
    assert.equal(response.status, 200);
    const { access_token } = (await response.json()) as { access_token: string };
    assert.equal(claimsOf(access_token).scope, 'sub_org:acme');
  });

  test('answers 401 for a wrong license key', async () => {
    const response = await tokenRequest({
      license_key: 'not-the-key',
      auth: { identifier: 'ada@example.com', type: 'USER' },
    });
    assert.equal(response.status, 401);
    const error = await errorOf(response);
    assert.equal(error.code, 'INVALID_LICENSE_KEY');
    assert.doesNotMatch(error.message, /not-the-key/);
  });

  test('answers 404 for an unknown user or sub-organization', async () => {
    for (const auth of [
      { identifier: 'nobody@example.com', type: 'USER' },
      { identifier: 'initech', type: 'SUB_ORG' },
      // An identifier of the other kind is unknown too.
      { identifier: 'acme', type: 'USER' },
    ]) {
      const response = await tokenRequest({ license_key: LICENSE_KEY, auth });
      assert.equal(response.status, 404, JSON.stringify(auth));
      assert.equal((await errorOf(response)).code, 'NOT_FOUND');
    }
  });

  const malformed: Array<[string, string]> = [
    ['not JSON', '{"license_key":'],
    ['a JSON array', '[]'],
    ['a JSON string', '"demo-license-key"'],
    ['no auth', JSON.stringify({ license_key: LICENSE_KEY })],
    ['no license key', JSON.stringify({ auth: { identifier: 'acme', type: 'SUB_ORG' } })],
    ['license key not a string', JSON.stringify({ license_key: 42, auth: { identifier: 'acme', type: 'SUB_ORG' } })],
    ['an unknown type', JSON.stringify({ license_key: LICENSE_KEY, auth: { identifier: 'acme', type: 'ADMIN' } })],
    ['an empty identifier', JSON.stringify({ license_key: LICENSE_KEY, auth: { identifier: '', type: 'USER' } })],
    ['auth as a string', JSON.stringify({ license_key: LICENSE_KEY, auth: 'acme' })],
  ];
  for (const [name, body] of malformed) {
    test(`answers 400 for a body with ${name}`, async () => {
      const response = await platform.request('/dp/api/v1/access/token', {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json' },
      });
      assert.equal(response.status, 400);
      assert.equal((await errorOf(response)).code, 'INVALID_REQUEST');
    });
  }
});

describe('users and sub-organizations API', () => {
  const withKey = (key = LICENSE_KEY) => ({ 'x-license-key': key });

  test('creates a user who can then get a USER token', async () => {
    const created = await platform.request('/dp/api/v1/users', {
      method: 'POST',
      headers: withKey(),
      json: { email: 'linus@example.com', name: 'Linus' },
    });
    assert.equal(created.status, 201);
    assert.equal(((await created.json()) as { email: string }).email, 'linus@example.com');
    const token = await tokenRequest({
      license_key: LICENSE_KEY,
      auth: { identifier: 'linus@example.com', type: 'USER' },
    });
    assert.equal(token.status, 200);
    const listed = (await (await platform.request('/dp/api/v1/users', { headers: withKey() })).json()) as {
      data: Array<{ email: string }>;
    };
    assert.ok(listed.data.some((u) => u.email === 'linus@example.com'));
  });

  test('creates a sub-organization that can then get a SUB_ORG token', async () => {
    const created = await platform.request('/dp/api/v1/sub-organizations', {
      method: 'POST',
      headers: withKey(),
      json: { identifier: 'initech', name: 'Initech' },
    });
    assert.equal(created.status, 201);
    const token = await tokenRequest({ license_key: LICENSE_KEY, auth: { identifier: 'initech', type: 'SUB_ORG' } });
    assert.equal(token.status, 200);
  });

  test('requires the license key (401), refuses duplicates (409) and bad input (400)', async () => {
    const noKey = await platform.request('/dp/api/v1/users', { method: 'POST', json: { email: 'x@example.com' } });
    assert.equal(noKey.status, 401);
    assert.equal((await errorOf(noKey)).code, 'INVALID_LICENSE_KEY');
    const wrongKey = await platform.request('/dp/api/v1/sub-organizations', {
      method: 'POST',
      headers: withKey('nope'),
      json: { identifier: 'x1', name: 'X' },
    });
    assert.equal(wrongKey.status, 401);
    const duplicate = await platform.request('/dp/api/v1/sub-organizations', {
      method: 'POST',
      headers: withKey(),
      json: { identifier: 'acme', name: 'Acme again' },
    });
    assert.equal(duplicate.status, 409);
    assert.equal((await errorOf(duplicate)).code, 'CONFLICT');
    const badEmail = await platform.request('/dp/api/v1/users', {
      method: 'POST',
      headers: withKey(),
      json: { email: 'not-an-email' },
    });
    assert.equal(badEmail.status, 400);
    const badIdentifier = await platform.request('/dp/api/v1/sub-organizations', {
      method: 'POST',
      headers: withKey(),
      json: { identifier: 'Bad Id!', name: 'x' },
    });
    assert.equal(badIdentifier.status, 400);
  });
});
