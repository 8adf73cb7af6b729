// `npm run test:frameworks`: the browser tests of the framework examples (test/frameworks), run
// against the apps scripts/build-frameworks.mjs built. Same server, origins, middleware and
// browsers as the main config; only the files differ, and the default port, so both runs can
// share a machine.
import base from './web-test-runner.config.mjs';

export default {
  ...base,
  files: ['test/frameworks/**/*.test.ts'],
  port: Number(process.env.WTR_PORT ?? 8775),
};
