/* global document, customElements -- page.evaluate() callbacks run in the browser */
// Consumer apps built against the packed package, as users would install it (`npm run build`
// first): `npm pack`'s tarball is unpacked into each app's node_modules/frameport, without the
// network. The apps live in test/consumers/.apps/<name>, each with its own package.json (so
// `frameport` is never the repository by self-reference), and take their tools (Vite, React,
// Vue, SvelteKit, Angular) from the repository's node_modules.
//
// Checked: Vite vanilla-ts, React (including `renderToString`), Vue (vue-tsc catches a
// misspelled prop without strictTemplates), SvelteKit (prerendered server HTML has no serialized
// objects or functions), Angular (`ng build`; a misspelled input, a wrong input type and a wrong
// `$event` field each fail it), and a plain HTML page loading the CDN build from node_modules in
// Chromium. Each app's JavaScript bundle size (gzip) is printed at the end.
//
// Run: node --test test/consumers/*.test.mjs
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright';
import { chromiumLaunchOptions } from '../../scripts/chromium.mjs';
import * as apps from './apps.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const APPS = join(root, 'test/consumers/.apps');
const bin = (path) => join(root, 'node_modules', path);
const KEEP = process.env.KEEP_CONSUMER_APPS === '1';

/** gzip bytes of every .js file under `dir`. */
function jsGzip(dir) {
  let total = 0;
  for (const entry of readdirSync(dir, { recursive: true })) {
    const file = join(dir, entry);
    if (entry.endsWith('.js') && statSync(file).isFile()) total += gzipSync(readFileSync(file), { level: 9 }).length;
  }
  return total;
}

/** Runs node `args` in `cwd`; resolves with the exit code and the output, never rejects. */
function run(cwd, args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, {
      cwd,
      env: { ...process.env, NG_CLI_ANALYTICS: 'false', FORCE_COLOR: '0', NO_COLOR: '1', CI: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** Two at a time: the machine may have two cores. */
const slots = [];
let running = 0;
async function limited(task) {
  while (running >= 2) await new Promise((resolve) => slots.push(resolve));
  running++;
  try {
    return await task();
  } finally {
    running--;
    slots.shift()?.();
  }
}

let tarball;
/** Writes an app's files and unpacks the package into its node_modules/frameport. */
function makeApp(name, files) {
  const dir = join(APPS, name);
  rmSync(dir, { recursive: true, force: true });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const target = join(dir, 'node_modules/frameport');
  mkdirSync(target, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '--strip-components=1', '-C', target]);
  return dir;
}

const sizes = {};
const ok = (result, what) => assert.equal(result.code, 0, `${what} failed:\n${result.output}`);

before(() => {
  assert.ok(existsSync(join(root, 'dist/esm/index.js')), 'dist/ is missing: run `npm run build` first');
  rmSync(APPS, { recursive: true, force: true });
  mkdirSync(APPS, { recursive: true });
  const [{ filename }] = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', APPS], {
      cwd: root,
      encoding: 'utf8',
    }),
  );
  tarball = join(APPS, filename);
});

after(() => {
  if (!KEEP) rmSync(APPS, { recursive: true, force: true });
  const rows = Object.entries(sizes).map(([app, bytes]) => `  ${app.padEnd(34)} ${(bytes / 1024).toFixed(1)} kB`);
  if (rows.length) console.log(`consumer bundle sizes (all JavaScript of the built app, gzip -9):\n${rows.join('\n')}`);
});

