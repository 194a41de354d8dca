import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports')
    .map((m) => m.message);
}

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

describe('import cycles (dpdm)', () => {
  it('fails on a cycle', () => {
    const result = spawnSync(
      path.join(root, 'node_modules/.bin/dpdm'),
      [
        '--no-warning',
        '--no-tree',
        '--exit-code',
        'circular:1',
        '-T',
        'test/fixtures/lint/cycle/a.ts',
      ],
      { cwd: root, encoding: 'utf8' },
    );
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('Circular Dependencies');
  });
});
