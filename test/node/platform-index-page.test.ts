import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { chromium, type Browser } from 'playwright';
import { chromiumLaunchOptions } from '../../scripts/chromium.mjs';
import { DEMO } from '../../demo/platform/demo-data.js';
import { admin, expectJson } from './helpers/orchestration.js';
import { startTestPlatform, type TestPlatform } from './helpers/platform.js';

/** `GET /`: a link to every embed page, every API listed, readable at phone width. */
let platform: TestPlatform;
let browser: Browser;
before(async () => {
  platform = await startTestPlatform();
  browser = await chromium.launch(chromiumLaunchOptions());
});
after(async () => {
  await browser?.close();
  await platform.dispose();
});

test('the index links every embed page (integrations made through the API too), and each link works', async () => {
  await expectJson(
    admin(platform, '/api/v1/integrations', {
      method: 'POST',
      json: { id: 'late-integration', notebookId: 'sales-notebook', title: '<img src=x onerror=alert(1)>' },
    }),
    201,
  );
  const text = await (await platform.request('/')).text();
  const links = [...text.matchAll(/href="(\/embed\/[^"]+)"/g)].map((m) => m[1]!);
  for (const id of [...Object.values(DEMO.executions), ...Object.values(DEMO.connectorExecutions)])
    assert.ok(links.includes(`/embed/executions/${id}`), id);
  assert.ok(links.includes(`/embed/notebooks/${DEMO.integrationId}`));
  assert.ok(links.includes('/embed/notebooks/late-integration'));
  for (const link of links) assert.equal((await platform.request(link)).status, 200, link);
  // Titles are data: escaped, never markup.
  assert.ok(!text.includes('<img src=x'));
  assert.ok(text.includes('&lt;img src=x onerror=alert(1)&gt;'));
  for (const api of [
    '/dp/api/v1/access/token',
    '/dp/api/v1/executions/:id/cancel',
    '/dp/api/v1/executions/:id/rerun',
    '/gateway/pipeline/api/webhook/triggerExecutionDetails/:id',
    '/api/v1/api-keys',
    '/api/v1/integrations/:id/settings',
    '/dp/api/v1/jobs/:id/run',
    '/dp/api/v1/webhooks/:id/deliveries',
  ])
    assert.ok(text.includes(api), api);
});

test('at phone width (375 px) nothing scrolls sideways', async () => {
  const page = await browser.newPage({ viewport: { width: 375, height: 800 } });
  try {
    await page.goto(`${platform.url}/`);
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    assert.ok(scrollWidth <= clientWidth, `${scrollWidth} > ${clientWidth}`);
    // Positive control: the same page in a narrow window without its stylesheet does overflow.
    await page.evaluate(() => document.querySelector('link[href="/assets/index.css"]')?.remove());
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth > document.documentElement.clientWidth,
    );
    assert.equal(overflow, true);
  } finally {
    await page.close();
  }
});
