// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';

/** Node built-ins, with and without the `node:` prefix. */
const nodeBuiltins = builtinModules.flatMap((m) => [m, `node:${m}`]);

/**
 * Import boundaries (DESIGN.md): core is pure, renderer reaches privileged work only
 * through the bridge, and main / renderer / sync-server never import each other.
 */
const boundary = (/** @type {string[]} */ folders, /** @type {string} */ message) => ({
  regex: `(^|/)(${folders.join('|')})(/|$)`,
  message,
});

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'release/**',
      'test-results/**',
      'playwright-report/**',
      'test/output/**',
      'test/fixtures/lint/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...nodeBuiltins.map((name) => ({ name, message: 'core/ is pure: no Node built-ins.' })),
            { name: 'electron', message: 'core/ is pure: no Electron.' },
            { name: 'react', message: 'core/ is pure: no React.' },
            { name: 'react-dom', message: 'core/ is pure: no React.' },
            { name: 'ws', message: 'core/ is pure: no sockets.' },
            { name: 'level', message: 'core/ is pure: no storage.' },
          ],
          patterns: [
            boundary(
              ['main', 'renderer', 'sync-server'],
              'core/ imports none of main/, renderer/, sync-server/.',
            ),
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'window', message: 'core/ is pure: no DOM.' },
        { name: 'document', message: 'core/ is pure: no DOM.' },
        { name: 'process', message: 'core/ is pure: no Node globals.' },
        { name: 'Buffer', message: 'core/ is pure: use Uint8Array.' },
        { name: 'require', message: 'core/ is pure: no require.' },
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'The renderer reaches privileged work only through the Bridge.',
            },
          ],
          patterns: [
            boundary(['main', 'sync-server'], 'renderer/ never imports main/ or sync-server/.'),
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/vite.config.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['main/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [boundary(['renderer', 'sync-server'], 'main/ imports core/ only.')] },
      ],
    },
  },
  {
    files: ['sync-server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The server never imports Electron.' }],
          patterns: [boundary(['renderer', 'main'], 'sync-server/ imports core/ only.')],
        },
      ],
    },
  },
);
