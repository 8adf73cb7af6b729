// `npm run build`: dist/esm (tsc: unbundled ESM + .d.ts for every `exports` entry; ngc for
// frameport/angular), then the CDN
// builds (rollup: dist/cdn/frameport.js and frameport.iife.js), then the gzip size against the budget.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { rollup } from 'rollup';

const root = fileURLToPath(new URL('..', import.meta.url));
process.chdir(root);

/** gzip -9 bytes of dist/cdn/frameport.js (both elements, provider, bridge, validation, RPC). */
const CDN_BUDGET = 21_500; // the same as scripts/size.mjs

rmSync('dist', { recursive: true, force: true });

const tsc = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
  stdio: 'inherit',
});
if (tsc.status !== 0) process.exit(tsc.status ?? 1);

// frameport/angular: Angular's compiler in partial mode (what Angular libraries publish), so the
// components carry their input and output types for apps' template checking and are linked by
// the app's own Angular CLI. It writes the whole program to a scratch folder; only src/angular
// is taken, over tsc's plain output of it.
const ANGULAR_OUT = 'node_modules/.cache/frameport-angular';
rmSync(ANGULAR_OUT, { recursive: true, force: true });
const ngc = spawnSync(
  process.execPath,
  ['node_modules/@angular/compiler-cli/bundles/src/bin/ngc.js', '-p', 'tsconfig.angular.json'],
  { stdio: 'inherit' },
);
if (ngc.status !== 0) process.exit(ngc.status ?? 1);
cpSync(`${ANGULAR_OUT}/angular`, 'dist/esm/angular', { recursive: true });

// SSR: importing the entries in plain Node, without a DOM, must not throw (no top-level
// window/document/customElements use outside the guarded define()).
for (const entry of ['./dist/esm/index.js', './dist/esm/elements/index.js']) {
  const ssr = spawnSync(process.execPath, ['--input-type=module', '-e', `await import(${JSON.stringify(entry)});`], {
    stdio: 'inherit',
  });
  if (ssr.status !== 0) {
    console.error(`build: importing ${entry} in Node (no DOM) threw`);
    process.exit(1);
  }
}

// Every entry of package.json `exports` must exist with its types.
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const missing = [];
for (const [entry, target] of Object.entries(pkg.exports)) {
  if (typeof target === 'string') continue; // ./package.json, ./custom-elements.json
  for (const file of [target.types, target.default]) if (!existsSync(file)) missing.push(`${entry}: ${file}`);
}
if (missing.length)
  console.warn(`build: exports without a built file (their source folder is empty):\n  ${missing.join('\n  ')}`);

/** A bundle that would fail at run time fails the build; third-party noise does not. */
const FATAL = new Set(['UNRESOLVED_IMPORT', 'MISSING_EXPORT', 'MISSING_GLOBAL_NAME', 'EVAL']);
const QUIET = new Set(['INVALID_ANNOTATION', 'CIRCULAR_DEPENDENCY', 'SOURCEMAP_ERROR']);
function onwarn(warning) {
  if (FATAL.has(warning.code)) throw new Error(`rollup: ${warning.message}`);
  if (!QUIET.has(warning.code)) console.warn(`rollup: ${warning.message}`);
}

const { default: configs } = await import('../rollup.config.mjs');
for (const config of configs) {
  const bundle = await rollup({ ...config, onwarn });
  const { output } = await bundle.write(config.output);
  await bundle.close();
  // A chunk loaded on demand must import nothing: its `./frameport.js` would be resolved against
  // the URL frameport.js was finally served from, so a page that loaded it through a redirect
  // (unpkg's version ranges) would run a second copy of the SDK.
  for (const chunk of output) {
    if (chunk.type === 'chunk' && !chunk.isEntry && (chunk.imports.length || chunk.dynamicImports.length)) {
      console.error(`build: ${chunk.fileName} imports ${[...chunk.imports, ...chunk.dynamicImports].join(', ')}`);
      process.exit(1);
    }
  }
}

const bytes = gzipSync(readFileSync('dist/cdn/frameport.js'), { level: 9 }).length;
const iife = gzipSync(readFileSync('dist/cdn/frameport.iife.js'), { level: 9 }).length;
console.log(`build: dist/cdn/frameport.js ${bytes} B gzip (budget ${CDN_BUDGET} B), frameport.iife.js ${iife} B gzip`);
if (bytes > CDN_BUDGET) {
  // Loud, but the build still succeeds: the CDN files are needed by the tests that would show
  // what else is wrong. `npm run size` is the gate.
  console.warn(`build: WARNING dist/cdn/frameport.js is over its ${CDN_BUDGET} B budget by ${bytes - CDN_BUDGET} B`);
}
