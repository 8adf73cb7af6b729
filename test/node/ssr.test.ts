/**
 * Server-side rendering: Next.js, Nuxt, SvelteKit and Angular SSR import an app's modules in Node,
 * where there is no `window` or `document`; embed SDKs that touch them at import time fail with
 * "window is not defined". Each entry of the package is imported here through its own name
 * (the package's `exports`, resolved to dist/esm: `npm run build` first), each in a fresh plain
 * Node process, so one entry's globals cannot hide another's failure.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { exports: Record<string, unknown> };

/** Every JavaScript entry of `exports` (not `./package.json` or the manifest), as an import specifier. */
const entries = Object.entries(pkg.exports)
  .filter(([, target]) => typeof target === 'object')
  .map(([subpath]) => (subpath === '.' ? 'frameport' : `frameport/${subpath.slice(2)}`));

/**
 * Like every Angular library, frameport/angular ships partially compiled components that the
 * app's Angular CLI links at build time; imported raw, as here, Angular's JIT compiler links them.
 */
const ANGULAR_LINKER: Record<string, string> = { 'frameport/angular': "await import('@angular/compiler');" };

/** Runs an ES module snippet in a plain Node process (no tsx, no DOM) from the package root. */
function runModule(source: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--input-type=module', '--eval', source], {
      cwd: root,
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('importing the package in Node without a DOM (SSR)', () => {
  test('the package is built (npm run build)', () => {
    assert.ok(existsSync(`${root}dist/esm/index.js`), 'dist/esm/index.js is missing: run `npm run build` first');
  });

  for (const specifier of ['frameport', 'frameport/elements', 'frameport/react']) {
    test(`the SSR entries include ${specifier}`, () =>
      assert.ok(entries.includes(specifier), `exports lack ${specifier}`));
  }

  for (const specifier of entries) {
    test(`import '${specifier}' does not throw`, async () => {
      const result = await runModule(`
        if (typeof window !== 'undefined' || typeof document !== 'undefined') throw new Error('not a DOM-less Node');
        ${ANGULAR_LINKER[specifier] ?? ''}
        const module = await import(${JSON.stringify(specifier)});
        console.log(JSON.stringify(Object.keys(module).sort()));
      `);
      assert.equal(result.code, 0, `import '${specifier}' failed:\n${result.stderr}`);
      // frameport/vue, /svelte and /jsx only declare template types: nothing to export at run time.
      const typesOnly = ['frameport/vue', 'frameport/svelte', 'frameport/jsx'].includes(specifier);
      if (!typesOnly) assert.ok((JSON.parse(result.stdout) as string[]).length > 0, `'${specifier}' exports nothing`);
    });
  }

  test("'frameport' and 'frameport/elements' export the element classes", async () => {
    const result = await runModule(`
      const main = await import('frameport');
      const elements = await import('frameport/elements');
      for (const name of ['ExecutionDetails', 'NotebookEmbed', 'EmbedProvider']) {
        if (typeof main[name] !== 'function' || main[name] !== elements[name]) throw new Error(name);
      }
    `);
    assert.equal(result.code, 0, result.stderr);
  });

  test("'frameport/react' server-renders string props as attributes, never objects, functions or tokens", async () => {
    const result = await runModule(`
      const { createElement } = await import('react');
      const { renderToString } = await import('react-dom/server');
      const { ExecutionDetails, NotebookEmbed } = await import('frameport/react');
      console.log(renderToString(createElement('main', null,
        createElement(ExecutionDetails, {
          accessToken: 'secret-token', executionId: 'e1', platformUrl: 'https://platform.example',
          settings: { language: 'en' }, modal: true, autoResize: false, handshakeTimeout: 5000,
          onExecutionRun: () => {}, onClose: () => {}, id: 'ex',
        }),
        createElement(NotebookEmbed, {
          src: 'https://platform.example/nb/1', language: 'de', params: { region: 'EU' },
          tokenProvider: async () => 'provider-source', className: 'nb',
        }),
      )));
    `);
    assert.equal(result.code, 0, result.stderr);
    const html = result.stdout.trim();
    const tag = (name: string) => new RegExp(`<${name}\\b([^>]*)>`).exec(html)?.[1] ?? '';
    const attributes = (text: string) =>
      Object.fromEntries([...text.matchAll(/([\w-]+)="([^"]*)"/g)].map((match) => [match[1], match[2]]));
    assert.deepEqual(attributes(tag('execution-details')), {
      'execution-id': 'e1',
      'platform-url': 'https://platform.example',
      id: 'ex',
      modal: '',
      'auto-resize': 'false',
      'handshake-timeout': '5000',
    });
    assert.deepEqual(attributes(tag('notebook-embed')), {
      src: 'https://platform.example/nb/1',
      language: 'de',
      class: 'nb',
    });
    // Properties (objects, functions, the access token) are set in the browser after hydration.
    assert.doesNotMatch(html, /secret-token|provider-source|object Object|region|settings|params|=>/);
  });

  test("'frameport/react' starts with the 'use client' directive (React Server Components)", () => {
    const code = readFileSync(`${root}dist/esm/react/index.js`, 'utf8');
    assert.match(code, /^(?:\s|\/\*[\s\S]*?\*\/|\/\/[^\n]*\n)*['"]use client['"];/);
  });
});
