import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Execution } from '../../demo/platform/model/executions.js';
import type { Webhook } from '../../demo/platform/model/webhooks.js';
import { admin, executionOf, expectJson, startReceiver } from './helpers/orchestration.js';
import { errorOf, startTestPlatform, type TestPlatform } from './helpers/platform.js';

// Least privilege for webhooks: an embed's access token (it sits in a browser's memory) cannot manage
// webhooks, variables or secrets; and no webhook reaches loopback, link-local or private addresses
// unless the operator allows it. This platform runs WITHOUT that allowance.

let platform: TestPlatform;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let ada: string;
let acme: string;

/** A public address (TEST-NET ranges are reserved, so this one stands for "somewhere on the internet"). */
const PUBLIC_BASE = 'http://93.184.215.14';

before(async () => {
  receiver = await startReceiver();
  platform = await startTestPlatform({ webhookDelivery: { maxAttempts: 1, timeoutMs: 2000 } });
  ada = await platform.accessToken('ada@example.com', 'USER');
  acme = await platform.accessToken('acme', 'SUB_ORG');
});
after(async () => {
  await platform.dispose();
  await receiver.close();
});

const hook = (url: string, extra: Record<string, unknown> = {}) => ({
  description: 'Exfiltrate',
  jobs: ['customer-import'],
  method: 'POST',
  url,
  body: { s: '${{secrets.TOKEN}}' },
  ...extra,
});

describe('access tokens cannot manage webhooks, variables or secrets', () => {
  test('USER and SUB_ORG tokens get 403 on every webhook, variable and secret endpoint; the license key works', async () => {
    await expectJson(admin(platform, '/dp/api/v1/secrets/TOKEN', { method: 'PUT', json: { value: 's3cr3t-x' } }), 200);
    const created = await expectJson<Webhook>(
      admin(platform, '/dp/api/v1/webhooks', { method: 'POST', json: hook(`${PUBLIC_BASE}/hook`) }),
      201,
    );
    const calls: Array<[string, string, unknown?]> = [
      ['GET', '/dp/api/v1/webhooks'],
      ['POST', '/dp/api/v1/webhooks', hook(`${PUBLIC_BASE}/token`)],
      ['GET', `/dp/api/v1/webhooks/${created.id}`],
      ['PATCH', `/dp/api/v1/webhooks/${created.id}`, { url: `${PUBLIC_BASE}/elsewhere` }],
      ['DELETE', `/dp/api/v1/webhooks/${created.id}`],
      ['GET', `/dp/api/v1/webhooks/${created.id}/deliveries`],
      ['GET', '/dp/api/v1/variables'],
      ['PUT', '/dp/api/v1/variables/X', { value: 'x' }],
      ['DELETE', '/dp/api/v1/variables/X'],
      ['GET', '/dp/api/v1/secrets'],
      ['PUT', '/dp/api/v1/secrets/TOKEN', { value: 'replaced' }],
      ['DELETE', '/dp/api/v1/secrets/TOKEN'],
    ];
    for (const token of [ada, acme]) {
      for (const [method, path, json] of calls) {
        const response = await platform.request(path, { method, token, ...(json ? { json } : {}) });
        assert.equal(response.status, 403, `${method} ${path}`);
        assert.equal((await errorOf(response)).code, 'FORBIDDEN');
      }
    }
    // Nothing changed: the webhook is as registered, the secret still exists.
    const [only] = (await expectJson<{ data: Webhook[] }>(admin(platform, '/dp/api/v1/webhooks'), 200)).data;
    assert.equal(only?.url, `${PUBLIC_BASE}/hook`);
    const secrets = await expectJson<{ data: Array<{ name: string }> }>(admin(platform, '/dp/api/v1/secrets'), 200);
    assert.deepEqual(
      secrets.data.map((s) => s.name),
      ['TOKEN'],
    );
    assert.equal((await admin(platform, `/dp/api/v1/webhooks/${created.id}`, { method: 'DELETE' })).status, 204);
  });
});

