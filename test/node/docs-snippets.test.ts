/**
 * Every fenced code block in README.md and docs/*.md is checked, so the docs show code that works:
 *
 * - `ts`, `tsx`, `js`: type-checked together against the package's own types (`frameport/*`
 *   resolves to src/, as the `exports` map does to dist/), with the repository's strict options;
 * - `html`: each frameport tag uses only attributes custom-elements.json lists (plus global ones);
 * - `sh`: every `npm run`, `npm start`, `npm test` names a script of package.json, every
 *   `node <file>` a file that exists;
 * - `svelte`, `vue`: compiled with the framework's own compiler (the same patterns are built and
 *   type-checked against the typings in the framework examples, `npm run test:frameworks`);
 * - a block without a language is a diagram or an output sample and is not run.
 *
 * An HTML comment right before a block can change how it is checked, and says why:
 *   <!-- docs-test: continues the block above -->   checked with the previous block's code first;
 *   <!-- docs-test: declare const el: …; -->          free names of a fragment, declared for TypeScript;
 *   <!-- docs-test: skip: <reason> -->                not checked (only when it cannot run standalone).
 *
 * Also: links to files resolve (relative ones to files the package ships, so they work on npm and
 * in node_modules), and the docs name no file outside the repository.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse as parseVue, compileScript, compileTemplate } from '@vue/compiler-sfc';
import { compile as compileSvelte } from 'svelte/compiler';
import ts from 'typescript';

const root = fileURLToPath(new URL('../../', import.meta.url));
const DOCS = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];
const REPOSITORY = /^https:\/\/github\.com\/frameport\/frameport\/(?:blob|tree)\/main\//;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  files: string[];
  exports: Record<string, string | { types: string }>;
};

interface Block {
  doc: string;
  line: number;
  lang: string;
  code: string;
  marker: string | undefined;
}

function blocksOf(doc: string): Block[] {
  const text = readFileSync(join(root, doc), 'utf8');
  const blocks: Block[] = [];
  const fence = /^```([\w-]*)[^\n]*\n([\s\S]*?)^```\s*$/gm;
  let previousEnd = 0;
  for (let match = fence.exec(text); match; match = fence.exec(text)) {
    const between = text.slice(previousEnd, match.index);
    const markers = [...between.matchAll(/<!--\s*docs-test:\s*([\s\S]*?)\s*-->/g)];
    blocks.push({
      doc,
      line: text.slice(0, match.index).split('\n').length,
      lang: match[1]!,
      code: match[2]!,
      marker: markers.at(-1)?.[1],
    });
    previousEnd = match.index + match[0].length;
  }
  return blocks;
}

const blocks = DOCS.flatMap(blocksOf);
const where = (block: Block) => `${block.doc}:${block.line} (${block.lang || 'text'})`;
const skipped = (block: Block) => block.marker?.startsWith('skip:') ?? false;

const scratch = join(root, 'node_modules/.cache/docs-snippets');
after(() => rmSync(scratch, { recursive: true, force: true }));

describe('docs: code blocks', () => {
  test('every block has a language this test checks, or none (diagrams, output)', () => {
    const known = new Set(['', 'ts', 'tsx', 'js', 'html', 'sh', 'svelte', 'vue']);
    const unknown = blocks.filter((block) => !known.has(block.lang)).map(where);
    assert.deepEqual(unknown, []);
  });

  test('a skipped block says why', () => {
    const bare = blocks.filter((block) => skipped(block) && block.marker!.slice(5).trim().length < 10).map(where);
    assert.deepEqual(bare, []);
  });

  test('TypeScript and JavaScript blocks type-check against the package', () => {
    rmSync(scratch, { recursive: true, force: true });
    mkdirSync(scratch, { recursive: true });
    const files = new Map<string, Block>();
    let previous: { code: string; lang: string } | undefined;
    blocks.forEach((block, index) => {
      if (!['ts', 'tsx', 'js'].includes(block.lang) || skipped(block)) return;
      let code = block.code;
      let lang = block.lang;
      if (block.marker?.startsWith('continues')) {
        assert.ok(previous, `${where(block)} continues no block`);
        code = `${previous.code}\n${code}`;
        if (previous.lang !== 'js') lang = previous.lang === 'tsx' || lang === 'tsx' ? 'tsx' : 'ts';
      }
      previous = { code, lang };
      const declare = block.marker?.startsWith('declare') ? `${block.marker}\n` : '';
      if (declare && lang === 'js') lang = 'ts'; // the declarations are TypeScript
      const file = join(scratch, `${block.doc.replace(/\W/g, '_')}_${index}.${lang}`);
      // `export {}`: every block is its own module, so names never clash between blocks.
      writeFileSync(file, `${declare}${code}\nexport {};\n`);
      files.set(file, block);
    });

    const paths: Record<string, string[]> = {};
    for (const [entry, target] of Object.entries(pkg.exports)) {
      if (typeof target !== 'object') continue;
      const source = target.types.replace('./dist/esm/', './src/').replace(/\.d\.ts$/, '.ts');
      paths[entry.replace(/^\./, 'frameport')] = [source];
    }
    const options: ts.CompilerOptions = {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
      strict: true,
      jsx: ts.JsxEmit.ReactJSX,
      allowJs: true,
      checkJs: true,
      noEmit: true,
      skipLibCheck: true,
      experimentalDecorators: false,
      types: ['node', 'mocha'], // mocha: the `it` of @web/test-runner in docs/TESTING.md
      baseUrl: root,
      paths,
    };
    const program = ts.createProgram([...files.keys()], options);
    const problems: string[] = [];
    for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
      const file = diagnostic.file?.fileName;
      const block = file ? files.get(file) : undefined;
      const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
      if (!block) {
        // An error in the package's own sources is not the docs' fault, but must not hide.
        problems.push(`${file ? relative(root, file) : '(program)'}: ${message}`);
        continue;
      }
      const { line } = diagnostic.file!.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
      problems.push(`${where(block)}, line ${line + 1} of the checked code: ${message}`);
    }
    assert.ok(files.size >= 8, `only ${files.size} blocks checked`);
    assert.deepEqual(problems, []);
  });

  test('HTML blocks use only attributes the elements have', () => {
    assert.ok(
      existsSync(join(root, 'custom-elements.json')),
      'custom-elements.json is missing: run `npm run build` first',
    );
    const manifest = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8')) as {
      modules: Array<{ declarations?: Array<{ tagName?: string; attributes?: Array<{ name: string }> }> }>;
    };
    const attributes = new Map<string, Set<string>>();
    for (const declaration of manifest.modules.flatMap((module) => module.declarations ?? [])) {
      if (declaration.tagName)
        attributes.set(declaration.tagName, new Set((declaration.attributes ?? []).map((a) => a.name)));
    }
    assert.ok(attributes.has('execution-details') && attributes.has('notebook-embed'), 'manifest without the tags');
    const global = new Set(['id', 'class', 'style', 'slot', 'hidden', 'title', 'lang', 'dir']);
    const problems: string[] = [];
    let tags = 0;
    for (const block of blocks.filter((b) => b.lang === 'html' && !skipped(b))) {
      for (const [, tag, rest] of block.code.matchAll(/<([a-z]+-[a-z-]+)(\s[^>]*)?>/g)) {
        const known = attributes.get(tag!);
        if (!known) {
          problems.push(`${where(block)}: <${tag}> is not an element of the package`);
          continue;
        }
        tags++;
        for (const [, name] of (rest ?? '').matchAll(/([\w-]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?/g)) {
          if (!known.has(name!) && !global.has(name!))
            problems.push(`${where(block)}: <${tag} ${name}> is no attribute`);
        }
      }
    }
    assert.ok(tags >= 4, `only ${tags} tags checked`);
    assert.deepEqual(problems, []);
  });

  test('shell blocks run npm scripts that exist and files that exist', () => {
    const problems: string[] = [];
    for (const block of blocks.filter((b) => b.lang === 'sh' && !skipped(b))) {
      for (const line of block.code.split('\n')) {
        const command = line.replace(/\s#.*$/, '');
        for (const [, script] of command.matchAll(/\bnpm run ([\w:-]+)/g))
          if (!(script! in pkg.scripts)) problems.push(`${where(block)}: no npm script "${script}"`);
        for (const [, script] of command.matchAll(/\bnpm (start|test)\b/g))
          if (!(script! in pkg.scripts)) problems.push(`${where(block)}: no npm script "${script}"`);
        for (const [, file] of command.matchAll(/\b(?:node|npx tsx)\s+((?:\.\/)?[\w./-]+\.(?:mjs|js|ts))/g))
          if (!existsSync(join(root, file!))) problems.push(`${where(block)}: no file ${file}`);
      }
    }
    assert.deepEqual(problems, []);
  });

  test('Svelte and Vue blocks compile', () => {
    const problems: string[] = [];
    for (const block of blocks.filter((b) => (b.lang === 'svelte' || b.lang === 'vue') && !skipped(b))) {
      try {
        if (block.lang === 'svelte') {
          compileSvelte(block.code, { generate: 'client', filename: 'Snippet.svelte' });
        } else {
          const { descriptor, errors } = parseVue(block.code, { filename: 'Snippet.vue' });
          if (errors.length) throw errors[0];
          compileScript(descriptor, { id: 'snippet' });
          const template = compileTemplate({
            source: descriptor.template?.content ?? '',
            filename: 'Snippet.vue',
            id: 'snippet',
            compilerOptions: { isCustomElement: (tag) => tag.includes('-') },
          });
          if (template.errors.length) throw template.errors[0];
        }
      } catch (error) {
        problems.push(`${where(block)}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    assert.deepEqual(problems, []);
  });
});

describe('docs: links and references', () => {
  const shipped = (path: string) =>
    pkg.files.some((pattern) =>
      pattern.includes('*')
        ? new RegExp(`^${pattern.replace(/\./g, '\\.').replace(/\*/g, '[^/]*')}$`).test(path)
        : path === pattern || path.startsWith(`${pattern}/`),
    );

  test('relative links point at files the package ships; repository links at files that exist', () => {
    const problems: string[] = [];
    for (const doc of DOCS) {
      const text = readFileSync(join(root, doc), 'utf8');
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        const link = target!.split(/[#?]/)[0]!;
        if (link === '') continue; // an anchor on the same page
        if (REPOSITORY.test(link)) {
          const file = link.replace(REPOSITORY, '');
          if (!existsSync(join(root, file))) problems.push(`${doc}: ${link} names no file of the repository`);
          continue;
        }
        if (/^[a-z]+:/.test(link)) continue; // another site
        const file = relative(root, join(root, doc, '..', link));
        if (!existsSync(join(root, file))) problems.push(`${doc}: ${link} does not exist`);
        else if (!shipped(file)) problems.push(`${doc}: ${link} is not in the package (link to it on GitHub)`);
      }
    }
    assert.deepEqual(problems, []);
  });

  test('no file outside the repository and no unpublished CDN URL is named', () => {
    const outside =
      /\b(CONTRACT\.md|THREATS\.md|ARCHITECTURE\.md|STYLE\.md|shared\/seeds)\b|\bseed 00\d|unpkg\.com\/frameport/;
    const problems: string[] = [];
    for (const doc of [...DOCS, 'demo/platform/README.md']) {
      readFileSync(join(root, doc), 'utf8')
        .split('\n')
        .forEach((line, index) => {
          const found = outside.exec(line);
          if (found) problems.push(`${doc}:${index + 1}: ${found[0]}`);
        });
    }
    assert.deepEqual(problems, []);
  });
});
