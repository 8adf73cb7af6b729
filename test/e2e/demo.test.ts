/// <reference types="node" />
// End to end: the real reference platform and the real demo host app on two origins, the CDN build
// of the elements, and Chromium driven the way a person uses the page. `npm run build` first.
//
//   npm run test:e2e
//
// Every token the platform signs here lives E2E_TOKEN_TTL seconds (default 8), so the whole run
// happens across many token expiries and refreshes.
import { chromiumLaunchOptions } from '../../scripts/chromium.mjs';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type FrameLocator, type Page } from 'playwright';
import { startHost, type Host } from '../../demo/host/server.js';
import { startPlatform, type Platform } from '../../demo/platform/server.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BUNDLE = join(ROOT, 'dist/cdn/frameport.js');
const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const TOKEN_TTL = Number(process.env.E2E_TOKEN_TTL ?? 8);
/**
 * The promise of the issue: every embed is ready this soon after the page starts loading (about
 * 4 s on an idle 2-core machine). E2E_READY_WITHIN_MS loosens it for a CI box shared with other jobs.
 */
const READY_WITHIN = Number(process.env.E2E_READY_WITHIN_MS ?? 10_000);
/** For everything else: generous, because a busy 2-core machine is slow, and never a fixed sleep. */
const LONG = 30_000;

const skip = !existsSync(BUNDLE)
  ? `${BUNDLE} is missing: run \`npm run build\` first`
  : !existsSync(CHROMIUM)
    ? `no Chromium at ${CHROMIUM} (set CHROME_PATH)`
    : false;

const EXECUTION_ID = 'exec-acme-failed';
const LICENSE_KEY = 'demo-license-key';
const FIXES: Array<[row: string, field: string, value: string]> = [
  ['r1', 'email', 'jane.cooper@example.com'],
  ['r2', 'country', 'GB'],
  ['r3', 'amount', '45.00'],
  ['r4', 'email', 'cameron@example.com'],
  ['r5', 'country', 'US'],
  ['r5', 'amount', '12.50'],
];

interface LogEntry {
  event: string;
  source: string;
  detail: Record<string, unknown> | undefined;
}

let dir: string;
let dbPath: string;
let hostPort: number;
let hostOrigin: string;
let platform: Platform | undefined;
let host: Host | undefined;
let browser: Browser | undefined;
let page: Page;
/** Console errors, page errors, CSP violations and HTTP errors, from the page and its frames. */
let problems: string[] = [];
/** Set by the execution test, read again after the restart. */
let rerunId: string | undefined;

/** A port nothing listens on right now (the host's origin must be known before the platform starts). */
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

function launchPlatform(port: number): Promise<Platform> {
  return startPlatform({ port, dbPath, allowedOrigins: [hostOrigin], tokenTtlSeconds: TOKEN_TTL, quiet: true });
}

async function openPage(): Promise<Page> {
  const context = await browser!.newContext({ viewport: { width: 1280, height: 900 } });
  const next = await context.newPage();
  problems = [];
  // Runs in every frame, the platform's iframes included, before their own scripts.
  await next.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`);
    });
    if (window !== window.top) return;
    // The host page: note when every embed first reached "ready", in ms since navigation start.
    // A closed modal embed loads nothing until first opened, so it does not count.
    const observer = new MutationObserver(() => {
      const embeds = [...document.querySelectorAll('execution-details, notebook-embed')].filter(
        (element) => !element.hasAttribute('modal') || element.hasAttribute('open'),
      );
      if (embeds.length > 0 && embeds.every((element) => element.getAttribute('state') === 'ready')) {
        (window as unknown as { allReadyAt: number }).allReadyAt = performance.now();
        observer.disconnect();
      }
    });
    observer.observe(document, { subtree: true, attributes: true, attributeFilter: ['state'] });
  });
  next.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()} (${message.location().url})`);
  });
  next.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  next.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()} ${response.url()}`);
  });
  await next.goto(hostOrigin, { waitUntil: 'commit' });
  return next;
}

async function closePage(): Promise<void> {
  if (page && !page.isClosed()) await page.context().close();
}

const frameOf = (id: string): FrameLocator => page.frameLocator(`#${id} iframe`);

/** The host page's event log, as a person reads it (oldest first). */
async function logEntries(event?: string, source?: string): Promise<LogEntry[]> {
  const entries = await page.locator('#log > li').evaluateAll((items) =>
    items.map((item) => {
      const element = item as HTMLElement;
      const json = element.querySelector('pre')?.textContent;
      return {
        event: element.dataset.event ?? '',
        source: element.dataset.source ?? '',
        detail: json ? (JSON.parse(json) as Record<string, unknown>) : undefined,
      };
    }),
  );
  return entries.reverse().filter((entry) => (!event || entry.event === event) && (!source || entry.source === source));
}

