import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { chromium, type Browser, type Frame, type Page } from 'playwright';
import { signToken } from '../../demo/platform/tokens.js';
import { startHostPage, type HostPage } from './helpers/host-page.js';
import { TEST_SECRET, startTestPlatform, type TestPlatform } from './helpers/platform.js';

// The embed pages in a real browser, framed by a host page on another origin.
const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const skip = existsSync(CHROMIUM) ? false : `no Chromium at ${CHROMIUM} (set CHROME_PATH)`;

type Message = { type: string; [key: string]: unknown };

let platform: TestPlatform;
let host: HostPage;
let browser: Browser;

before(async () => {
  if (skip) return;
  host = await startHostPage();
  platform = await startTestPlatform({ allowedOrigins: [host.origin] });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
});
after(async () => {
  await browser?.close();
  await platform?.dispose();
  await host?.close();
});

/** Opens the host page, frames `path` with the given tokens, and collects console errors. */
async function embed(path: string, tokens: string[]): Promise<{ page: Page; frame: Frame; errors: string[] }> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    // A 401 is part of the expired-token scenario; the browser logs it as a failed resource.
    if (message.type() === 'error' && !/status of 401/.test(message.text())) errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(host.origin);
  await page.evaluate(
    ([src, list]) => (window as unknown as { embed(s: string, t: string[]): void }).embed(src, list),
    [`${platform.url}${path}`, tokens] as const,
  );
  const handle = await page.waitForSelector('iframe');
  const frame = await handle.contentFrame();
  assert.ok(frame);
  return { page, frame, errors };
}

const received = (page: Page) => page.evaluate(() => (window as unknown as { received: Message[] }).received);
async function waitForMessage(page: Page, type: string, count = 1): Promise<Message[]> {
  await page.waitForFunction(
    ([t, n]) => (window as unknown as { received: Message[] }).received.filter((m) => m.type === t).length >= n,
    [type, count] as const,
    { timeout: 30_000 },
  );
  return (await received(page)).filter((m) => m.type === type);
}
const rpc = (page: Page, method: string, ...args: unknown[]) =>
  page.evaluate(([m, a]) => (window as unknown as { rpc(m: string, ...a: unknown[]): Promise<unknown> }).rpc(m, ...a), [
    method,
    args,
  ] as const);

