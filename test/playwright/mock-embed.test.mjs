// `frameport/testing` with Playwright, as a host app's end-to-end test would use it: the app's page
// on one port, the mock embed page (`runMockEmbed()`) on a second port (another origin, as the
// real platform is), both bundled with esbuild. The test drives the mock from Node through
// `page.evaluate`, and checks what the user would see through Playwright's frames and locators.
//
// Run: node --test test/playwright/*.test.mjs
/* global window, document -- page.evaluate() callbacks run in the browser */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright';
import { chromiumLaunchOptions } from '../../scripts/chromium.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'frameport-playwright-'));

/** A server for one page and its script, on its own port of 127.0.0.1. */
async function serve(html, script) {
  const server = createServer((request, response) => {
    const path = new URL(request.url, 'http://x').pathname;
    if (path === '/') return response.writeHead(200, { 'content-type': 'text/html' }).end(html);
    if (path === '/app.js') return response.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    response.writeHead(404).end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${server.address().port}` };
}

const page = (title) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>` +
  `<body><script type="module" src="/app.js"></script></body></html>`;

let app;
let mock;
let browser;
before(async () => {
  await build({
    entryPoints: { host: `${root}test/playwright/host-page.ts`, mock: `${root}test/fixtures/mock-embed.ts` },
    bundle: true,
    format: 'esm',
    outdir: out,
    // The repository's package.json marks only dist/ as having side effects; here we bundle src/.
    ignoreAnnotations: true,
    logLevel: 'warning',
  });
  app = await serve(page('Host app'), readFileSync(join(out, 'host.js')));
  mock = await serve(page('Mock embed'), readFileSync(join(out, 'mock.js')));
  browser = await chromium.launch(chromiumLaunchOptions());
});

after(async () => {
  await browser?.close();
  app?.server.close();
  mock?.server.close();
  rmSync(out, { recursive: true, force: true });
});

test('the mock embed answers the handshake, records token and params, and sends events to the app', async () => {
  const tab = await browser.newPage();
  try {
    await tab.goto(`${app.origin}/`);
    await tab.waitForFunction(() => typeof window.createMockEmbed === 'function');
    // What the host app does, pointed at the mock instead of the platform.
    await tab.evaluate((mockPage) => {
      const embed = window.createMockEmbed({ page: mockPage, rpc: true });
      const notebook = document.createElement('notebook-embed');
      notebook.src = embed.url;
      notebook.tokenProvider = async () => 'test-token';
      notebook.params = { region: 'EMEA' };
      notebook.addEventListener('parameter-change', (event) => (document.title = `changed:${event.detail.value}`));
      document.body.append(notebook);
      window.embed = embed;
    }, `${mock.origin}/`);

    await tab.waitForFunction(() => document.querySelector('notebook-embed').state === 'ready', null, {
      timeout: 20_000,
    });
    // The embed is a real cross-origin frame, as Playwright sees it.
    const frame = tab.frames().find((candidate) => candidate.url().startsWith(mock.origin));
    assert.ok(frame, 'no frame from the mock origin');
    assert.equal(await frame.locator('title').textContent(), 'Mock embed');

    const received = await tab.evaluate(async () => {
      await window.embed.until(() => window.embed.tokens.includes('test-token'), 20_000, 'the token');
      return (await window.embed.next('SET_PARAMETERS', 1, 20_000)).params;
    });
    assert.deepEqual(received, { region: 'EMEA' });

    await tab.evaluate(() =>
      window.embed.emit({ type: 'PARAMETER_CHANGED', name: 'region', value: 'APAC', params: { region: 'APAC' } }),
    );
    await tab.waitForFunction(() => document.title === 'changed:APAC', null, { timeout: 20_000 });

    // RPC served by the mock, and a timeline without the token for bug reports.
    const state = await tab.evaluate(async () => {
      const notebook = document.querySelector('notebook-embed');
      return { params: await notebook.getParameters(), timeline: JSON.stringify(notebook.timeline) };
    });
    assert.deepEqual(state.params, { region: 'EMEA' });
    assert.doesNotMatch(state.timeline, /test-token/);
  } finally {
    await tab.close();
  }
});
