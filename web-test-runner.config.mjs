// Browser tests: every test file runs in real browsers, with the page on http://localhost:PORT
// and embed fixtures on http://127.0.0.1:PORT (a different origin, same server).
// A third origin for attacker frames is served by test/servers/attacker.mjs.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { existsSync } from 'node:fs';
import { startAttackerServer } from './test/servers/attacker.mjs';
import { headersPlugin } from './test/servers/headers.mjs';
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
const systemChromium = process.env.CHROME_PATH ?? '/usr/bin/chromium';

const chromium = playwrightLauncher({
  product: 'chromium',
  launchOptions: {
    // Debian's Chromium where it exists (no browser downloads here); Playwright's own elsewhere.
    ...(existsSync(systemChromium) ? { executablePath: systemChromium } : {}),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--js-flags=--expose-gc',
    ],
  },
});

export default {
  files: ['test/**/*.test.ts', '!test/node/**'],
  nodeResolve: true,
  hostname: 'localhost',
  port: Number(process.env.WTR_PORT ?? 8765),
  concurrency: 2,
  browsers: [chromium],
  testFramework: { config: { timeout: 20000 } },
  testsFinishTimeout: 300000,
  middleware: [platformEmbedRoute],
  middleware: [tokenEndpoint()],
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
