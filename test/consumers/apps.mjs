// The consumer apps of test/consumers/consumers.test.mjs: the files each framework's scaffolder
// would give (trimmed to what matters), using frameport as its docs say. `good` files must build
// and type-check; `bad` files hold the mistakes the types must catch.

const URL = 'https://platform.example/embed/notebooks/sales';

/** Files every app has. */
const packageJson = (name) => JSON.stringify({ name: `consumer-${name}`, private: true, type: 'module' });

/** A tsconfig like the scaffolders' (Vite's vanilla-ts and react-ts, create-vue). */
const tsconfig = (extra = {}) =>
  JSON.stringify({
    compilerOptions: {
      target: 'ES2022',
      module: 'ESNext',
      moduleResolution: 'bundler',
      lib: ['ES2022', 'DOM', 'DOM.Iterable'],
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      isolatedModules: true,
      verbatimModuleSyntax: true,
      types: [],
      ...extra,
    },
    include: ['src'],
  });

const indexHtml = (script) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8" /><title>consumer</title></head>` +
  `<body><div id="app"></div><script type="module" src="${script}"></script></body></html>`;

export const vanilla = {
  'package.json': packageJson('vanilla'),
  'tsconfig.json': tsconfig(),
  'index.html': indexHtml('/src/main.ts'),
  'src/main.ts': `import 'frameport';
import type { ParameterChangeDetail } from 'frameport';

const notebook = document.createElement('notebook-embed');
notebook.src = '${URL}';
notebook.params = { region: 'EU' };
notebook.tokenProvider = async () => 'token';
notebook.addEventListener('parameter-change', (event: CustomEvent<ParameterChangeDetail>) => console.log(event.detail.params));
document.querySelector('#app')!.append(notebook);
`,
};

export const react = {
  'package.json': packageJson('react'),
  'tsconfig.json': tsconfig({ jsx: 'react-jsx' }),
  'index.html': indexHtml('/src/main.tsx'),
  'vite.config.mjs': `import react from '@vitejs/plugin-react';
export default { plugins: [react()], logLevel: 'warn' };
`,
  'src/App.tsx': `import { useState } from 'react';
import { ExecutionDetails, NotebookEmbed } from 'frameport/react';

const tokenProvider = async () => 'token';

export function App({ token }: { token: string }) {
  const [params, setParams] = useState<Record<string, unknown>>({ region: 'EU' });
  return (
    <>
      <NotebookEmbed id="notebook" src="${URL}" language="de" params={params} tokenProvider={tokenProvider}
        onParameterChange={({ params }) => setParams(params)} />
      <ExecutionDetails executionId="exec-42" platformUrl="https://platform.example" accessToken={token}
        settings={{ language: 'en', modal: false }} onExecutionRun={({ data }) => console.log(data.id)} />
    </>
  );
}
`,
  'src/main.tsx': `import { createRoot } from 'react-dom/client';
import { App } from './App';
createRoot(document.getElementById('app')!).render(<App token="token" />);
`,
  // Server rendering as Next.js or Remix would do it, with the built package.
  'ssr.mjs': `import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { ExecutionDetails, NotebookEmbed } from 'frameport/react';
console.log(renderToString(createElement('main', null,
  createElement(NotebookEmbed, { src: '${URL}', language: 'de', params: { region: 'EU' }, tokenProvider: async () => 'provider-source' }),
  createElement(ExecutionDetails, { executionId: 'exec-42', platformUrl: 'https://platform.example', accessToken: 'secret-token',
    settings: { language: 'en' }, onExecutionRun: () => {} }),
)));
`,
};

const vueTsconfig = (include) =>
  JSON.stringify({
    compilerOptions: JSON.parse(tsconfig({ jsx: 'preserve' })).compilerOptions,
    include: ['src/env.d.ts', ...include],
  });

export const vue = {
  'package.json': packageJson('vue'),
  // create-vue's setup: no `strictTemplates` in vueCompilerOptions.
  'tsconfig.json': vueTsconfig(['src/main.ts', 'src/App.vue']),
  'tsconfig.bad.json': vueTsconfig(['src/Bad.vue']),
  'index.html': indexHtml('/src/main.ts'),
  'vite.config.mjs': `import vue from '@vitejs/plugin-vue';
export default {
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => ['notebook-embed', 'execution-details', 'embed-provider'].includes(tag) } } })],
  logLevel: 'warn',
};
`,
  'src/env.d.ts': `import type {} from 'frameport/vue';
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent;
  export default component;
}
`,
  'src/main.ts': `import 'frameport';
import { createApp } from 'vue';
import App from './App.vue';
createApp(App).mount('#app');
`,
  // A bound `:src`: vue-tsc loses the listener types of a tag whose static attribute holds `//`.
  'src/App.vue': `<script setup lang="ts">
import { shallowRef } from 'vue';
const integrationUrl = '${URL}';
const params = shallowRef<Record<string, unknown>>({ region: 'EU' });
const tokenProvider = async () => 'token';
</script>
<template>
  <notebook-embed :src="integrationUrl" data-testid="notebook" :params.prop="params" .tokenProvider="tokenProvider"
    @parameter-change="(e) => (params = e.detail.params)" />
</template>
`,
  'src/Bad.vue': `<script setup lang="ts">
const integrationUrl = '${URL}';
const tokenProvider = async () => 'token';
</script>
<template>
  <notebook-embed :srcc="integrationUrl" />
  <notebook-embed .tokenProvidr="tokenProvider" />
  <notebook-embed :params="42" />
</template>
`,
};

