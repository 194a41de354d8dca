// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';

/**
 * Runtime boundaries (DESIGN.md), as allowlists: each runtime folder names the packages and the
 * globals it MAY use, and everything else is refused (Signal-Desktop's file-suffix rule is the
 * model). tsconfig.{core,renderer,node,test}.json say the same to the type checker.
 *
 *   core/         ES globals + the few web-platform globals both runtimes share; imports core/
 *                 and the pure packages below only.
 *   renderer/     browser globals, no Node (no built-ins, Buffer, process); never main/,
 *                 sync-server/, node-shared/.
 *   main/, sync-server/   Node; never each other nor renderer/; both may use node-shared/.
 *   node-shared/  Node-only helpers for main/ and sync-server/: imports core/, Node and pkcs11js.
 *   test/, bench/ never import each other; what both need lives in tools/harness/.
 */

/** Node built-ins, with and without the `node:` prefix. */
const nodeBuiltins = builtinModules.flatMap((m) => [m, `node:${m}`]);
const escape = (/** @type {string} */ s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** A relative import that reaches into one of `folders` (a path segment; packages never match). */
const boundary = (/** @type {string[]} */ folders, /** @type {string} */ message) => ({
  regex: `^\\.\\.?/(.*/)?(${folders.join('|')})(/|$)`,
  message,
});

/**
 * Refuses every bare (package) import except `packages` and their subpaths. Electron is left
 * to the `paths` entry that refuses it with its own reason, so it is reported once.
 */
const onlyPackages = (/** @type {string[]} */ packages, /** @type {string} */ message) => {
  const named = packages.filter((p) => !nodeBuiltins.includes(p));
  if (named.length < packages.length) named.push('Node built-ins');
  const passes = [...packages, 'electron'].map(escape).join('|');
  return {
    regex: `^(?!\\.|(${passes})(/|$))`,
    message: `${message} (allowed: ${named.join(', ')})`,
  };
};

/** Pure packages core/ may use: no platform access, run the same in Node and browsers. */
const corePackages = [
  'yjs',
  'lib0',
  'node-forge',
  'pdf-lib',
  '@pdf-lib/fontkit',
  '@noble/curves',
  'pkijs',
  'asn1js',
];
/** Core's own tests may also use the runner and pdf.js as an independent judge. */
const coreTestPackages = [...corePackages, 'vitest', 'pdfjs-dist'];
/** What the renderer may import: React and the browser-side libraries it is built on. */
const rendererPackages = [
  ...corePackages,
  'react',
  'react-dom',
  'i18next',
  'react-i18next',
  '@tiptap/core',
  '@tiptap/pm',
  '@tiptap/react',
  '@tiptap/starter-kit',
  '@tiptap/extension-collaboration',
  '@tiptap/extension-collaboration-caret',
  '@tiptap/y-tiptap',
  'pdfjs-dist',
  'y-websocket',
  'y-protocols',
  'y-indexeddb',
];
const rendererTestPackages = [...rendererPackages, 'vitest', ...nodeBuiltins];

/**
 * Globals core/ may use besides ECMAScript's: web-platform APIs present with the same meaning
 * in Node 20, browsers and Electron (declared for tsc in types/core-globals.d.ts).
 */
const coreGlobals = [
  'TextEncoder',
  'TextDecoder',
  'URL',
  'atob',
  'btoa',
  'Blob',
  'DecompressionStream',
  'Response',
  'CompressionStream',
];
const readonly = (/** @type {string[]} */ names) =>
  Object.fromEntries(names.map((n) => /** @type {const} */ ([n, 'readonly'])));

/** Named refusals first, so the message says why; `no-undef` then refuses whatever is left. */
const domGlobals = [
  'window',
  'document',
  'navigator',
  'location',
  'fetch',
  'localStorage',
  'sessionStorage',
  'indexedDB',
  'XMLHttpRequest',
  'WebSocket',
  'self',
].map((name) => ({ name, message: `core/ is pure: no DOM or browser APIs (${name}).` }));
const nodeGlobals = (/** @type {string} */ who) =>
  ['process', 'Buffer', 'require', 'module', '__dirname', '__filename', 'global'].map((name) => ({
    name,
    message: `${who} runs without Node: no ${name}${name === 'Buffer' ? ' (use Uint8Array)' : ''}.`,
  }));

const coreImports = (/** @type {string[]} */ packages) => [
  'error',
  {
    paths: [{ name: 'electron', message: 'core/ is pure: no Electron.' }],
    patterns: [
      boundary(
        ['main', 'renderer', 'sync-server', 'node-shared', 'test', 'bench', 'tools'],
        'core/ imports only core/.',
      ),
      onlyPackages(packages, 'core/ is pure: no Node built-ins, no platform packages'),
    ],
  },
];

const rendererImports = (/** @type {string[]} */ packages) => [
  'error',
  {
    paths: [
      {
        name: 'electron',
        message: 'The renderer reaches privileged work only through the Bridge.',
      },
    ],
    patterns: [
      boundary(
        ['main', 'sync-server', 'node-shared'],
        'renderer/ never imports main/, sync-server/ or node-shared/.',
      ),
      onlyPackages(
        packages,
        'renderer/ runs in a browser: no Node built-ins, only browser packages',
      ),
    ],
  },
];

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
    // Node is the default runtime (scripts, tests, bench, configs); the pure folders below narrow it.
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
    languageOptions: { globals: { ...globals.es2023, ...readonly(coreGlobals) } },
    rules: {
      'no-undef': 'error',
      'no-restricted-imports': coreImports(corePackages),
      'no-restricted-globals': ['error', ...domGlobals, ...nodeGlobals('core/')],
    },
  },
  {
    // Core's tests (and their WebCrypto certificate helper) run under Vitest in Node and are
    // type-checked with DOM + Node types (tsconfig.test.json), which no-undef cannot see; the
    // code they test stays pure.
    files: ['core/**/*.test.ts', 'core/identity/testing-webcrypto-pki.ts'],
    rules: { 'no-undef': 'off', 'no-restricted-imports': coreImports(coreTestPackages) },
  },
  {
    files: ['renderer/src/**/*.ts', 'renderer/src/**/*.tsx'],
    languageOptions: { globals: { ...globals.es2023, ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // The globals allowlist here is tsc's: tsconfig.renderer.json has DOM and no Node types
      // (ESLint's no-undef cannot see DOM type names such as RequestInit). Lint names Node's.
      'no-restricted-imports': rendererImports(rendererPackages),
      'no-restricted-globals': ['error', ...nodeGlobals('renderer/')],
    },
  },
  {
    // Tests beside renderer code run under Vitest in Node: they may use Node built-ins as
    // judges (node:crypto's hash), never to stand in for what the renderer itself does.
    files: ['renderer/src/**/*.test.ts', 'renderer/src/**/*.test.tsx'],
    rules: { 'no-restricted-imports': rendererImports(rendererTestPackages) },
  },
  {
    files: ['main/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            boundary(['renderer', 'sync-server'], 'main/ imports core/ and node-shared/ only.'),
          ],
        },
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
          patterns: [
            boundary(['renderer', 'main'], 'sync-server/ imports core/ and node-shared/ only.'),
          ],
        },
      ],
    },
  },
  {
    files: ['node-shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'node-shared/ is plain Node: no Electron.' }],
          patterns: [
            boundary(
              ['main', 'renderer', 'sync-server', 'test', 'bench', 'tools'],
              'node-shared/ imports core/ and Node only.',
            ),
            // pkcs11js: the native PKCS#11 binding token signing needs (main and the admin CLI).
            // pngjs: decoding signature and seal images at the edge (core takes rasters).
            onlyPackages(
              [...nodeBuiltins, 'pkcs11js', 'pngjs'],
              'node-shared/ imports core/, Node built-ins, pkcs11js and pngjs only',
            ),
          ],
        },
      ],
    },
  },
  {
    // The same boundary for node-shared's own tests, which may also use the runner.
    files: ['node-shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            boundary(
              ['main', 'renderer', 'sync-server', 'test', 'bench', 'tools'],
              'node-shared/ imports core/ and Node only.',
            ),
            onlyPackages(
              [...nodeBuiltins, 'vitest'],
              'node-shared/ tests import core/, Node and vitest only',
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            boundary(['bench'], 'Tests never import benchmarks: share through tools/harness/.'),
          ],
        },
      ],
    },
  },
  {
    files: ['bench/**/*.ts', 'bench/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            boundary(['test'], 'Benchmarks never import tests: share through tools/harness/.'),
          ],
        },
      ],
    },
  },
  {
    files: ['tools/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            boundary(
              ['test', 'bench'],
              'tools/harness/ serves test/ and bench/; it imports neither.',
            ),
          ],
        },
      ],
    },
  },
);
