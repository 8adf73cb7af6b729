// `npm run build:frameworks`: builds the four framework examples (demo/host/frameworks/<name>)
// with each framework's own toolchain into demo/host/frameworks/<name>/dist/, and checks their
// templates against frameport's declarations (vue-tsc, svelte-check, tsc; ng build checks its own).
//
// The examples are apps of their own (demo/host/frameworks/package.json) and import `frameport`
// from node_modules, where this script unpacks `npm pack`'s tarball first: they build against
// exactly what npm would install (its `files`, `exports`, `sideEffects` and types), and a later
// `npm run build` (which empties dist/) cannot pull files from under a running build.
// Needs `npm run build` first. Usage: node scripts/build-frameworks.mjs [vue] [svelte] [react] [angular]
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
process.chdir(root);

const DIR = 'demo/host/frameworks';
const bin = (path) => `node_modules/${path}`;

/** Each example: how to type-check its templates and how to build it. */
const EXAMPLES = {
  vue: [
    ['vue-tsc', [bin('vue-tsc/bin/vue-tsc.js'), '--noEmit', '-p', `${DIR}/vue/tsconfig.json`]],
    ['vite', [bin('vite/bin/vite.js'), 'build', '--config', `${DIR}/vue/vite.config.ts`]],
  ],
  svelte: [
    [
      'svelte-check',
      [
        bin('svelte-check/bin/svelte-check'),
        '--tsconfig',
        `${root}${DIR}/svelte/tsconfig.json`,
        '--workspace',
        `${root}${DIR}/svelte`,
        '--fail-on-warnings',
        '--output',
        'human',
      ],
    ],
    ['vite', [bin('vite/bin/vite.js'), 'build', '--config', `${DIR}/svelte/vite.config.ts`]],
  ],
  react: [
    ['tsc', [bin('typescript/bin/tsc'), '-p', `${DIR}/react/tsconfig.json`]],
    ['vite', [bin('vite/bin/vite.js'), 'build', '--config', `${DIR}/react/vite.config.ts`]],
  ],
  // The Angular CLI's application builder (esbuild); it type-checks templates while building.
  angular: [['ng build', [`${root}${bin('@angular/cli/bin/ng.js')}`, 'build'], { cwd: `${DIR}/angular` }]],
};

const required = ['dist/esm/index.js', 'dist/esm/react/index.js', 'dist/esm/types/vue.d.ts'];
const missing = required.filter((file) => !existsSync(file));
if (missing.length) {
  console.error(`build:frameworks: ${missing.join(', ')} missing: run \`npm run build\` first`);
  process.exit(1);
}

/** Unpacks the package as npm would install it: demo/host/frameworks/node_modules/frameport. */
function installPackedFrameport() {
  const scratch = mkdtempSync(join(tmpdir(), 'frameport-pack-'));
  try {
    const [{ filename }] = JSON.parse(
      execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', scratch], {
        cwd: root,
        encoding: 'utf8',
      }),
    );
    const target = `${DIR}/node_modules/frameport`;
    rmSync(target, { recursive: true, force: true });
    mkdirSync(target, { recursive: true });
    execFileSync('tar', ['-xzf', join(scratch, filename), '--strip-components=1', '-C', target]);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

const selected = process.argv.slice(2);
for (const name of selected) {
  if (!(name in EXAMPLES)) throw new Error(`unknown example "${name}" (known: ${Object.keys(EXAMPLES).join(', ')})`);
}
const names = selected.length ? selected : Object.keys(EXAMPLES);

/** Runs one step, buffering its output so parallel steps do not interleave. */
function run(example, [label, args, options = {}]) {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, {
      cwd: options.cwd ?? root,
      env: { ...process.env, NG_CLI_ANALYTICS: 'false', VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => {
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const ok = code === 0;
      console.log(`build:frameworks: ${example} ${label} ${ok ? 'ok' : `FAILED (exit ${code})`} in ${seconds} s`);
      if (!ok) console.log(output.replace(/^/gm, `  ${example} | `));
      resolve(ok);
    });
  });
}

// Two at a time (a 2-core machine): each example's steps in order, the examples side by side,
// the slow Angular build first so it overlaps the others.
const queue = [...names].sort((a, b) => (a === 'angular' ? -1 : b === 'angular' ? 1 : 0));
let failed = false;
async function worker() {
  for (let name = queue.shift(); name; name = queue.shift()) {
    for (const step of EXAMPLES[name]) {
      if (!(await run(name, step))) {
        failed = true;
        break;
      }
    }
  }
}
const started = performance.now();
installPackedFrameport();
console.log(`build:frameworks: npm pack unpacked into ${DIR}/node_modules/frameport`);
await Promise.all([worker(), worker()]);
console.log(
  `build:frameworks: ${failed ? 'FAILED' : 'done'} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
process.exit(failed ? 1 : 0);