/** Waits until the log holds more than `after` entries of `event` from `source`; answers the newest. */
async function waitForLog(event: string, source: string, after = 0): Promise<LogEntry> {
  await page.waitForFunction(
    ([e, s, n]) => document.querySelectorAll(`#log > li[data-event="${e}"][data-source="${s}"]`).length > n,
    [event, source, after] as const,
    { timeout: LONG },
  );
  const entries = await logEntries(event, source);
  return entries[entries.length - 1]!;
}

const countLog = async (event: string, source: string) => (await logEntries(event, source)).length;

/** Nothing went wrong in the page or its frames, and the log shows no failure. */
async function assertClean(): Promise<void> {
  assert.deepEqual(problems, [], 'console errors, page errors, CSP violations or failed requests');
  const failures = (await logEntries()).filter((entry) =>
    ['error', 'token-refresh-failed', 'session-ended', 'rerun() failed', 'runAll() failed'].includes(entry.event),
  );
  assert.deepEqual(failures, [], 'failure events in the host log');
}

/** Every embed element of the page, with its state. */
const states = () =>
  page.$$eval('execution-details, notebook-embed', (elements) =>
    elements.map((element) => `${element.id}=${element.getAttribute('state')}`),
  );

/**
 * fetch to the platform, retried on a network error: Node's fetch pools keep-alive sockets, and
 * one to the platform that just stopped may not be known as closed yet when the next one starts.
 */
async function platformFetch(path: string, init: RequestInit = {}): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetch(`${platform!.url}${path}`, init);
    } catch (error) {
      if (!(error instanceof TypeError) || attempt === 3) throw error;
    }
  }
}

async function apiToken(): Promise<string> {
  const response = await platformFetch('/dp/api/v1/access/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ license_key: LICENSE_KEY, auth: { identifier: 'acme', type: 'SUB_ORG' } }),
  });
  assert.equal(response.status, 200);
  return ((await response.json()) as { access_token: string }).access_token;
}

before(async () => {
  if (skip) return;
  dir = mkdtempSync(join(tmpdir(), 'frameport-e2e-'));
  dbPath = join(dir, 'platform.db');
  // The host must be on a port known before the platform starts (it is the platform's allowed
  // origin); another process may take a free port in between, so try a few.
  for (let attempt = 1; ; attempt++) {
    hostPort = await freePort();
    hostOrigin = `http://localhost:${hostPort}`;
    platform = await launchPlatform(0);
    try {
      host = await startHost({ port: hostPort, hostname: 'localhost', platformUrl: platform.url });
      break;
    } catch (error) {
      await platform.close();
      if ((error as { code?: string }).code !== 'EADDRINUSE' || attempt === 3) throw error;
    }
  }
  assert.equal(platform.assetError, undefined, 'the embed pages failed to build');
  browser = await chromium.launch(chromiumLaunchOptions());
});

