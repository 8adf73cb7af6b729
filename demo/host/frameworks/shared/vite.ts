// Vite settings the Vue, Svelte and React examples share. `frameport` resolves like in any app,
// from node_modules/frameport: the packed package that scripts/build-frameworks.mjs unpacks there,
// so the examples use exactly what npm would install (`files`, `exports`, `sideEffects`, types).
// The output has fixed file names so the browser tests can load `dist/app.js`.
import type { UserConfig } from 'vite';

export function exampleConfig(root: string, plugins: UserConfig['plugins']): UserConfig {
  return {
    root,
    base: './',
    logLevel: 'warn',
    plugins,
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      target: 'es2022',
      reportCompressedSize: false,
      rolldownOptions: {
        output: { entryFileNames: 'app.js', chunkFileNames: '[name].js', assetFileNames: '[name][extname]' },
      },
    },
  };
}
