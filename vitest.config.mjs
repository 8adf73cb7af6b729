// Vitest in browser mode (Chromium through Playwright), as most host apps test: runs
// test/vitest/*.test.ts, which shows `frameport/testing` in such a setup. `npm run test:vitest`.
// The test page is served on 127.0.0.1 and the mock embed page on `localhost` of the same
// server, two origins, as `createMockEmbed()` expects.
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { chromiumLaunchOptions } from './scripts/chromium.mjs';

export default defineConfig({
  server: { host: '127.0.0.1', port: Number(process.env.VITEST_PORT ?? 63315), strictPort: false },
  test: {
    include: ['test/vitest/**/*.test.ts'],
    testTimeout: 30_000,
    browser: {
      enabled: true,
      headless: true,
      screenshotFailures: false,
      provider: playwright({ launchOptions: chromiumLaunchOptions() }),
      instances: [{ browser: 'chromium' }],
      api: { host: '127.0.0.1', port: Number(process.env.VITEST_PORT ?? 63315) },
    },
  },
});