after(async () => {
  await browser?.close();
  await host?.close();
  await platform?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the demo: platform and host app on two origins', { skip }, () => {
  test(`every embed is ready within ${READY_WITHIN / 1000} s, under the strict CSP, without a console error`, async (t) => {
    page = await openPage();
    await page
      .waitForFunction(() => (window as unknown as { allReadyAt?: number }).allReadyAt, null, { timeout: LONG })
      .catch(async (error: Error) => {
        throw new Error(`the embeds did not get ready: ${(await states()).join(', ')}\n${error.message}`);
      });
    const readyAt = await page.evaluate(() => (window as unknown as { allReadyAt: number }).allReadyAt);
    t.diagnostic(`all embeds ready ${Math.round(readyAt)} ms after navigation start`);
    assert.equal(await page.locator('execution-details, notebook-embed').count(), 3, 'inline, dialog, notebook');
    assert.ok(readyAt <= READY_WITHIN, `ready after ${Math.round(readyAt)} ms, more than ${READY_WITHIN} ms`);

    // What a person sees: the platform's views inside the host's cards, and "Live" on both.
    await frameOf('inline-execution').getByRole('heading', { name: 'Customer import' }).waitFor({ timeout: LONG });
    await frameOf('notebook').locator('svg.chart rect.series').first().waitFor({ timeout: LONG });
    assert.equal(await page.locator('#execution-status').textContent(), 'Live');
    assert.equal(await page.locator('#notebook-status').textContent(), 'Live');
    assert.equal(await countLog('ready', 'inline execution'), 1);
    assert.equal(await countLog('ready', 'notebook'), 1);
    // The closed dialog's embed has loaded nothing yet: no frame request, no token.
    assert.equal(await page.locator('#modal-execution').getAttribute('state'), 'idle');
    assert.equal(await countLog('ready', 'dialog execution'), 0);
    assert.equal(await countLog('token-refreshed', 'dialog execution'), 0);
    await assertClean();
  });

  test('the execution in a dialog: opens, shows the platform view, closes with its X', async () => {
    await page.getByRole('button', { name: 'Open in a dialog' }).click();
    const dialog = page.locator('#modal-execution');
    await dialog.locator('dialog[open]').waitFor({ timeout: LONG });
    const frame = frameOf('modal-execution');
    await frame.getByRole('heading', { name: 'Customer import' }).waitFor({ timeout: LONG });
    await frame.getByRole('button', { name: 'Re-run' }).waitFor();
    assert.equal(await dialog.getAttribute('state'), 'ready');

    const closes = await countLog('close', 'dialog execution');
    await dialog.getByRole('button', { name: 'Close' }).click();
    const closed = await waitForLog('close', 'dialog execution', closes);
    assert.deepEqual(closed.detail, { reason: 'button' });
    await dialog.locator('dialog[open]').waitFor({ state: 'detached', timeout: LONG });
    await assertClean();
  });

  test('execution: fix the invalid rows in the embed, re-run, the host gets execution-run with the new id', async () => {
    const frame = frameOf('inline-execution');
    for (const [row, field, value] of FIXES) {
      const input = frame.locator(`tr[data-row-id="${row}"] input[name="${field}"]`);
      await input.fill(value);
      await input.blur(); // a cell is saved and validated when it loses focus
    }
    for (const row of ['r1', 'r2', 'r3', 'r4', 'r5']) {
      await frame.locator(`tr[data-row-id="${row}"] .fixed`, { hasText: 'Fixed' }).waitFor({ timeout: LONG });
    }

    const runs = await countLog('execution-run', 'inline execution');
    await frame.getByRole('button', { name: 'Re-run' }).click();
    const entry = await waitForLog('execution-run', 'inline execution', runs);
    const data = entry.detail?.data as { id: string; status: string; sourceExecutionId: string };
    assert.ok(data.id && data.id !== EXECUTION_ID, `a new execution id, got ${data.id}`);
    assert.equal(data.sourceExecutionId, EXECUTION_ID);
    // The re-run is answered at once and runs on in the background.
    assert.ok(['QUEUED', 'RUNNING'].includes(data.status), `a live run, got ${data.status}`);
    rerunId = data.id;

    // The host tells the person, and the embed now shows the new execution progressing live:
    // seen queued or running, then succeeded (every row was fixed), every step done.
    await page.locator('#execution-notice', { hasText: data.id }).waitFor({ timeout: LONG });
    await frame.getByText(data.id).first().waitFor({ timeout: LONG });
    const pill = frame.locator('.pill[data-status]').first();
    const seen = new Set<string>();
    for (const deadline = Date.now() + LONG; Date.now() < deadline;) {
      const status = (await pill.getAttribute('data-status')) ?? '';
      seen.add(status);
      if (status === 'SUCCESS' || status === 'FAILED') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.ok(seen.has('QUEUED') || seen.has('RUNNING'), `seen ${[...seen].join(', ')}`);
    assert.equal(await pill.getAttribute('data-status'), 'SUCCESS', 'every row was fixed, so the re-run succeeds');
    assert.equal(await frame.locator('rect.bar').count(), 4);
    assert.equal(await frame.locator('rect.bar.SUCCESS').count(), 4);
    assert.equal(await page.locator('#inline-execution').getAttribute('state'), 'ready');
    await assertClean();
  });

  test('notebook: parameter-change and run-all from the embed; Apply and Run all from the host form', async () => {
    const frame = frameOf('notebook');
    const form = page.locator('#params');

    // A change inside the notebook reaches the host, which keeps its own form in sync.
    const changes = await countLog('parameter-change', 'notebook');
    await frame.locator('select[name="region"]').selectOption('EMEA');
    const change = await waitForLog('parameter-change', 'notebook', changes);
    assert.equal(change.detail?.name, 'region');
    assert.equal(change.detail?.value, 'EMEA');
    assert.equal((change.detail?.params as { region: string }).region, 'EMEA');
    await page.waitForFunction(() => (document.querySelector('#params select') as HTMLSelectElement).value === 'EMEA');

    const runAlls = await countLog('run-all', 'notebook');
    await frame.getByRole('button', { name: 'Run all' }).click();
    const runAll = await waitForLog('run-all', 'notebook', runAlls);
    assert.equal((runAll.detail?.params as { region: string }).region, 'EMEA');

    // The host's own filters: Apply sends SET_PARAMETERS, the notebook shows them and recomputes.
    await form.locator('select[name="region"]').selectOption('APAC');
    await form.locator('input[name="minAmount"]').fill('1000');
    await form.getByRole('button', { name: 'Apply' }).click();
    await expectValue(frame.locator('select[name="region"]'), 'APAC');
    await expectValue(frame.locator('input[name="minAmount"]'), '1000');

    // The host's Run all calls runAll() over RPC and gets the result.
    const resolved = await countLog('runAll() resolved', 'host app');
    await form.getByRole('button', { name: 'Run all' }).click();
    const result = await waitForLog('runAll() resolved', 'host app', resolved);
    assert.deepEqual(result.detail?.params, { region: 'APAC', minAmount: 1000, from: '2024-01-01', to: '2024-12-31' });
    assert.ok((result.detail?.rows as number) > 0, 'APAC orders of 1000 € or more exist');
    assert.equal(await frame.getByRole('alert').count(), 0, 'no error banner in the notebook');
    assert.equal(await page.locator('#notebook').getAttribute('state'), 'ready');
    await assertClean();
  });

  test('tokens that expire are replaced without the user noticing', async () => {
    // The first token of each embed was logged with its expiry; wait (on a condition) for it to pass.
    // (The dialog's embed got its first token later, when the dialog was first opened.)
    for (const source of ['inline execution', 'dialog execution', 'notebook']) {
      const [first] = await logEntries('token-refreshed', source);
      const firstExpiry = first?.detail?.expiresAt as number;
      assert.ok(firstExpiry > 0, `${source}: the token endpoint answers expiresAt`);
      assert.ok(firstExpiry - Date.now() < TOKEN_TTL * 1000, 'the platform issues short-lived tokens here');
      await page.waitForFunction((expiry) => Date.now() > expiry + 1_000, firstExpiry, { timeout: LONG });
      const refreshed = await logEntries('token-refreshed', source);
      assert.ok(refreshed.length >= 2, `${source}: refreshed ahead of expiry (${refreshed.length} tokens so far)`);
    }

    // After the first tokens expired, both embeds still reach the platform's API: the host's
    // "Re-run from host" (RPC rerun) and "Run all" in the notebook itself.
    const reruns = await countLog('rerun() resolved', 'host app');
    await page.getByRole('button', { name: 'Re-run from host' }).click();
    const rerun = await waitForLog('rerun() resolved', 'host app', reruns);
    assert.equal(rerun.detail?.sourceExecutionId, rerunId, 'the embed re-ran the execution it shows');
    assert.notEqual(rerun.detail?.id, rerunId);

    const runAlls = await countLog('run-all', 'notebook');
    const frame = frameOf('notebook');
    await frame.getByRole('button', { name: 'Run all' }).click();
    await waitForLog('run-all', 'notebook', runAlls);
    await frame.locator('section.running').waitFor({ state: 'detached', timeout: LONG });
    assert.equal(await frame.getByRole('alert').count(), 0, 'no error banner in the notebook');

    assert.deepEqual(await states(), ['inline-execution=ready', 'modal-execution=ready', 'notebook=ready']);
    await assertClean();
  });

  test('the platform restarted on the same database keeps its data', async () => {
    await closePage(); // no refresh may hit the platform while it is down
    const port = platform!.port;
    await platform!.close();
    platform = await launchPlatform(port);

    // The JSON API, with a fresh token: the re-run execution and the fixed rows are still there.
    const headers = { authorization: `Bearer ${await apiToken()}` };
    const rerun = await platformFetch(`/dp/api/v1/executions/${rerunId}`, { headers });
    assert.equal(rerun.status, 200);
    const execution = (await rerun.json()) as { id: string; sourceExecutionId: string; status: string };
    assert.equal(execution.id, rerunId);
    assert.equal(execution.sourceExecutionId, EXECUTION_ID);
    assert.equal(execution.status, 'SUCCESS');
    const source = (await (await platformFetch(`/dp/api/v1/executions/${EXECUTION_ID}`, { headers })).json()) as {
      invalidRows: Array<{ id: string; data: Record<string, string> }>;
    };
    assert.equal(source.invalidRows.find((row) => row.id === 'r1')?.data.email, 'jane.cooper@example.com');

    // And the page, loaded again, shows the fixed rows.
    page = await openPage();
    await page.waitForFunction(() => (window as unknown as { allReadyAt?: number }).allReadyAt, null, {
      timeout: LONG,
    });
    await expectValue(
      frameOf('inline-execution').locator('tr[data-row-id="r1"] input[name="email"]'),
      'jane.cooper@example.com',
    );
    await assertClean();
  });
});

/** Waits until an input or select inside a frame has `value`. */
async function expectValue(locator: ReturnType<FrameLocator['locator']>, value: string): Promise<void> {
  const deadline = Date.now() + LONG;
  let current = await locator.inputValue();
  while (current !== value) {
    if (Date.now() > deadline) assert.equal(current, value);
    await locator.page().waitForTimeout(100); // polling a value across frames; not an assertion delay
    current = await locator.inputValue();
  }
}
