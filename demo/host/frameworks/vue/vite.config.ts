import vue from '@vitejs/plugin-vue';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { exampleConfig } from '../shared/vite.ts';

// Vue must know the tags are custom elements, or it tries to resolve them as Vue components.
const isCustomElement = (tag: string) =>
  tag === 'notebook-embed' || tag === 'execution-details' || tag === 'embed-provider';

export default defineConfig(
  exampleConfig(fileURLToPath(new URL('.', import.meta.url)), [
    vue({ template: { compilerOptions: { isCustomElement } } }),
  ]),
);
