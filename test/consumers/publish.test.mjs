// The package as registries and type checkers see it (after `npm run build`): publint's rules
// for package.json and its files, and @arethetypeswrong/cli on the packed tarball for every
// resolution mode we support: `bundler`, `node16` from ESM, and `node10` (moduleResolution
// `node`, through `typesVersions`). `node16` from CommonJS is left out on purpose: the package is
// ES modules only, which CommonJS reaches with `import()`.
//
// Run: node --test test/consumers/*.test.mjs
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

function run(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, {
      cwd: root,
      env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => resolve({ code, output }));
  });
}

test('the package is built (npm run build)', () => {
  assert.ok(existsSync(`${root}dist/esm/index.js`), 'dist/esm/index.js is missing: run `npm run build` first');
});

test('publint: no errors, warnings or suggestions', async () => {
  const result = await run(['node_modules/publint/src/cli.js', '--strict']);
  assert.equal(result.code, 0, result.output);
  assert.match(result.output, /All good!/, result.output);
});

test('attw --pack: no problems for bundler, node16 (ESM) and node10', async () => {
  const result = await run([
    'node_modules/@arethetypeswrong/cli/dist/index.js',
    '--pack',
    '.',
    '--ignore-rules',
    'cjs-resolves-to-esm',
    '--format',
    'ascii',
  ]);
  assert.equal(result.code, 0, result.output);
  assert.match(result.output, /No problems found/, result.output);
});
