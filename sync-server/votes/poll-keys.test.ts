import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultBallotKeyFile, PollKeys } from './poll-keys';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});
async function place(): Promise<{ dataDir: string; keyFile: string }> {
  const root = await mkdtemp(path.join(tmpdir(), 'dienhong-poll-keys-'));
  dirs.push(root);
  const dataDir = path.join(root, 'data');
  return { dataDir, keyFile: defaultBallotKeyFile(dataDir) };
}

describe('PollKeys', () => {
  it('keeps the ballot key beside the data directory, 0600, and refuses one inside it', async () => {
    const { dataDir, keyFile } = await place();
    expect(path.dirname(keyFile)).toBe(path.dirname(dataDir));
    expect(() => new PollKeys(dataDir, path.join(dataDir, 'ballot.key'))).toThrow(
      expect.objectContaining({ code: 'ballot-key-invalid' }),
    );
    const keys = new PollKeys(dataDir, keyFile);
    await keys.create('hop-1', 'p1');
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    expect((await stat(path.join(dataDir, 'poll-keys/hop-1/p1.sealed'))).mode & 0o777).toBe(0o600);
    await expect(keys.unseal('hop-1', 'p1')).resolves.toBeDefined();
    await expect(keys.unseal('hop-1', 'p2')).rejects.toMatchObject({ code: 'poll-key-missing' });
  });

  it('refuses a malformed ballot key and sweeps keys of polls that are not open', async () => {
    const { dataDir, keyFile } = await place();
    const keys = new PollKeys(dataDir, keyFile);
    await keys.create('hop-1', 'open');
    await keys.create('hop-1', 'closed');
    await writeFile(path.join(dataDir, 'poll-keys/hop-1/.closed.sealed.1234.tmp'), 'x');
    await keys.sweep((_m, pollId) => pollId === 'open');
    expect(await readdir(path.join(dataDir, 'poll-keys/hop-1'))).toEqual(['open.sealed']);
    await writeFile(keyFile, 'not a key\n');
    await expect(keys.unseal('hop-1', 'open')).rejects.toMatchObject({
      code: 'ballot-key-invalid',
    });
    await rm(keyFile);
    await expect(keys.unseal('hop-1', 'open')).rejects.toMatchObject({
      code: 'ballot-key-unavailable',
    });
  });
});