describe('/embed/executions/:id in a browser', { skip }, () => {
  test('loads with a token, replaces an expired one, fixes a row, re-runs, closes', async () => {
    const acme = await platform.accessToken('acme', 'SUB_ORG');
    const expired = (
      await signToken(TEST_SECRET, { sub: 'acme', scope: 'sub_org:acme', org: 'org-demo' }, 60, Date.now() - 3_600_000)
    ).token;
    const { page, frame, errors } = await embed('/embed/executions/exec-acme-failed', [expired, acme]);

    const [ready] = await waitForMessage(page, 'READY_FOR_TOKEN');
    assert.ok((ready?.features as string[]).includes('rpc'));
    // The expired token got a 401: the page asked for a fresh one and went on with it.
    await waitForMessage(page, 'TOKEN_EXPIRED');
    await frame.getByRole('heading', { name: 'Customer import' }).waitFor();
    await waitForMessage(page, 'RESIZE');
    assert.equal(await frame.locator('svg.timeline rect.bar').count(), 4);

    // SET_SETTINGS applies text overrides live.
    await page.evaluate(() =>
      (window as unknown as { send(m: unknown): void }).send({
        type: 'SET_SETTINGS',
        language: 'en',
        i18nOverrides: { 'actions.rerun': 'Import again' },
      }),
    );
    const rerunButton = frame.getByRole('button', { name: 'Import again' });
    await rerunButton.waitFor();

    // Fix every invalid row; each cell is saved and validated when it loses focus.
    const fixes: Array<[string, string, string]> = [
      ['r1', 'email', 'jane.cooper@example.com'],
      ['r2', 'country', 'GB'],
      ['r3', 'amount', '45.00'],
      ['r4', 'email', 'cameron@example.com'],
      ['r5', 'country', 'US'],
      ['r5', 'amount', '12.50'],
    ];
    for (const [row, field, value] of fixes) {
      await frame.locator(`tr[data-row-id="${row}"] input[name="${field}"]`).fill(value);
      await frame.locator(`tr[data-row-id="${row}"] input[name="${field}"]`).blur();
    }
    await frame.locator('tr[data-row-id="r5"] .fixed', { hasText: 'Fixed' }).waitFor();

    await rerunButton.click();
    const [run] = await waitForMessage(page, 'EXECUTION_RUN');
    const data = run?.data as { id: string; status: string; sourceExecutionId: string };
    assert.notEqual(data.id, 'exec-acme-failed');
    assert.equal(data.sourceExecutionId, 'exec-acme-failed');
    // Answered at once, queued; the page follows the run until it has succeeded.
    assert.ok(['QUEUED', 'RUNNING'].includes(data.status), data.status);
    await frame.getByText(data.id).first().waitFor();
    await frame.locator('.pill[data-status="SUCCESS"]').first().waitFor();

    // The RPC `rerun()` answers the new execution too.
    const viaRpc = (await rpc(page, 'rerun')) as { id: string; sourceExecutionId: string };
    assert.equal(viaRpc.sourceExecutionId, data.id);

    await frame.getByRole('button', { name: 'Cancel' }).click();
    await frame.getByRole('button', { name: 'Close' }).click();
    await waitForMessage(page, 'CLOSE', 2);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test("another sub-organization's token shows an error and posts ERROR", async () => {
    const globex = await platform.accessToken('globex', 'SUB_ORG');
    const { page, frame } = await embed('/embed/executions/exec-acme-failed', [globex]);
    const [error] = await waitForMessage(page, 'ERROR');
    assert.equal(error?.code, 'NOT_FOUND');
    await frame.getByRole('alert').waitFor();
    await page.close();
  });
});

describe('frame-ancestors in a browser', { skip }, () => {
  test('a host origin that is not allowed cannot frame the page', async () => {
    const stranger = await startHostPage();
    const page = await browser.newPage();
    try {
      await page.goto(stranger.origin);
      await page.evaluate(
        (src) => (window as unknown as { embed(s: string, t: string[]): void }).embed(src, ['x']),
        `${platform.url}/embed/executions/exec-acme-failed`,
      );
      // Chromium replaces a frame refused by frame-ancestors with its error page.
      const frame = await (await page.waitForSelector('iframe')).contentFrame();
      const deadline = Date.now() + 30_000;
      while (!/^chrome-error:/.test(frame?.url() ?? '') && Date.now() < deadline) await page.waitForTimeout(100);
      assert.match(frame?.url() ?? '', /^chrome-error:/);
      await page.waitForTimeout(500);
      assert.deepEqual(await received(page), []);
    } finally {
      await page.close();
      await stranger.close();
    }
  });
});

describe('/embed/notebooks/:id in a browser', { skip }, () => {
  test('posts PARAMETER_CHANGED and RUN_ALL, applies SET_PARAMETERS, answers RPC', async () => {
    const response = await platform.request('/api/v1/integrations/sales-overview/token', {
      method: 'POST',
      json: { api_key: 'demo-api-key', api_secret: 'demo-api-secret' },
    });
    const { token } = (await response.json()) as { token: string };
    const { page, frame, errors } = await embed('/embed/notebooks/sales-overview', [token]);

    const [ready] = await waitForMessage(page, 'READY_FOR_TOKEN');
    assert.ok((ready?.features as string[]).includes('rpc:runAll'));
    await frame.locator('svg.chart rect.series').first().waitFor();
    assert.ok((await frame.locator('table tbody tr').count()) > 12);

    await frame.locator('select[name="region"]').selectOption('EMEA');
    const [changed] = await waitForMessage(page, 'PARAMETER_CHANGED');
    assert.equal(changed?.name, 'region');
    assert.equal(changed?.value, 'EMEA');
    assert.deepEqual(changed?.params, { region: 'EMEA', minAmount: 0, from: '2024-01-01', to: '2024-12-31' });

    await frame.getByRole('button', { name: 'Run all' }).click();
    const [runAll] = await waitForMessage(page, 'RUN_ALL');
    assert.equal((runAll?.params as { region: string }).region, 'EMEA');

    await page.evaluate(() =>
      (window as unknown as { send(m: unknown): void }).send({
        type: 'SET_PARAMETERS',
        params: { region: 'APAC', minAmount: 1000, unknown: 1 },
      }),
    );
    await frame.waitForFunction(() => {
      const view = document.querySelector('fp-notebook-view');
      return view?.shadowRoot?.querySelector<HTMLSelectElement>('select[name="region"]')?.value === 'APAC';
    });
    assert.deepEqual(await rpc(page, 'getParameters'), {
      region: 'APAC',
      minAmount: 1000,
      from: '2024-01-01',
      to: '2024-12-31',
    });

    await rpc(page, 'setParameters', { region: 'AMER', from: '2024-06-01' });
    const result = (await rpc(page, 'runAll')) as { params: { region: string }; rows: Array<{ month: string }> };
    assert.equal(result.params.region, 'AMER');
    assert.ok(result.rows.length > 0 && result.rows.every((r) => r.month >= '2024-06'));
    assert.deepEqual(errors, []);
    await page.close();
  });
});
