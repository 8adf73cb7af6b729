import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { exampleConfig } from '../shared/vite.ts';

export default defineConfig(exampleConfig(fileURLToPath(new URL('.', import.meta.url)), [svelte()]));
