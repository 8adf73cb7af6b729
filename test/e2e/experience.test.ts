/// <reference types="node" />
// The embed experience, end to end on the real platform and demo host (two origins, the CDN
// build): phone widths, dark mode, the dialog's one set of controls, Escape from inside the
// embed, and axe-core on the host page and both embed pages. `npm run build` first.
//
//   node --import tsx --test test/e2e/experience.test.ts
import { chromiumLaunchOptions } from '../../scripts/chromium.mjs';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Frame, type Page } from 'playwright';
import { startHost, type Host } from '../../demo/host/server.js';
import { startPlatform, type Platform } from '../../demo/platform/server.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BUNDLE = join(ROOT, 'dist/cdn/frameport.js');
const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const AXE = join(ROOT, 'node_modules/axe-core/axe.min.js');
/** Generous: a busy 2-core machine is slow; never a fixed sleep. */
const LONG = 30_000;

const skip = !existsSync(BUNDLE)
  ? `${BUNDLE} is missing: run \`npm run build\` first`
  : !existsSync(CHROMIUM)
    ? `no Chromium at ${CHROMIUM} (set CHROME_PATH)`
    : false;

let dir: string;
let hostOrigin: string;
let platform: Platform | undefined;
let host: Host | undefined;
let browser: Browser | undefined;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, 'localhost', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The host page at this size, every embed ready and its frame settled (a closed dialog loads on first open). */
async function openHost(width: number, height = 844): Promise<Page> {
  const context = await browser!.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  await page.goto(hostOrigin);
  await page.waitForFunction(
    () =>
      [...document.querySelectorAll('execution-details, notebook-embed')]
        .filter((element) => !element.hasAttribute('modal') || element.hasAttribute('open'))
        .every((element) => element.getAttribute('state') === 'ready'),
    null,
    { timeout: LONG },
  );
  await page.frameLocator('#inline-execution iframe').locator('h1').waitFor({ timeout: LONG });
  await page.frameLocator('#notebook iframe').locator('svg.chart').waitFor({ timeout: LONG });
  return page;
}

/** The frame of an embed element's iframe. */
async function frameOf(page: Page, id: string): Promise<Frame> {
  const handle = await page.locator(`#${id}`).evaluateHandle((element) => element.shadowRoot!.querySelector('iframe')!);
  const frame = await handle.asElement()!.contentFrame();
  assert.ok(frame, `${id} has a frame`);
  return frame;
}

/** How much wider than its frame the embed page is (0: nothing is cut off sideways). */
const overflow = (frame: Frame) =>
  frame.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** axe-core in one document (a frame of another origin too: evaluate is not subject to its CSP). */
async function axeViolations(target: Page | Frame): Promise<string[]> {
  await target.evaluate(readFileSync(AXE, 'utf8'));
  const violations = await target.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(c: unknown, o: unknown): Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run(document, { iframes: false, resultTypes: ['violations'] });
    return result.violations as Array<{ id: string; impact: string; nodes: Array<{ target: unknown }> }>;
  });
  return violations.map((v) => `${v.id} (${v.impact}) at ${JSON.stringify(v.nodes.map((n) => n.target))}`);
}

/** Waits until the embed's page shows `theme` (its `data-theme`, set from SET_SETTINGS). */
async function untilTheme(frame: Frame, theme: string): Promise<void> {
  await frame.waitForFunction((t) => document.documentElement.dataset['theme'] === t, theme, { timeout: LONG });
}

before(async () => {
  if (skip) return;
  dir = mkdtempSync(join(tmpdir(), 'frameport-experience-'));
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    hostOrigin = `http://localhost:${port}`;
    platform = await startPlatform({
      port: 0,
      dbPath: join(dir, `platform-${attempt}.db`),
      allowedOrigins: [hostOrigin],
      quiet: true,
    });
    try {
      host = await startHost({ port, hostname: 'localhost', platformUrl: platform.url });
      break;
    } catch (error) {
      await platform.close();
      if ((error as { code?: string }).code !== 'EADDRINUSE' || attempt === 3) throw error;
    }
  }
  browser = await chromium.launch(chromiumLaunchOptions());
});

