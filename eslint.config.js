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
    'test/consumers/.apps/',
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
      // The SDK validates messages with its own src/protocol/schema.ts; zod is a dev dependency of
      // the reference platform (server side) and must never reach the package.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^zod(/.*)?$',
              message: 'zod is for the reference platform only: validate with src/protocol/schema.ts.',
            },
          ],
        },
      ],
    },
  },

  // Every post carries an exact target origin: "*" would hand a token to whatever page the
  // frame shows now (docs/SECURITY.md, row 9).
  {
    files: ['src/**/*.{ts,tsx,js,mjs}'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='postMessage'] > Literal[value='*']",
          message: "postMessage(…, '*') is forbidden: post to the exact origin.",
        },
        {
          selector:
            "CallExpression[callee.property.name='postMessage'] > ObjectExpression > Property[key.name='targetOrigin'] > Literal[value='*']",
          message: "postMessage(…, { targetOrigin: '*' }) is forbidden: post to the exact origin.",
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
