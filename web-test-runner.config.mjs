// Browser tests: every test file runs in real browsers, with the page on http://localhost:PORT
// and embed fixtures on http://127.0.0.1:PORT (a different origin, same server).
// A third origin for attacker frames is served by test/servers/attacker.mjs.
//
// Engines: WTR_BROWSERS, a comma-separated list of chromium, firefox, webkit (default chromium).
// `npm run test:browsers` (scripts/test-browsers.mjs) sets it, and for webkit also starts Xvfb and
// WebKitWebDriver and passes WEBKIT_DRIVER_PORT.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { chromiumLaunchOptions } from './scripts/chromium.mjs';
import { startAttackerServer } from './test/servers/attacker.mjs';
import { headersPlugin } from './test/servers/headers.mjs';
import { slowPage } from './test/servers/slow-page.mjs';
import { tokenEndpoint } from './test/servers/token-endpoint.mjs';

const attacker = await startAttackerServer();

// `<execution-details platform-url=…>` loads `${platformUrl}/embed/executions/<id>`: under
// /platform/ this route serves the mock embed page (its query string, with the mock's settings,
// is kept by the element), so element tests need no real platform.
const MOCK_EXECUTION_PAGE =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Mock execution</title></head>' +
  '<body><p>Mock execution</p><script type="module" src="/test/fixtures/mock-embed.ts"></script></body></html>';
function platformEmbedRoute(context, next) {
  if (/^\/platform\/embed\/executions\/[^/]+$/.test(context.path)) {
    context.type = 'html';
    context.body = MOCK_EXECUTION_PAGE;
    return;
  }
  return next();
}
const chromium = playwrightLauncher({
  product: 'chromium',
  launchOptions: {
    ...chromiumLaunchOptions(['--js-flags=--expose-gc']),
  },
});

// Debian's firefox-esr through puppeteer (WebDriver BiDi); no browser downloads.
const firefox = async () => {
  const { puppeteerLauncher } = await import('@web/test-runner-puppeteer');
  return puppeteerLauncher({
    launchOptions: {
      browser: 'firefox',
      executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
      headless: true,
    },
  });
};

// Debian's WebKitGTK MiniBrowser through WebKitWebDriver (which must already run, under Xvfb).
const webkit = async () => {
  const { webdriverLauncher } = await import('@web/test-runner-webdriver');
  return webdriverLauncher({
    automationProtocol: 'webdriver',
    hostname: '127.0.0.1',
    port: Number(process.env.WEBKIT_DRIVER_PORT ?? 4444),
    path: '/',
    logLevel: 'error',
    capabilities: {
      browserName: 'MiniBrowser',
      'wdio:enforceWebDriverClassic': true,
      'webkitgtk:browserOptions': {
        binary: process.env.MINIBROWSER_PATH ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
        // Popups from script (window.open without a user gesture), as in Chromium and Firefox under automation.
        args: ['--automation', '--javascript-can-open-windows-automatically=true'],
      },
    },
  });
};

const launchers = { chromium: () => chromium, firefox, webkit };
const engines = (process.env.WTR_BROWSERS || 'chromium')
  .split(',')
  .map((name) => name.trim())
  .filter(Boolean);
for (const name of engines) {
  if (!(name in launchers)) {
    throw new Error(`WTR_BROWSERS: unknown engine "${name}" (known: chromium, firefox, webkit)`);
  }
}
const browsers = await Promise.all(engines.map((name) => launchers[name]()));

export default {
  files: [
    'test/**/*.test.ts',
    '!test/node/**',
    '!test/e2e/**',
    '!test/frameworks/**',
    // Run by Vitest and Playwright themselves (`npm run test:kits`).
    '!test/vitest/**',
    '!test/playwright/**',
  ],
  nodeResolve: true,
  hostname: 'localhost',
  port: Number(process.env.WTR_PORT ?? 8765),
  // The webdriver launcher runs test files in iframes of one page unless concurrency is 1;
  // our tests need a top-level page (top, opener, bfcache), so WebKit runs one file at a time.
  concurrency: engines.includes('webkit') ? 1 : 2,
  browsers,
  // Generous: CI machines have 2 cores and three engines; no test asserts on time.
  testFramework: { config: { timeout: 60000 } },
  testsFinishTimeout: 300000,
  // Firefox takes 10-30 s to start on a busy 2-core machine (the default is 30 s).
  browserStartTimeout: 120000,
  middleware: [tokenEndpoint(), slowPage(), platformEmbedRoute],
  plugins: [
    headersPlugin(),
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }),
    {
      name: 'frameport-test-globals',
      // Test pages learn the other origins from a global, so fixtures never hard-code ports.
      transform(context) {
        if (context.response.is('html')) {
          const port = context.request.host.split(':')[1];
          const globals = JSON.stringify({ attackerOrigin: attacker.origin, port });
          return { body: String(context.body).replace('<head>', `<head><script>window.__FP__=${globals}</script>`) };
        }
      },
    },
  ],
};
