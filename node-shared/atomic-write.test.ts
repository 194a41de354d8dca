import { spawnSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from './atomic-write';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'dienhong-atomic-'));
});
afterEach(async () => {
  await chmod(dir, 0o700).catch(() => {});
  await rm(dir, { recursive: true, force: true });
});

const payload = (seed: number, size: number) => new Uint8Array(size).fill(seed);

describe('writeFileAtomic', () => {
  it('writes the whole file with the mode asked, and makes missing folders private', async () => {
    const file = path.join(dir, 'keys', 'ca.key');
    await writeFileAtomic(file, 'secret', { mode: 0o600, createDirs: true });
    expect(await readFile(file, 'utf8')).toBe('secret');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(path.dirname(file))).mode & 0o777).toBe(0o700);
    expect(await readdir(path.dirname(file))).toEqual(['ca.key']);
  });

  it('replaces an existing file whole', async () => {
    const file = path.join(dir, 'index.json');
    await writeFile(file, 'old');
    await writeFileAtomic(file, 'new and longer');
    expect(await readFile(file, 'utf8')).toBe('new and longer');
  });

  it('concurrent writers each use their own temporary file: all succeed, one whole file wins', async () => {
    const file = path.join(dir, 'index.json');
    const writes = Array.from({ length: 16 }, (_, i) => payload(i + 1, 64 * 1024 + i));
    const outcomes = await Promise.allSettled(writes.map((w) => writeFileAtomic(file, w)));
    expect(outcomes.map((o) => o.status)).toEqual(writes.map(() => 'fulfilled'));
    const final = new Uint8Array(await readFile(file));
    expect(writes.some((w) => Buffer.from(w).equals(final))).toBe(true);
    expect(await readdir(dir)).toEqual(['index.json']);
  });

  it('a write that fails leaves no temporary file and changes nothing', async () => {
    const target = path.join(dir, 'taken');
    await mkdir(target);
    await writeFile(path.join(target, 'inside'), 'kept');
    await expect(writeFileAtomic(target, 'x')).rejects.toThrow();
    expect(await readdir(dir)).toEqual(['taken']);
    expect(await readFile(path.join(target, 'inside'), 'utf8')).toBe('kept');
  });

  // Root ignores folder permissions, so this one needs an ordinary account (CI's); the crash
  // test below covers root too.
  it.skipIf(process.getuid?.() === 0)(
    'in a read-only folder the write fails and the old file stays whole',
    async () => {
      const file = path.join(dir, 'index.json');
      await writeFile(file, 'old, whole');
      await chmod(dir, 0o500);
      await expect(writeFileAtomic(file, 'new')).rejects.toThrow();
      await chmod(dir, 0o700);
      expect(await readFile(file, 'utf8')).toBe('old, whole');
      expect(await readdir(dir)).toEqual(['index.json']);
    },
  );

  it('a write cut off midway (the file system refuses more bytes) leaves the old file whole', async () => {
    const file = path.join(dir, 'index.json');
    await writeFile(file, 'old, whole');
    const module = path.join(path.dirname(fileURLToPath(import.meta.url)), 'atomic-write.ts');
    const script = [
      `import { writeFileAtomic } from ${JSON.stringify(module)};`,
      `await writeFileAtomic(${JSON.stringify(file)}, new Uint8Array(8 * 1024 * 1024).fill(1));`,
      `console.log('written');`,
    ].join('\n');
    // A file size limit of 256 KiB: the kernel refuses the writer's bytes (EFBIG; Node ignores
    // SIGXFSZ) in the middle of the temporary file, as a full disk would.
    const child = spawnSync(
      'bash',
      ['-c', 'ulimit -f 256; exec node --import tsx --input-type=module -e "$SCRIPT"'],
      { env: { ...process.env, SCRIPT: script, TSX_DISABLE_CACHE: '1' }, encoding: 'utf8' },
    );
    expect(child.stdout).not.toContain('written');
    expect(child.stderr).toContain('EFBIG');
    expect(await readFile(file, 'utf8')).toBe('old, whole');
    expect(await readdir(dir)).toEqual(['index.json']);
  });
});
