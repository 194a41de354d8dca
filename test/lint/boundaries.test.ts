import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function lintAs(filePath: string, code: string): Promise<Linter.LintMessage[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  return result?.messages ?? [];
}

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  return (await lintAs(filePath, code))
    .filter((m) => m.ruleId === 'no-restricted-imports')
    .map((m) => m.message);
}

/** A fixture of test/fixtures/lint/runtime/, linted as if it lived at `filePath`. */
const fixture = (name: string): string =>
  readFileSync(path.join(root, 'test/fixtures/lint/runtime', name), 'utf8');

describe('import boundaries (ESLint)', () => {
  it.each([
    ['core/signing/example.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    [
      'core/signing/example.ts',
      "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
    ],
    [
      'core/signing/example.ts',
      "import { readFileSync } from 'fs';\nexport const x = readFileSync;\n",
    ],
    [
      'core/votes/example.ts',
      "import { startServer } from '../../sync-server/server';\nexport const x = startServer;\n",
    ],
    [
      'core/votes/example.ts',
      "import { bridge } from '../../renderer/src/bridge';\nexport const x = bridge;\n",
    ],
    [
      'renderer/src/example.ts',
      "import { createIpcHandlers } from '../../main/ipc';\nexport const x = createIpcHandlers;\n",
    ],
    [
      'renderer/src/example.ts',
      "import { startServer } from '../../sync-server/server';\nexport const x = startServer;\n",
    ],
    [
      'renderer/src/example.ts',
      "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n",
    ],
    [
      'main/example.ts',
      "import { startServer } from '../sync-server/server';\nexport const x = startServer;\n",
    ],
    [
      'sync-server/example.ts',
      "import { bridge } from '../renderer/src/bridge';\nexport const x = bridge;\n",
    ],
  ])('%s refuses: %s', async (file, code) => {
    expect(await restrictedImports(file, code)).toHaveLength(1);
  });

  it.each([
    ['core/signing/example.ts', "import { toHex } from '../util/hex';\nexport const x = toHex;\n"],
    [
      'renderer/src/example.ts',
      "import type { Bridge } from '../../core/bridge/contract';\nexport type X = Bridge;\n",
    ],
    [
      'main/example.ts',
      "import { contentSecurityPolicy } from '../core/security/csp';\nexport const x = contentSecurityPolicy;\n",
    ],
    [
      'sync-server/example.ts',
      "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
    ],
  ])('%s allows: %s', async (file, code) => {
    expect(await restrictedImports(file, code)).toEqual([]);
  });
});

describe('runtime allowlists (ESLint)', () => {
  it.each([
    // A Node import or a Node global in the renderer.
    ['node-import.ts', 'renderer/src/documents/example.ts', 'no-restricted-imports', 'node:fs'],
    ['buffer-global.ts', 'renderer/src/documents/example.ts', 'no-restricted-globals', 'Buffer'],
    // DOM globals in core.
    ['window-global.ts', 'core/minutes/example.ts', 'no-restricted-globals', 'window'],
    ['document-global.ts', 'core/minutes/example.ts', 'no-restricted-globals', 'document'],
    ['fetch-global.ts', 'core/minutes/example.ts', 'no-restricted-globals', 'fetch'],
    ['local-storage-global.ts', 'core/minutes/example.ts', 'no-restricted-globals', 'localStorage'],
    ['indexeddb-global.ts', 'core/minutes/example.ts', 'no-restricted-globals', 'indexedDB'],
    // Platform packages in core.
    ['y-websocket-import.ts', 'core/docs/example.ts', 'no-restricted-imports', 'y-websocket'],
    ['pdfjs-import.ts', 'core/signing/example.ts', 'no-restricted-imports', 'pdfjs-dist'],
    ['pdfjs-import.ts', 'core/signing/example.test.ts', 'no-restricted-imports', null],
    // node-shared/ is for main/ and sync-server/ only.
    ['node-shared-import.ts', 'renderer/src/example.ts', 'no-restricted-imports', 'node-shared'],
    [
      'node-shared-import.ts',
      'core/votes/example.ts',
      'no-restricted-imports',
      'core/ imports only',
    ],
  ])('%s as %s fails %s', async (name, filePath, rule, mentions) => {
    const messages = (await lintAs(filePath, fixture(name))).filter((m) => m.ruleId === rule);
    if (mentions === null) {
      // Core's tests may use pdf.js as an independent judge.
      expect(messages).toEqual([]);
      return;
    }
    expect(messages).toHaveLength(1);
    expect(messages[0]?.message).toContain(mentions);
  });

  it('an unlisted global in core fails even without a named refusal', async () => {
    const messages = await lintAs(
      'core/votes/example.ts',
      'export const n = navigator2.language;\n',
    );
    expect(messages.map((m) => m.ruleId)).toContain('no-undef');
  });

  it.each([
    ['core-clean.ts', 'core/crypto/example.ts'],
    ['node-import.ts', 'sync-server/example.ts'],
    ['node-import.ts', 'node-shared/example.ts'],
    ['node-import.ts', 'renderer/src/documents/example.test.ts'],
    ['node-shared-import.ts', 'sync-server/store/example.ts'],
    ['node-shared-import.ts', 'main/identity/example.ts'],
  ])('%s as %s passes', async (name, filePath) => {
    expect(await lintAs(filePath, fixture(name))).toEqual([]);
  });

  it.each([
    [
      'node-shared/example.ts',
      "import { startServer } from '../sync-server/server';\nexport const x = startServer;\n",
    ],
    ['node-shared/example.ts', "import WebSocket from 'ws';\nexport const x = WebSocket;\n"],
    ['node-shared/example.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    ['core/docs/example.ts', "import { openDB } from 'idb';\nexport const x = openDB;\n"],
    ['renderer/src/example.ts', "import WebSocket from 'ws';\nexport const x = WebSocket;\n"],
    ['renderer/src/example.ts', "import { Level } from 'level';\nexport const x = Level;\n"],
    [
      'test/integration/example.test.ts',
      "import { seed } from '../../bench/votes/run';\nexport const x = seed;\n",
    ],
    [
      'bench/votes/example.ts',
      "import { startSyncServer } from '../../test/helpers/server';\nexport const x = startSyncServer;\n",
    ],
    [
      'tools/harness/example.ts',
      "import { startSyncServer } from '../../test/helpers/server';\nexport const x = startSyncServer;\n",
    ],
  ])('%s refuses: %s', async (file, code) => {
    expect(await restrictedImports(file, code)).toHaveLength(1);
  });

  it.each([
    [
      'node-shared/example.ts',
      "import { toHex } from '../core/util/hex';\nexport const x = toHex;\n",
    ],
    [
      'bench/votes/example.ts',
      "import { spawnApp } from '../../tools/harness/crowd/child';\nexport const x = spawnApp;\n",
    ],
    [
      'bench/pdf/example.ts',
      "import { chromium } from '@playwright/test';\nexport const x = chromium;\n",
    ],
    [
      'test/integration/example.test.ts',
      "import { spawnApp } from '../../tools/harness/crowd/child';\nexport const x = spawnApp;\n",
    ],
    [
      'renderer/src/example.ts',
      "import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';\nexport const x = workerUrl;\n",
    ],
  ])('%s allows: %s', async (file, code) => {
    expect(await restrictedImports(file, code)).toEqual([]);
  });
});
