/**
 * What `npm publish` would ship (`npm pack --dry-run --json`, after `npm run build`): exactly what
 * users need. Every `exports` entry resolves to a packed file with its types, the package.json
 * fields that tools read (`types`, `unpkg`, `customElements`, `sideEffects`) point at packed
 * files, and nothing from the repository's tests, demos, sources or scripts goes along.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = fileURLToPath(new URL('../../', import.meta.url));

interface Conditions {
  types?: string;
  default?: string;
  [condition: string]: string | Conditions | undefined;
}
interface PackageJson {
  name: string;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  main: string;
  module: string;
  types: string;
  unpkg: string;
  customElements: string;
  sideEffects: string[];
  exports: Record<string, string | Conditions>;
}
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as PackageJson;

/** Paths (relative, no `./`) that the tarball would contain. */
let packed: Set<string>;
before(async () => {
  // --ignore-scripts: list what is there now; building is `npm run build`'s job, not this test's.
  const { stdout } = await promisify(execFile)('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: root,
    maxBuffer: 16 * 1024 * 1024,
  });
  const [result] = JSON.parse(stdout) as Array<{ files: Array<{ path: string }> }>;
  packed = new Set(result!.files.map((file) => file.path));
});

const strip = (path: string) => path.replace(/^\.\//, '');
const leaves = (conditions: Conditions): string[] =>
  Object.values(conditions).flatMap((value) => (typeof value === 'string' ? [value] : value ? leaves(value) : []));
const isPacked = (path: string) => packed.has(strip(path));

/** Files a published package may contain: the builds, the manifest, the README (and npm's own). */
const ALLOWED = [
  /^dist\/esm\/.+\.(js|d\.ts)$/,
  /^dist\/cdn\/.+\.js(\.map)?$/,
  /^custom-elements\.json$/,
  /^vscode\.html-custom-data\.json$/,
  /^web-types\.json$/,
  /^README\.md$/,
  /^docs\/[A-Z]+\.md$/, // the guides README.md links to, so its links work on npm and in node_modules
  /^package\.json$/,
  /^LICENSE(\.md)?$/,
];

describe('npm pack', () => {
  test('contains the dist entries, the CDN builds, custom-elements.json and README.md', () => {
    for (const file of [
      'dist/esm/index.js',
      'dist/esm/index.d.ts',
      'dist/cdn/frameport.js',
      'dist/cdn/frameport.iife.js',
      'custom-elements.json',
      'README.md',
      'package.json',
    ]) {
      assert.ok(packed.has(file), `${file} is not in the package (built? listed in "files"?)`);
    }
  });

  test('contains nothing from test/, demo/, src/, scripts/ or bench/, and nothing else unexpected', () => {
    const stray = [...packed].filter((path) => !ALLOWED.some((pattern) => pattern.test(path)));
    assert.deepEqual(stray, [], `unexpected files in the package:\n  ${stray.join('\n  ')}`);
    const forbidden = [...packed].filter((path) => /^(test|demo|src|scripts|bench|node_modules)\//.test(path));
    assert.deepEqual(forbidden, []);
  });

  for (const [entry, target] of Object.entries(pkg.exports)) {
    test(`exports["${entry}"] resolves to packed files, types first`, () => {
      if (typeof target === 'string' && target.includes('*')) {
        // A subpath pattern (./dist/cdn/*): it must match at least one packed file.
        const [before, after] = strip(target).split('*') as [string, string];
        const matched = [...packed].some((path) => path.startsWith(before) && path.endsWith(after));
        return assert.ok(matched, `${target} matches no packed file`);
      }
      if (typeof target === 'string') return assert.ok(isPacked(target), `${target} is not packed`);
      assert.equal(Object.keys(target)[0], 'types', `"types" must come first (TypeScript takes the first match)`);
      const types = typeof target.types === 'string' ? target.types : '';
      assert.ok(
        types.endsWith('.d.ts') && isPacked(types),
        `${entry}: types ${types || '(none)'} is not a packed .d.ts`,
      );
      assert.ok(typeof target.default === 'string', `${entry} has no "default"`);
      // Every file any condition names (default, development, browser, ...), however nested.
      for (const file of leaves(target)) assert.ok(isPacked(file), `${entry}: ${file} is not packed`);
    });
  }

  test('every part frameport.js loads on demand is packed next to it', () => {
    const code = readFileSync(`${root}dist/cdn/frameport.js`, 'utf8');
    const parts = [...code.matchAll(/\bimport\(\s*["']\.\/([^"']+)["']\s*\)/g)].map((m) => `dist/cdn/${m[1]}`);
    assert.ok(parts.length > 0, 'positive control: frameport.js loads parts on demand');
    for (const part of parts) assert.ok(packed.has(part), `${part} is not packed`);
  });

  test('the CDN source maps carry no sources text, so they stay small', () => {
    for (const file of ['dist/cdn/frameport.js.map', 'dist/cdn/frameport.iife.js.map']) {
      if (!packed.has(file)) continue; // maps are optional; when shipped, they must be lean
      const text = readFileSync(`${root}${file}`, 'utf8');
      const map = JSON.parse(text) as { sourcesContent?: unknown };
      assert.equal(map.sourcesContent, undefined, `${file} embeds its sources`);
      assert.ok(text.length < 100_000, `${file} is ${text.length} bytes`);
    }
  });

  test('main, module, types, unpkg and customElements point at packed files', () => {
    for (const field of ['main', 'module', 'types', 'unpkg', 'customElements'] as const) {
      assert.ok(isPacked(pkg[field]), `"${field}": ${pkg[field]} is not packed`);
    }
  });

  test('every sideEffects pattern matches a packed file (a stale one would let bundlers drop registration)', () => {
    for (const pattern of pkg.sideEffects) {
      const regex = new RegExp(
        `^${strip(pattern)
          .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
          .replace(/\*/g, '[^/]*')}$`,
      );
      assert.ok(
        [...packed].some((path) => regex.test(path)),
        `sideEffects "${pattern}" matches no packed file`,
      );
    }
  });

  test('every package the built modules import is a dependency or peer dependency', () => {
    const declared = new Set([...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})]);
    const undeclared = new Set<string>();
    for (const file of [...packed].filter((path) => /^dist\/esm\/.+\.js$/.test(path))) {
      const code = readFileSync(`${root}${file}`, 'utf8');
      for (const match of code.matchAll(/\b(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)) {
        const specifier = match[1]!;
        if (specifier.startsWith('.') || specifier.startsWith('node:') || builtinModules.includes(specifier)) continue;
        const name = specifier
          .split('/')
          .slice(0, specifier.startsWith('@') ? 2 : 1)
          .join('/');
        // `frameport` itself: a self-reference (or a doc comment's example) resolves to the package.
        if (!declared.has(name) && name !== pkg.name) undeclared.add(`${name} (${file})`);
      }
    }
    // A devDependency is not installed for users: their import of the entry would fail.
    assert.deepEqual([...undeclared], [], 'imported but not in dependencies / peerDependencies');
  });
});