export const sveltekit = {
  'package.json': packageJson('sveltekit'),
  'svelte.config.js': `import adapter from '@sveltejs/adapter-static';
export default { kit: { adapter: adapter() } };
`,
  'vite.config.mjs': `import { sveltekit } from '@sveltejs/kit/vite';
export default { plugins: [sveltekit()], logLevel: 'warn' };
`,
  'tsconfig.json': JSON.stringify({
    extends: './.svelte-kit/tsconfig.json',
    compilerOptions: { strict: true, skipLibCheck: true, moduleResolution: 'bundler' },
  }),
  'src/app.html': `<!doctype html><html lang="en"><head><meta charset="utf-8" />%sveltekit.head%</head>
<body><div style="display: contents">%sveltekit.body%</div></body></html>
`,
  'src/app.d.ts': `import type {} from 'frameport/svelte';
export {};
`,
  'src/routes/+layout.ts': `export const prerender = true;
`,
  'src/routes/+page.svelte': `<script lang="ts">
  import 'frameport';
  import { properties } from 'frameport/svelte';
  let params: Record<string, unknown> = $state.raw({ region: 'EU' });
  const settings = { language: 'en', modal: false };
  const tokenProvider = async () => 'provider-source';
</script>

<notebook-embed src="${URL}" language="de" {@attach properties({ params, tokenProvider })}
  onparameter-change={(e) => (params = e.detail.params)}></notebook-embed>
<execution-details execution-id="exec-42" platform-url="https://platform.example"
  {@attach properties({ settings, tokenProvider })}></execution-details>
`,
};

const angularJson = JSON.stringify({
  version: 1,
  cli: { analytics: false, cache: { enabled: false }, packageManager: 'npm' },
  projects: {
    app: {
      projectType: 'application',
      root: '',
      sourceRoot: 'src',
      architect: {
        build: {
          builder: '@angular/build:application',
          options: {
            browser: 'src/main.ts',
            index: 'src/index.html',
            tsConfig: 'tsconfig.json',
            outputPath: { base: 'dist', browser: '' },
            outputHashing: 'none',
            optimization: true,
            sourceMap: false,
            extractLicenses: false,
            progress: false,
            ssr: false,
            prerender: false,
          },
        },
      },
    },
  },
});

/** Angular 21's `ng new` tsconfig, trimmed: strict templates on. */
const angularTsconfig = JSON.stringify({
  compilerOptions: {
    strict: true,
    noImplicitOverride: true,
    skipLibCheck: true,
    isolatedModules: true,
    experimentalDecorators: true,
    target: 'ES2022',
    module: 'preserve',
    moduleResolution: 'bundler',
    types: [],
  },
  angularCompilerOptions: { strictInjectionParameters: true, strictInputAccessModifiers: true, strictTemplates: true },
  files: ['src/main.ts'],
});

const angularComponent = (template) => `import { Component, signal } from '@angular/core';
import { FRAMEPORT_COMPONENTS } from 'frameport/angular';

@Component({
  selector: 'app-root',
  imports: [FRAMEPORT_COMPONENTS],
  template: \`${template}\`,
})
export class App {
  readonly url = '${URL}';
  readonly params = signal<Record<string, unknown>>({ region: 'EU' });
  readonly tokenProvider = async () => 'token';
  readonly last = signal('');
}
`;

const angularFiles = (template) => ({
  'package.json': packageJson('angular'),
  'angular.json': angularJson,
  'tsconfig.json': angularTsconfig,
  'src/index.html': `<!doctype html><html lang="en"><head><meta charset="utf-8" /><title>consumer</title></head><body><app-root></app-root></body></html>`,
  'src/main.ts': `import { provideZonelessChangeDetection } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import { App } from './app';
bootstrapApplication(App, { providers: [provideZonelessChangeDetection()] }).catch((error: unknown) => console.error(error));
`,
  'src/app.ts': angularComponent(template),
});

export const angular = angularFiles(`
    <notebook-embed [src]="url" [params]="params()" [tokenProvider]="tokenProvider"
      (parameter-change)="params.set($event.detail.params)" (run-all)="last.set(url)"></notebook-embed>
    <execution-details executionId="exec-42" platformUrl="https://platform.example" [settings]="{ language: 'en' }"
      (execution-run)="last.set($event.detail.data.id)" (close)="last.set($event.detail.reason)"></execution-details>`);

/** Three mistakes, each of which must fail `ng build`. */
export const angularBad = angularFiles(`
    <notebook-embed [srcc]="url"></notebook-embed>
    <notebook-embed [params]="42"></notebook-embed>
    <notebook-embed (parameter-change)="last.set($event.detail.nope)"></notebook-embed>`);

export const html = {
  'package.json': packageJson('html'),
  'index.html': `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><title>consumer</title></head>
  <body>
    <script type="module" src="./node_modules/frameport/dist/cdn/frameport.js"></script>
    <notebook-embed id="notebook" src="${URL}"></notebook-embed>
    <script type="module">
      const notebook = document.getElementById('notebook');
      notebook.params = { region: 'EU' };
      notebook.tokenProvider = async () => 'token';
    </script>
  </body>
</html>
`,
};
