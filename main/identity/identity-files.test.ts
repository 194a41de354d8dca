import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IdentitySummary } from '../../core/bridge/contract';
import { createFileVault } from './file-vault';
import { identityFilesIn } from './identity-files';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'dienhong-identities-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

const summary = (n: number): IdentitySummary => ({
  id: n.toString(16).padStart(64, '0'),
  name: `Thành viên ${n}`,
  email: null,
  issuer: 'Test CA',
  notAfter: '2030-01-01T00:00:00.000Z',
  fileName: `member-${n}.p12`,
});

/** The vault as main.ts builds it, on a real folder; safeStorage is unavailable (as on Linux without a keyring). */
function vaultIn(folder: string) {
  return createFileVault({
    ...identityFilesIn(() => folder),
    safeStorage: {
      isEncryptionAvailable: async () => false,
      encryptString: () => Promise.reject(new Error('unavailable')),
      decryptString: () => Promise.reject(new Error('unavailable')),
    },
  });
}

describe('identity files on disk', () => {
  it('keeps .p12 files and the index private, with no temporary file left behind', async () => {
    const folder = path.join(root, 'identities');
    const vault = vaultIn(folder);
    await vault.put(summary(1), new Uint8Array([1, 2, 3]));
    expect(await vault.read(summary(1).id)).toEqual(new Uint8Array([1, 2, 3]));
    expect((await stat(folder)).mode & 0o777).toBe(0o700);
    const names = (await readdir(folder)).sort();
    expect(names).toEqual([`${summary(1).id}.bin`, 'index.json']);
    for (const name of names)
      expect((await stat(path.join(folder, name))).mode & 0o777).toBe(0o600);
  });

  it('two stores writing the same folder at once never clobber each other’s temporary file', async () => {
    const folder = path.join(root, 'identities');
    const files = identityFilesIn(() => folder);
    const writes = Array.from({ length: 12 }, (_, i) =>
      files.writeIdentityFile('index.json', new TextEncoder().encode(`{"writer":${i}}`)),
    );
    const outcomes = await Promise.allSettled(writes);
    expect(outcomes.every((o) => o.status === 'fulfilled')).toBe(true);
    const final = new TextDecoder().decode(
      (await files.readIdentityFile('index.json')) ?? undefined,
    );
    expect(final).toMatch(/^\{"writer":\d+\}$/);
    expect(await readdir(folder)).toEqual(['index.json']);
  });

  it('reads a missing file as null and deletes only by bare name', async () => {
    const folder = path.join(root, 'identities');
    const files = identityFilesIn(() => folder);
    expect(await files.readIdentityFile('index.json')).toBeNull();
    await files.writeIdentityFile('../escape.bin', new Uint8Array([9]));
    expect(await readdir(root)).toEqual(['identities']);
    expect(await readdir(folder)).toEqual(['escape.bin']);
    await files.deleteIdentityFile('../identities/escape.bin');
    expect(await readdir(folder)).toEqual([]);
  });
});
