// `npm run screenshots`: the demo page as a person sees it, written to screenshots/ (gitignored).
// Starts the reference platform and the demo host app on free ports with a throw-away database,
// drives Chromium through the page and saves:
//   host-inline.png         the page at 1280x900 once both embeds are ready
//   host-inline-full.png    the same, full page
//   host-modal.png          the execution opened in a dialog
//   notebook-run-all.png    the notebook after "Run all" with the host's filters applied
//   host-loading.png        the page while the embeds wait for their tokens
//   host-error.png          the page when the platform cannot be reached
//   <size>-<theme>-<lang>-inline.png   the whole page, at 390x844 and 1280x800, light and dark
//   <size>-<theme>-<lang>-dialog.png   the execution in the dialog, same matrix (English, German)
// and it fails when an embed page is wider than its frame (horizontal overflow).
// It builds nothing: run `npm run build` first (the page loads dist/cdn/frameport.js).
// Env: CHROME_PATH (default /usr/bin/chromium), SCREENSHOTS_DIR (default screenshots/).
/* global document */ // browser code passed to page.evaluate and waitForFunction
import { chromiumLaunchOptions } from './chromium.mjs';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = join(root, 'dist/cdn/frameport.js');
const chromePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const outDir = process.env.SCREENSHOTS_DIR ?? join(root, 'screenshots');
const TIMEOUT = 30_000;

if (!existsSync(bundle)) {
  console.error('screenshots: dist/cdn/frameport.js is missing: run `npm run build` first.');
  process.exit(1);
}
if (!existsSync(chromePath)) {
  console.error(`screenshots: no Chromium at ${chromePath} (set CHROME_PATH).`);
  process.exit(1);
}

// The servers are TypeScript; tsx loads them the same way `npm start` does.
register();
const { chromium } = await import('playwright');
const { startPlatform } = await import('../demo/platform/server.ts');
const { startHost } = await import('../demo/host/server.ts');

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, 'localhost', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), 'frameport-screenshots-'));
const hostPort = await freePort();
const hostOrigin = `http://localhost:${hostPort}`;
const platform = await startPlatform({
  port: 0,
  dbPath: join(dir, 'platform.db'),
  allowedOrigins: [hostOrigin],
  quiet: true,
});
const host = await startHost({ port: hostPort, hostname: 'localhost', platformUrl: platform.url });
const browser = await chromium.launch(chromiumLaunchOptions());
mkdirSync(outDir, { recursive: true });
const written = [];
const problems = [];
const overflows = [];

async function newPage() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return page;
}

/** Waits until every embed is ready and its iframe height has settled (RESIZE is asynchronous). */
async function settled(page, selector = 'execution-details:not([modal]), notebook-embed') {
  await page.waitForFunction(
    (s) => [...document.querySelectorAll(s)].every((element) => element.getAttribute('state') === 'ready'),
    selector,
    { timeout: TIMEOUT },
  );
  let last = '';
  for (let stable = 0; stable < 3;) {
    await page.waitForTimeout(250);
    const heights = await page.$$eval(selector, (elements) =>
      elements.map((element) => element.shadowRoot?.querySelector('iframe')?.getBoundingClientRect().height).join(),
    );
    stable = heights === last ? stable + 1 : 0;
    last = heights;
  }
}

/** Records a problem when an embed page is wider than its frame (something would be cut off). */
async function checkOverflow(page, name, selector = 'execution-details:not([modal]), notebook-embed') {
  for (const element of await page.$$(selector)) {
    const frame = await (
      await element.evaluateHandle((e) => e.shadowRoot.querySelector('iframe'))
    )
      .asElement()
      .contentFrame();
    if (!frame) continue;
    const sizes = await frame.evaluate(() => [
      document.documentElement.scrollWidth,
      document.documentElement.clientWidth,
    ]);
    if (sizes[0] > sizes[1]) overflows.push(`${name}: ${frame.url()} is ${sizes[0]}px wide in a ${sizes[1]}px frame`);
  }
}

async function shot(page, name, options = {}) {
  const path = join(outDir, name);
  await page.screenshot({ path, animations: 'disabled', ...options });
  written.push(path);
}

