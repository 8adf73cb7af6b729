#!/usr/bin/env node
// `npm run size`: what the SDK costs a page, min+gzip and min+brotli (node:zlib, maximum quality).
//
//  - dist/cdn/frameport.js and frameport.iife.js as shipped (already minified by the build), and
//    each chunk the ES module loads on demand with `import()` (the RPC client at the first method
//    call, the explanation of a failed handshake). The budget of frameport.js is for what a page loads: the file and every chunk it
//    imports statically (none today); on-demand chunks are listed with the `import()` that loads them;
//  - each public browser entry (frameport, frameport/host, frameport/guest, frameport/protocol)
//    bundled with all its dependencies from dist/esm, minified with esbuild, as a user's bundler
//    would ship it.
//
// Prints a markdown table; exits 1 when a gzip budget is exceeded, or when zod reached any of these
// bundles (the SDK validates with its own src/protocol/schema.ts; zod is for the reference platform).
// Needs `npm run build` first.
//   --json   also print the figures as JSON (for bench/CI tooling)
import { build } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Gzip budgets in bytes; bundles without one are reported only. `dist/cdn/frameport.js` is what
 * a page with an embed loads: the file and the chunks it imports statically. Its budget was
 * 18,000 B for the first release; session handling, the page-wide router, lazy and modal
 * loading, theme, the dialog and connection controllers and the refused-frame diagnosis took it
 * past 21 kB (Lit and @lit/context alone are 7.5 kB of it); loading the RPC client and the
 * diagnosis' words on demand brought it back to 21.0 kB. 21,500 B holds that line until the
 * elements are slimmed.
 */
const BUDGETS = {
  'dist/cdn/frameport.js': 21_500,
  'frameport/host': 11_000,
  'frameport/guest': 10_000,
};

const CDN_FILES = ['dist/cdn/frameport.js', 'dist/cdn/frameport.iife.js'];
const ENTRIES = {
  frameport: 'dist/esm/index.js',
  'frameport/host': 'dist/esm/host/index.js',
  'frameport/guest': 'dist/esm/guest/index.js',
  'frameport/protocol': 'dist/esm/protocol/index.js',
};

/** zod (a dev dependency of the reference platform): never in a browser bundle of the SDK. */
const ZOD = /node_modules\/zod\//;

const required = [...CDN_FILES, ...Object.values(ENTRIES)];
const absent = required.filter((file) => !existsSync(join(root, file)));
if (absent.length) {
  console.error(`size: ${absent.join(', ')} missing: run npm run build first`);
  process.exit(1);
}

const gzip = (bytes) => gzipSync(bytes, { level: 9 }).length;
const brotli = (bytes) =>
  brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  }).length;

/** @type {Array<{ name: string, min: number, gzip: number, brotli: number, budget?: number, zod: string[] }>} */
const rows = [];

/** Sizes of one shipped file, with the modules its source map names. */
function shipped(file) {
  const code = readFileSync(join(root, file));
  let sources = [];
  try {
    sources = JSON.parse(readFileSync(join(root, `${file}.map`), 'utf8')).sources ?? [];
  } catch {
    /* no source map: cannot look inside */
  }
  return { code, min: code.length, gzip: gzip(code), brotli: brotli(code), zod: sources.filter((s) => ZOD.test(s)) };
}

/** The relative files a minified ES module imports: statically (`import…from"./x"`) and with `import("./x")`. */
function importsOf(code) {
  const text = code.toString('utf8');
  const dynamic = [...text.matchAll(/\bimport\(\s*["'](\.\/[^"']+)["']\s*\)/g)].map((m) => m[1]);
  const all = [...text.matchAll(/(?:\bfrom|\bimport|\bimport\()\s*["'](\.\/[^"']+)["']/g)].map((m) => m[1]);
  return { static: all.filter((f) => !dynamic.includes(f)), dynamic };
}

for (const file of CDN_FILES) {
  const entry = shipped(file);
  if (file.endsWith('.iife.js')) {
    rows.push({ name: file, ...entry, budget: BUDGETS[file] });
    continue;
  }
  // The ES module and what it imports: loaded with the page (static) or on demand (import()).
  const { static: withPage, dynamic: onDemand } = importsOf(entry.code);
  const chunks = (names) =>
    names.map((path) => ({ name: `dist/cdn/${path.slice(2)}`, ...shipped(join('dist/cdn', path)) }));
  const loaded = chunks(withPage);
  const later = chunks(onDemand);
  const total = (name, parts, budget) =>
    rows.push({
      name,
      min: parts.reduce((sum, part) => sum + part.min, 0),
      gzip: parts.reduce((sum, part) => sum + part.gzip, 0),
      brotli: parts.reduce((sum, part) => sum + part.brotli, 0),
      budget,
      zod: parts.flatMap((part) => part.zod),
    });
  total(loaded.length ? `${file} + ${loaded.map((c) => c.name).join(' + ')}` : file, [entry, ...loaded], BUDGETS[file]);
  for (const chunk of later) rows.push({ ...chunk, name: `${chunk.name} (on demand)` });
  if (later.length) total(`${file}, all chunks included`, [entry, ...loaded, ...later]);
}

for (const [name, entry] of Object.entries(ENTRIES)) {
  const result = await build({
    absWorkingDir: root,
    entryPoints: [join(root, entry)],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['production', 'module'],
    define: { 'process.env.NODE_ENV': '"production"' },
    write: false,
    metafile: true,
    logLevel: 'error',
  });
  const code = result.outputFiles[0].contents;
  rows.push({
    name,
    min: code.length,
    gzip: gzip(code),
    brotli: brotli(code),
    budget: BUDGETS[name],
    zod: Object.keys(result.metafile.inputs).filter((input) => ZOD.test(input)),
  });
}

const failures = [];
const fmt = (n) => n.toLocaleString('en-US');
const lines = [
  '| Bundle | min | min+gzip | min+brotli | gzip budget | status |',
  '| --- | ---: | ---: | ---: | ---: | --- |',
];
for (const row of rows) {
  const problems = [];
  if (row.budget !== undefined && row.gzip > row.budget) {
    problems.push(`over by ${fmt(row.gzip - row.budget)} B`);
    failures.push(`${row.name}: ${fmt(row.gzip)} B gzip, budget ${fmt(row.budget)} B`);
  }
  if (row.zod.length) {
    problems.push('zod inside');
    failures.push(`${row.name}: zod bundled (${row.zod.length} modules, e.g. ${row.zod[0]})`);
  }
  const status = problems.length ? `**FAIL**: ${problems.join(', ')}` : row.budget !== undefined ? 'ok' : '-';
  const budget = row.budget !== undefined ? fmt(row.budget) : '-';
  lines.push(`| \`${row.name}\` | ${fmt(row.min)} | ${fmt(row.gzip)} | ${fmt(row.brotli)} | ${budget} | ${status} |`);
}
console.log(lines.join('\n'));
console.log('\nBytes. CDN files as shipped; entries bundled from dist/esm with esbuild (minify, esm, browser).');
if (process.argv.includes('--json')) console.log(JSON.stringify(rows, null, 2));

if (failures.length) {
  console.error(`\nsize: ${failures.length} problem(s):\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
