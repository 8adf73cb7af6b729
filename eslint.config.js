// @ts-check
// ESLint 9 flat config. `recommended` everywhere; type-aware `recommendedTypeChecked` only for the
// SDK sources (src/**), which keeps `npx eslint .` fast on small machines.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  globalIgnores([
    '**/node_modules/',
    'dist/',
    '.data/',
    'coverage/',
    'screenshots/',
    'custom-elements.json',
    'demo/host/frameworks/**/dist/',
    'demo/host/frameworks/**/build/',
    'demo/host/frameworks/**/.angular/',
    '**/*.tsbuildinfo',
    '**/.scratch/',
  ]),
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },

  js.configs.recommended,
  tseslint.configs.recommended,

  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
    },
  },

  // Node-side JavaScript: scripts, test servers, configs, benchmarks.
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
  // Plain browser scripts served to test pages (no modules, no bundler).
  {
    files: ['test/fixtures/**/*.js'],
    languageOptions: { sourceType: 'script', globals: { ...globals.browser } },
  },
  // Browser code of the demo host app and the benchmark pages.
  {
    files: ['demo/host/public/**/*.js', 'bench/pages/**/*.js'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['bench/**/*.{js,mjs}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },

  // The SDK itself: type-aware rules.
  {
    files: ['src/**/*.{ts,tsx}'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    files: ['src/**/*.{ts,tsx,js,mjs}'],
    rules: {
      // Classic zod is ~90 kB and defeats tree-shaking: it must never reach a browser bundle.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^zod(?!/mini$|/v4/mini$|/v4/core$)(/.*)?$',
              message: "Import from 'zod/mini' instead: classic zod (~90 kB) must never reach the browser bundle.",
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          // zod/mini's `z` export is a namespace object holding every locale: esbuild cannot
          // tree-shake it (protocol bundle 86 kB gzip instead of 9 kB). A namespace import can.
          selector: "ImportDeclaration[source.value=/^zod\\/(mini|v4\\/mini)$/] > ImportSpecifier[imported.name='z']",
          message: "Use `import * as z from 'zod/mini'`: the named `z` export defeats tree-shaking in esbuild.",
        },
      ],
    },
  },

  // Tests: chai's property assertions (`expect(x).to.be.true`) are expressions.
  {
    files: ['test/**/*.{ts,tsx}'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
);
