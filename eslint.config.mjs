// @ts-check
// Type-aware lint for src, commands, test and scripts (the files tsconfig.json includes): typescript-eslint's
// recommendedTypeChecked, which catches what tsc lets through (floating and misused promises, `any` leaking out of
// untyped values, needless assertions). Formatting is Prettier's job (`npm run lint` runs both); eslint-config-prettier,
// last, turns off every rule that would fight it.
import eslint from '@eslint/js';
import { defineConfig } from 'eslint/config';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['node_modules/', 'dist/', 'coverage/', 'data/', '.cache/', '.scratch/', 'seeds/'] },
  eslint.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // `async` on a method that implements a Promise-returning interface (stores, fakes, `defer`) is deliberate: it
      // keeps the contract and turns a synchronous throw into a rejection, so "no await inside" is not a smell here.
      '@typescript-eslint/require-await': 'off',
      // A leading underscore marks a name kept for its position (an unused parameter, a destructured-away field).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // Tests read the CLI's JSON output and use jest's asymmetric matchers (`expect.any`, `expect.stringMatching`),
      // both typed `any` by their libraries; the assertions on them are the check, so `any` flowing there is expected.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // The few plain JavaScript files (the bin shim, jest's config, this file) are CommonJS or ESM outside tsconfig.json.
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { require: 'readonly', module: 'writable', process: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
