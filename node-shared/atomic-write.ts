import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * Writes a file so that it is either absent (or its old version) or complete and on disk: a
 * temporary file beside it, fsynced, renamed into place, then the folder fsynced. A crash never
 * leaves half a key, a .p12, a blob or a signed PDF.
 */
export async function writeFileAtomic(
  file: string,
  data: Uint8Array | string,
  options: { mode?: number; createDirs?: boolean } = {},
): Promise<void> {
  const dir = path.dirname(file);
  // Folders it makes are private: they hold keys, blobs and ballots (README "Secret ballots").
  if (options.createDirs) await mkdir(dir, { recursive: true, mode: 0o700 });
  const temp = path.join(dir, `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx', options.mode ?? 0o644);
    try {
      await handle.writeFile(data);
      await handle.chmod(options.mode ?? 0o644);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  const folder = await open(dir, 'r');
  try {
    await folder.sync();
  } finally {
    await folder.close();
  }
}