after(async () => {
  await browser?.close();
  await host?.close();
  await platform?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the embed experience', { skip }, () => {
  test('no embed page overflows horizontally at 320 px, inline or in the dialog', async () => {
    const page = await openHost(320);
    // The frames sized themselves to their content (RESIZE): wait until the chart has drawn at its width.
    for (const id of ['inline-execution', 'notebook']) {
      const frame = await frameOf(page, id);
      assert.equal(await overflow(frame), 0, `${id} is wider than its frame`);
      const width = await frame.evaluate(() => document.documentElement.clientWidth);
      assert.ok(width <= 320, `${id}: the frame is ${width}px wide`);
    }
    // Positive control: the invalid-rows table is wider than the phone, and scrolls inside its own
    // focusable, labelled region instead of widening the page.
    const region = (await frameOf(page, 'inline-execution')).locator('[role="region"][tabindex="0"]').first();
    assert.ok(await region.getAttribute('aria-label'));
    assert.ok(await region.evaluate((element) => element.scrollWidth > element.clientWidth), 'the table is wide');
    await page.locator('#open-modal').click();
    await page.locator('#modal-execution dialog[open]').waitFor({ timeout: LONG });
    const dialogFrame = await frameOf(page, 'modal-execution');
    await dialogFrame.locator('h1').waitFor({ timeout: LONG });
    assert.equal(await overflow(dialogFrame), 0, 'the dialog embed is wider than its frame');
    // The host page itself does not scroll sideways either.
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth - innerWidth), 0);
    await page.context().close();
  });

  test('in the dialog: one X (the host’s), the embed keeps Cancel; Escape inside the embed closes it', async () => {
    const page = await openHost(1280, 800);
    const opener = page.locator('#open-modal');
    await opener.focus();
    await opener.click();
    const dialog = page.locator('#modal-execution');
    await dialog.locator('dialog[open]').waitFor({ timeout: LONG });
    const frame = await frameOf(page, 'modal-execution');
    await frame.locator('h1').waitFor({ timeout: LONG });
    await frame.waitForFunction(
      () => !document.querySelector('fp-execution-view')?.shadowRoot?.querySelector('button.icon'),
      null,
      {
        timeout: LONG,
      },
    );
    assert.equal(await frame.getByRole('button', { name: 'Cancel' }).count(), 1);
    // Inline, the embed keeps its own X (positive control).
    const inline = await frameOf(page, 'inline-execution');
    assert.equal(await inline.getByRole('button', { name: 'Close' }).count(), 1);
    // Page scroll is locked while the dialog is open.
    assert.equal(await page.evaluate(() => document.documentElement.style.overflow), 'hidden');

    // Focus inside the embed (a cell of the invalid rows), then Escape.
    await frame.locator('input').first().click();
    await page.keyboard.press('Escape');
    await dialog.locator('dialog[open]').waitFor({ state: 'detached', timeout: LONG });
    const closes = await page.$$eval('#log > li[data-event="close"][data-source="dialog execution"] pre', (items) =>
      items.map((item) => JSON.parse(item.textContent ?? '{}') as { reason: string }),
    );
    assert.deepEqual(closes, [{ reason: 'escape' }]);
    assert.equal(await page.evaluate(() => document.documentElement.style.overflow), '');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'open-modal', 'focus back on the opener');
    await page.context().close();
  });

  test('theme and language change live: the host’s switches reach both embeds without a new handshake', async () => {
    const page = await openHost(1280, 800);
    const execution = await frameOf(page, 'inline-execution');
    const notebook = await frameOf(page, 'notebook');
    await untilTheme(execution, 'light');
    await page.locator('#theme').selectOption('dark');
    await page.locator('#language').selectOption('de');
    await untilTheme(execution, 'dark');
    await untilTheme(notebook, 'dark');
    await notebook.getByRole('button', { name: 'Alle ausführen' }).waitFor({ timeout: LONG });
    await execution.getByRole('button', { name: 'Erneut ausführen' }).waitFor({ timeout: LONG });
    // The same frames, one handshake each.
    for (const id of ['inline-execution', 'notebook']) {
      // No named helpers inside evaluate(): tsx would wrap them in a `__name` the page does not have.
      const timeline = await page
        .locator(`#${id}`)
        .evaluate((element) =>
          (element as unknown as { timeline: Array<{ direction: string; type: string }> }).timeline.map(
            (e) => `${e.direction} ${e.type}`,
          ),
        );
      const counts = [
        timeline.filter((e) => e === 'in READY_FOR_TOKEN').length,
        timeline.filter((e) => e === 'out SET_TOKEN').length,
      ];
      assert.deepEqual(counts, [1, 1], `${id}: READY_FOR_TOKEN and SET_TOKEN`);
    }
    await page.context().close();
  });

  for (const theme of ['light', 'dark']) {
    test(`axe-core: no violations on the host page and both embed pages, inline and in the dialog (${theme})`, async () => {
      const page = await openHost(1280, 800);
      await page.locator('#theme').selectOption(theme);
      const execution = await frameOf(page, 'inline-execution');
      const notebook = await frameOf(page, 'notebook');
      await untilTheme(execution, theme);
      await untilTheme(notebook, theme);
      const found: string[] = [];
      for (const [name, target] of [
        ['host page', page],
        ['execution (inline)', execution],
        ['notebook', notebook],
      ] as const) {
        for (const violation of await axeViolations(target)) found.push(`${name}: ${violation}`);
      }
      await page.locator('#open-modal').click();
      await page.locator('#modal-execution dialog[open]').waitFor({ timeout: LONG });
      const dialogFrame = await frameOf(page, 'modal-execution');
      await dialogFrame.locator('h1').waitFor({ timeout: LONG });
      await untilTheme(dialogFrame, theme);
      for (const violation of await axeViolations(page)) found.push(`host page with the dialog: ${violation}`);
      for (const violation of await axeViolations(dialogFrame)) found.push(`execution (dialog): ${violation}`);
      assert.deepEqual(found, []);
      await page.context().close();
    });
  }
});