describe('webhook targets on private addresses are refused unless the operator allows them', () => {
  test('registration refuses loopback, link-local and private targets, IPv4 and IPv6, by address or name', async () => {
    const port = new URL(receiver.url).port;
    const refused = [
      receiver.url, // the local receiver itself
      `http://localhost:${port}/`, // a name that resolves to loopback
      'http://127.1/',
      'http://2130706433/', // 127.0.0.1 as one number
      'http://0x7f000001/',
      'http://0.0.0.0/',
      'http://[::1]/',
      'http://[::]/',
      'http://[::ffff:127.0.0.1]/',
      'http://[::ffff:a00:1]/',
      'http://169.254.169.254/latest/meta-data/', // cloud metadata
      'http://[fe80::1]/',
      'http://10.1.2.3/',
      'http://172.16.0.1/',
      'http://192.168.1.1/',
      'http://100.64.0.1/',
      'http://[fd12:3456::1]/',
      'https://[fc00::1]:8443/',
    ];
    for (const url of refused) {
      const response = await admin(platform, '/dp/api/v1/webhooks', { method: 'POST', json: hook(url) });
      assert.equal(response.status, 400, url);
      assert.match((await errorOf(response)).message, /loopback, link-local or private address/, url);
    }
    // Positive control: a public address registers, and so does an update to another public one.
    const ok = await expectJson<Webhook>(
      admin(platform, '/dp/api/v1/webhooks', { method: 'POST', json: hook(`${PUBLIC_BASE}/ok`) }),
      201,
    );
    const patched = await admin(platform, `/dp/api/v1/webhooks/${ok.id}`, {
      method: 'PATCH',
      json: { url: 'http://[::1]:8080/' },
    });
    assert.equal(patched.status, 400, 'an update is checked too');
    assert.equal((await admin(platform, `/dp/api/v1/webhooks/${ok.id}`, { method: 'DELETE' })).status, 204);
    assert.equal(receiver.received.length, 0);
  });

  test('a delivery to an address that became private is refused at send time, and the receiver never sees it', async () => {
    await expectJson(
      admin(platform, '/dp/api/v1/variables/BASE', { method: 'PUT', json: { value: PUBLIC_BASE } }),
      200,
    );
    const webhook = await expectJson<Webhook>(
      admin(platform, '/dp/api/v1/webhooks', {
        method: 'POST',
        json: hook('${{variables.BASE}}/late', { description: 'Base in a variable' }),
      }),
      201,
    );
    try {
      for (const base of [receiver.url, `http://localhost:${new URL(receiver.url).port}`]) {
        // After registration, the variable is pointed at the loopback receiver (by address, then by name).
        await expectJson(admin(platform, '/dp/api/v1/variables/BASE', { method: 'PUT', json: { value: base } }), 200);
        const started = await expectJson<Execution>(
          admin(platform, '/dp/api/v1/jobs/customer-import/run', {
            method: 'POST',
            json: { rows: [{ name: 'Ada', email: 'ada@example.com', country: 'GB', amount: '1' }] },
          }),
          201,
        );
        await platform.idle();
        const [delivery] = (await executionOf(platform, started.id, ada)).webhookDeliveries;
        assert.equal(delivery?.status, 'FAILED', base);
        assert.equal(delivery.attempts.length, 1, 'a refused target is not retried');
        assert.equal(delivery.attempts[0]!.statusCode, null);
        assert.match(delivery.attempts[0]!.error!, /Refused: .*loopback, link-local or private address/);
        assert.match(delivery.reason!, /not retried/);
      }
      assert.equal(receiver.received.length, 0, 'nothing reached the loopback receiver');
    } finally {
      await admin(platform, `/dp/api/v1/webhooks/${webhook.id}`, { method: 'DELETE' });
    }
  });
});