try {
  // Inline: the first thing a person sees, then the whole page.
  let page = await newPage();
  await page.goto(hostOrigin);
  await settled(page);
  await page.frameLocator('#notebook iframe').locator('svg.chart rect.series').first().waitFor({ timeout: TIMEOUT });
  await settled(page);
  await shot(page, 'host-inline.png');
  // Chromium paints cross-origin iframes only where they are on screen, so a `fullPage` capture
  // leaves the embeds below the fold blank: make the viewport as tall as the page instead.
  for (let height = 0, tries = 0; tries < 5; tries++) {
    const next = await page.evaluate(() => document.documentElement.scrollHeight);
    if (next === height) break;
    height = next;
    await page.setViewportSize({ width: 1280, height });
    await settled(page);
  }
  await shot(page, 'host-inline-full.png');
  await page.setViewportSize({ width: 1280, height: 900 });

  // The execution in a dialog.
  await page.getByRole('button', { name: 'Open in a dialog' }).click();
  await page.locator('#modal-execution dialog[open]').waitFor({ timeout: TIMEOUT });
  await page
    .frameLocator('#modal-execution iframe')
    .getByRole('heading', { name: 'Customer import' })
    .waitFor({ timeout: TIMEOUT });
  await page.waitForTimeout(400); // the dialog's open transition
  await shot(page, 'host-modal.png');
  await page.keyboard.press('Escape');

  // The notebook after the host's filters and "Run all".
  const form = page.locator('#params');
  await form.locator('select[name="region"]').selectOption('EMEA');
  await form.locator('input[name="minAmount"]').fill('250');
  await form.getByRole('button', { name: 'Apply' }).click();
  const notebook = page.frameLocator('#notebook iframe');
  await notebook.getByRole('button', { name: 'Run all' }).click();
  await notebook.locator('section.running').first().waitFor({ state: 'detached', timeout: TIMEOUT });
  await page.waitForFunction(() => document.querySelector('#log li[data-event="run-all"]'), null, {
    timeout: TIMEOUT,
  });
  await settled(page);
  const path = join(outDir, 'notebook-run-all.png');
  await page.locator('#insights').screenshot({ path, animations: 'disabled' });
  written.push(path);
  await page.context().close();

  // The matrix: phone and desktop, light and dark, English and German, inline and in the dialog.
  for (const [width, height] of [
    [390, 844],
    [1280, 800],
  ]) {
    for (const theme of ['light', 'dark']) {
      for (const language of ['en', 'de']) {
        const name = `${width}x${height}-${theme}-${language}`;
        page = await newPage();
        await page.setViewportSize({ width, height });
        await page.goto(hostOrigin);
        await settled(page);
        // The host's own switches: the embeds change live, without a new handshake.
        await page.locator('#theme').selectOption(theme);
        await page.locator('#language').selectOption(language);
        const runAll = language === 'de' ? 'Alle ausführen' : 'Run all';
        await page.frameLocator('#notebook iframe').getByRole('button', { name: runAll }).waitFor({ timeout: TIMEOUT });
        await page
          .frameLocator('#notebook iframe')
          .locator('svg.chart rect.series')
          .first()
          .waitFor({ timeout: TIMEOUT });
        await settled(page);
        await checkOverflow(page, name);
        for (let full = 0, tries = 0; tries < 5; tries++) {
          const next = await page.evaluate(() => document.documentElement.scrollHeight);
          if (next === full) break;
          full = next;
          await page.setViewportSize({ width, height: full });
          await settled(page);
        }
        await shot(page, `${name}-inline.png`);
        await page.setViewportSize({ width, height });
        await page.locator('#open-modal').click();
        await page.locator('#modal-execution dialog[open]').waitFor({ timeout: TIMEOUT });
        await page.frameLocator('#modal-execution iframe').locator('h1').waitFor({ timeout: TIMEOUT });
        await page.waitForTimeout(400);
        await checkOverflow(page, `${name} dialog`, '#modal-execution');
        await shot(page, `${name}-dialog.png`);
        await page.context().close();
      }
    }
  }

  // Loading: hold the token requests, so both embeds wait for their tokens.
  page = await newPage();
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route('**/api/embed-token**', async (route) => {
    await held;
    await route.continue().catch(() => {});
  });
  await page.goto(hostOrigin);
  await page.waitForFunction(
    () => document.querySelector('#inline-execution')?.getAttribute('state') === 'authenticating',
    null,
    { timeout: TIMEOUT },
  );
  await page.waitForTimeout(300);
  await shot(page, 'host-loading.png');
  release();
  await page.context().close();

  // Error: the platform is down.
  await platform.close();
  page = await newPage();
  await page.goto(hostOrigin);
  await page.waitForFunction(
    () => document.querySelector('#inline-execution')?.getAttribute('state') === 'error',
    null,
    { timeout: TIMEOUT },
  );
  await page.waitForTimeout(300);
  await shot(page, 'host-error.png');
  await page.context().close();
} finally {
  await browser.close();
  await host.close();
  await platform.close(); // idempotent
  rmSync(dir, { recursive: true, force: true });
}

for (const path of written) console.log(relative(process.cwd(), path) || path);
const unexpected = problems.filter((text) => !/Failed to load resource|ERR_CONNECTION_REFUSED|502|503/.test(text));
if (unexpected.length) console.warn(`screenshots: console errors on the page:\n  ${unexpected.join('\n  ')}`);
if (overflows.length) {
  console.error(`screenshots: embed pages wider than their frames:\n  ${overflows.join('\n  ')}`);
  process.exitCode = 1;
}
