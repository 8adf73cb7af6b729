/**
 * Server rendering of the tags by SvelteKit's and Nuxt's renderers (`svelte/server`,
 * `vue/server-renderer`): strings may reach the HTML as attributes, objects and functions must
 * not (`params="[object Object]"`, a token provider's source code). Each case renders the same
 * markup twice: the plain binding, to show what the renderer does with it, and the pattern
 * docs/FRAMEWORKS.md gives.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { after, describe, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compile } from 'svelte/compiler';
import { render } from 'svelte/server';
import { createSSRApp } from 'vue';
import { renderToString } from 'vue/server-renderer';

const root = fileURLToPath(new URL('../../', import.meta.url));
// Compiled components import `svelte/internal/server`: keep them where the root node_modules resolves.
mkdirSync(`${root}node_modules/.cache`, { recursive: true });
const scratch = mkdtempSync(`${root}node_modules/.cache/ssr-frameworks-`);
after(() => rmSync(scratch, { recursive: true, force: true }));

const SRC = 'https://platform.example/embed/notebooks/sales';
/** What must never reach server HTML. */
const LEAKS = /object Object|provider-source|secret-token|region|tokenprovider|params=|settings=/i;

/** Compiles a Svelte 5 component for the server and renders it, as SvelteKit does. */
async function renderSvelte(name: string, source: string): Promise<string> {
  const { js } = compile(source, { generate: 'server', filename: `${name}.svelte` });
  const file = `${scratch}/${name}.js`;
  writeFileSync(file, js.code);
  const { default: component } = (await import(pathToFileURL(file).href)) as { default: Parameters<typeof render>[0] };
  return render(component, { props: {} }).body;
}

const svelteScript = `<script>
  import { properties } from ${JSON.stringify(pathToFileURL(`${root}src/types/svelte.ts`).href)};
  const params = { region: 'EU' };
  const settings = { language: 'en', modal: false };
  const tokenProvider = async () => 'provider-source';
</script>`;

describe('SvelteKit: server HTML of the tags (svelte/server)', () => {
  test('plain props: Svelte writes objects and functions into attributes (why the pattern exists)', async () => {
    const html = await renderSvelte(
      'Plain',
      `${svelteScript}<notebook-embed src="${SRC}" {params} {tokenProvider}></notebook-embed>`,
    );
    assert.match(html, /params="\[object Object\]"/);
    assert.match(html, /provider-source/);
  });

  test('`{@attach properties({...})}` keeps objects and functions out, strings in', async () => {
    const html = await renderSvelte(
      'Attached',
      `${svelteScript}
<notebook-embed src="${SRC}" language="de" {@attach properties({ params, tokenProvider })}></notebook-embed>
<execution-details execution-id="e1" platform-url="https://platform.example"
  {@attach properties({ settings, tokenProvider, accessToken: 'secret-token' })}></execution-details>`,
    );
    assert.match(html, new RegExp(`<notebook-embed src="${SRC}" language="de"></notebook-embed>`));
    assert.match(
      html,
      /<execution-details execution-id="e1" platform-url="https:\/\/platform.example"><\/execution-details>/,
    );
    assert.doesNotMatch(html, LEAKS);
  });
});

describe('Nuxt: server HTML of the tags (vue/server-renderer)', () => {
  test('objects and functions bound with `:name` or `.prop` never reach the HTML; strings do', async () => {
    const app = createSSRApp({
      data: () => ({ src: SRC, params: { region: 'EU' }, tokenProvider: async () => 'provider-source' }),
      template: `<notebook-embed :src="src" :params="params" :tokenProvider="tokenProvider"></notebook-embed>
        <notebook-embed :src="src" :params.prop="params" .tokenProvider="tokenProvider"></notebook-embed>`,
      compilerOptions: { isCustomElement: (tag: string) => tag.includes('-') },
    });
    const html = await renderToString(app);
    assert.equal(html.match(new RegExp(`<notebook-embed src="${SRC}"></notebook-embed>`, 'g'))?.length, 2, html);
    assert.doesNotMatch(html, LEAKS);
  });
});

describe('the `properties` attachment in the browser', () => {
  test('sets the very objects and functions as properties', async () => {
    const { properties } = await import('../../src/types/svelte.js');
    const params = { region: 'EU' };
    const tokenProvider = async () => 'token';
    const element = {} as HTMLElement & { params?: unknown; tokenProvider?: unknown };
    properties({ params, tokenProvider })(element);
    assert.equal(element.params, params);
    assert.equal(element.tokenProvider, tokenProvider);
  });
});