describe('consumer apps built against the packed package', { concurrency: true }, () => {
  // The two slow Angular builds first, side by side.
  test('Angular 21: ng build with frameport/angular', () =>
    limited(async () => {
      const dir = makeApp('angular', apps.angular);
      ok(await run(dir, [bin('@angular/cli/bin/ng.js'), 'build']), 'ng build');
      sizes['Angular 21 + frameport/angular'] = jsGzip(join(dir, 'dist'));
    }));

  test('Angular 21: a misspelled input, a wrong input type and a wrong $event field fail ng build', () =>
    limited(async () => {
      const dir = makeApp('angular-bad', apps.angularBad);
      const bad = await run(dir, [bin('@angular/cli/bin/ng.js'), 'build']);
      assert.notEqual(bad.code, 0, 'ng build accepted the mistakes');
      assert.match(bad.output, /Can't bind to 'srcc' since it isn't a known property of 'notebook-embed'/);
      assert.match(bad.output, /Type 'number' is not assignable to type 'Params/);
      assert.match(bad.output, /Property 'nope' does not exist on type 'ParameterChangeDetail'/);
    }));

  test('Vite vanilla-ts: tsc and vite build', () =>
    limited(async () => {
      const dir = makeApp('vanilla', apps.vanilla);
      ok(await run(dir, [bin('typescript/bin/tsc'), '-p', 'tsconfig.json']), 'tsc');
      ok(await run(dir, [bin('vite/bin/vite.js'), 'build', '--logLevel', 'warn']), 'vite build');
      sizes['Vite vanilla-ts'] = jsGzip(join(dir, 'dist'));
    }));

  test('React 19: tsc, vite build, renderToString with attributes and no objects', () =>
    limited(async () => {
      const dir = makeApp('react', apps.react);
      ok(await run(dir, [bin('typescript/bin/tsc'), '-p', 'tsconfig.json']), 'tsc');
      ok(await run(dir, [bin('vite/bin/vite.js'), 'build', '--config', 'vite.config.mjs']), 'vite build');
      sizes['React 19 + frameport/react'] = jsGzip(join(dir, 'dist'));
      const ssr = await run(dir, ['ssr.mjs']);
      ok(ssr, 'renderToString');
      const html = ssr.output.trim();
      assert.match(html, /<notebook-embed src="https:\/\/platform\.example\/embed\/notebooks\/sales" language="de">/);
      assert.match(html, /<execution-details execution-id="exec-42" platform-url="https:\/\/platform\.example">/);
      assert.doesNotMatch(html, /object Object|provider-source|secret-token|region|settings/);
      assert.match(readFileSync(join(dir, 'node_modules/frameport/dist/esm/react/index.js'), 'utf8'), /^'use client';/);
    }));

  test('Vue 3: vue-tsc passes the app and catches a misspelled prop (no strictTemplates), vite build', () =>
    limited(async () => {
      const dir = makeApp('vue', apps.vue);
      ok(await run(dir, [bin('vue-tsc/bin/vue-tsc.js'), '--noEmit', '-p', 'tsconfig.json']), 'vue-tsc');
      const bad = await run(dir, [bin('vue-tsc/bin/vue-tsc.js'), '--noEmit', '-p', 'tsconfig.bad.json']);
      assert.notEqual(bad.code, 0, 'vue-tsc accepted the misspelled props');
      assert.match(bad.output, /Bad\.vue\(6,\d+\).*"srcc"/);
      assert.match(bad.output, /Bad\.vue\(7,\d+\).*"tokenProvidr"/);
      assert.match(bad.output, /Bad\.vue\(8,\d+\).*number.*not assignable/);
      ok(await run(dir, [bin('vite/bin/vite.js'), 'build', '--config', 'vite.config.mjs']), 'vite build');
      sizes['Vue 3'] = jsGzip(join(dir, 'dist'));
    }));

  test('SvelteKit 2: prerendered server HTML has strings, no objects or functions; svelte-check', () =>
    limited(async () => {
      const dir = makeApp('sveltekit', apps.sveltekit);
      ok(await run(dir, [bin('vite/bin/vite.js'), 'build', '--config', 'vite.config.mjs']), 'vite build');
      const html = readFileSync(join(dir, 'build/index.html'), 'utf8');
      assert.match(html, /<notebook-embed src="https:\/\/platform\.example\/embed\/notebooks\/sales" language="de">/);
      assert.match(html, /<execution-details execution-id="exec-42" platform-url="https:\/\/platform\.example">/);
      assert.doesNotMatch(html, /object Object|provider-source|tokenprovider|params=|settings=/i);
      sizes['SvelteKit 2 (adapter-static)'] = jsGzip(join(dir, 'build'));
      ok(
        await run(dir, [bin('svelte-check/bin/svelte-check'), '--tsconfig', './tsconfig.json', '--fail-on-warnings']),
        'svelte-check',
      );
    }));

  test('plain HTML: the CDN build from node_modules registers the tags in Chromium', () =>
    limited(async () => {
      const dir = makeApp('html', apps.html);
      const types = { '.html': 'text/html', '.js': 'text/javascript', '.map': 'application/json' };
      const server = createServer((request, response) => {
        const file = join(dir, new URL(request.url, 'http://x').pathname);
        if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile())
          return response.writeHead(404).end();
        response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
        response.end(readFileSync(file));
      });
      await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
      const browser = await chromium.launch(chromiumLaunchOptions());
      try {
        const page = await browser.newPage();
        await page.route(/platform\.example/, (route) => route.abort());
        await page.goto(`http://127.0.0.1:${server.address().port}/index.html`);
        await page.waitForFunction(() => customElements.get('notebook-embed') !== undefined, null, { timeout: 20_000 });
        const state = await page.evaluate(() => {
          const notebook = document.getElementById('notebook');
          return {
            upgraded: notebook instanceof customElements.get('notebook-embed'),
            params: notebook.params,
            provider: typeof notebook.tokenProvider,
          };
        });
        assert.deepEqual(state, { upgraded: true, params: { region: 'EU' }, provider: 'function' });
      } finally {
        await browser.close();
        server.close();
      }
      const cdn = readFileSync(join(dir, 'node_modules/frameport/dist/cdn/frameport.js'));
      sizes['plain HTML (dist/cdn/frameport.js)'] = gzipSync(cdn, { level: 9 }).length;
    }));
});
