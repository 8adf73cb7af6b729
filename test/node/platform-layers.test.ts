import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

/** The platform's layers, read from its source: imports form no cycle, SQL lives in model/ (and db.ts's migrations). */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../demo/platform');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sources(path);
    return /\.ts$/.test(name) && !/\.d\.ts$/.test(name) ? [path] : [];
  });
}

/**
 * Relative imports of a file that exist at run time: `import type` is erased by the compiler, so a
 * type-only import joins no module into a cycle (it says which types a layer names, not what it runs).
 */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found = new Set<string>();
  const pattern =
    /(?:^|\n)\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s+['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;
  for (const match of text.matchAll(pattern)) {
    if (match[2]) continue; // import type { … } / export type { … }
    const names = match[3] ?? '';
    // import { type A, type B } from …: only types as well.
    if (
      /^\{[^}]*\}$/.test(names) &&
      names
        .slice(1, -1)
        .split(',')
        .every((n) => /^\s*(type\s+\S|$)/.test(n))
    )
      continue;
    const spec = (match[4] ?? match[5])!;
    found.add(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
  }
  return [...found];
}

function findCycle(graph: Map<string, string[]>): string[] | undefined {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === 'done') return undefined;
    if (state.get(node) === 'visiting') return [...stack.slice(stack.indexOf(node)), node];
    state.set(node, 'visiting');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) continue;
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
}

const files = sources(ROOT).filter(
  (f) => !f.includes(`${join(ROOT, 'pages')}`) && !f.includes(join(ROOT, 'connectors')),
);

test('the cycle finder finds a cycle (positive control)', () => {
  const graph = new Map([
    ['a', ['b']],
    ['b', ['c']],
    ['c', ['a']],
  ]);
  assert.deepEqual(findCycle(graph), ['a', 'b', 'c', 'a']);
  assert.equal(
    findCycle(
      new Map([
        ['a', ['b']],
        ['b', []],
      ]),
    ),
    undefined,
  );
});

test('the platform server code has no import cycle', () => {
  assert.ok(files.length > 30, `read ${files.length} files`);
  const graph = new Map(files.map((f) => [f, importsOf(f)]));
  const cycle = findCycle(graph);
  assert.equal(cycle, undefined, `import cycle: ${cycle?.map((f) => relative(ROOT, f)).join(' -> ')}`);
});

test('db.ts opens and migrates only; the demo data is a leaf module', () => {
  assert.deepEqual(importsOf(join(ROOT, 'db.ts')), []);
  assert.deepEqual(importsOf(join(ROOT, 'demo-data.ts')), []);
});

test('every SQL statement is in model/ (db.ts holds only the migrations)', () => {
  const outside = files
    .filter((f) => !f.startsWith(join(ROOT, 'model')) && f !== join(ROOT, 'db.ts'))
    .filter((f) => /\.prepare\(|\bdb\.exec\(|\.pragma\(/.test(readFileSync(f, 'utf8')))
    .map((f) => relative(ROOT, f));
  assert.deepEqual(outside, []);
});
