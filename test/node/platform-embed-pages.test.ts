import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { HOST_ORIGIN, startTestPlatform, type TestPlatform } from './helpers/platform.js';

let platform: TestPlatform;
before(async () => {
  platform = await startTestPlatform({ allowedOrigins: [HOST_ORIGIN, 'https://app.example.com'] });
});
after(() => platform.dispose());

const pages = ['/embed/executions/exec-acme-failed', '/embed/notebooks/sales-overview'];

describe('embed pages', () => {
  for (const path of pages) {
    test(`${path} may be framed only by the allowed origins and runs no inline script`, async () => {
      const response = await platform.request(path);
      assert.equal(response.status, 200);
      const csp = response.headers.get('content-security-policy') ?? '';
      assert.match(csp, /frame-ancestors http:\/\/localhost:4000 https:\/\/app\.example\.com(;|$)/);
      assert.match(csp, /script-src 'self'(;|$)/);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
      assert.equal(response.headers.get('referrer-policy'), 'no-referrer');
      const html = await response.text();
      // Every script is an external file; configuration travels in meta tags.
      const scripts = html.match(/<script\b[^>]*>/g) ?? [];
      assert.equal(scripts.length, 1);
      assert.match(scripts[0]!, /src="\/embed\/assets\/(execution|notebook)\.js"/);
      assert.doesNotMatch(html, /<script\b[^>]*>[^<]+<\/script>/);
      assert.match(
        html,
        /<meta name="frameport-allowed-origins" content="http:\/\/localhost:4000 https:\/\/app\.example\.com"\s*\/?>/,
      );
    });
  }

  test('the page bundles are built and served as JavaScript', async () => {
    assert.equal(platform.assetError, undefined);
    for (const name of ['execution.js', 'notebook.js', 'embed.css']) {
      const response = await platform.request(`/embed/assets/${name}`);
      assert.equal(response.status, 200, name);
      assert.match(response.headers.get('content-type') ?? '', name.endsWith('.js') ? /javascript/ : /css/);
      assert.ok((await response.text()).length > 100);
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    }
    // Only the built files: nothing else, and nothing outside their directory.
    for (const path of ['nope.js', '%2e%2e%2fpackage.json', '..%2f..%2fpackage.json', '%2fetc%2fpasswd'])
      assert.equal((await platform.request(`/embed/assets/${path}`)).status, 404, path);
  });

  test('an unknown integration has no page, and ids are escaped into the HTML', async () => {
    assert.equal((await platform.request('/embed/notebooks/nope')).status, 404);
    const html = await (await platform.request('/embed/executions/%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E')).text();
    assert.doesNotMatch(html, /<script>alert/);
  });

  test('with no allowed origins nobody may frame the pages', async () => {
    const locked = await startTestPlatform({ allowedOrigins: [] });
    try {
      const csp = (await locked.request(pages[0]!)).headers.get('content-security-policy') ?? '';
      assert.match(csp, /frame-ancestors 'none'/);
    } finally {
      await locked.dispose();
    }
  });
});

describe('CORS on the JSON API', () => {
  test('answers allowed origins and ignores others', async () => {
    const allowed = await platform.request('/dp/api/v1/access/token', {
      method: 'OPTIONS',
      headers: { origin: HOST_ORIGIN, 'access-control-request-method': 'POST' },
    });
    assert.equal(allowed.headers.get('access-control-allow-origin'), HOST_ORIGIN);
    const denied = await platform.request('/dp/api/v1/access/token', {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    assert.equal(denied.headers.get('access-control-allow-origin'), null);
    const lookalike = await platform.request('/dp/api/v1/executions/x', {
      headers: { origin: 'http://localhost:4000.evil.test' },
    });
    assert.equal(lookalike.headers.get('access-control-allow-origin'), null);
  });

  test('error answers keep the CORS header for allowed origins', async () => {
    const response = await platform.request('/dp/api/v1/executions/x', { headers: { origin: HOST_ORIGIN } });
    assert.equal(response.status, 401);
    assert.equal(response.headers.get('access-control-allow-origin'), HOST_ORIGIN);
  });
});

test('refuses origins that are not exact', async () => {
  for (const origin of ['http://localhost:4000/', 'localhost:4000', '*', 'http://localhost:4000/app']) {
    await assert.rejects(() => startTestPlatform({ allowedOrigins: [origin] }), /not an exact origin/);
  }
});
