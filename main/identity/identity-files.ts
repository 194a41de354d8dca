/**
 * The identity store's files on disk (userData/identities/), for the Electron facade. Each file
 * is replaced whole through node-shared's durable write: a unique temporary file, fsynced,
 * renamed, the folder fsynced. Two writers never share a temporary file, and a crash leaves the
 * old file or the new one, never half a .p12 or half an index.
 */
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../../node-shared/atomic-write';
import type { ElectronFacade } from '../facade';

export type IdentityFiles = Pick<
  ElectronFacade,
  'readIdentityFile' | 'writeIdentityFile' | 'deleteIdentityFile'
>;

/** `folder` is asked on each call (Electron knows userData only once the app is set up). */
export function identityFilesIn(folder: () => string): IdentityFiles {
  // Only bare names from main/identity reach here; the folder is private to this user.
  const file = (name: string) => path.join(folder(), path.basename(name));
  return {
    readIdentityFile: async (name) => {
      try {
        return new Uint8Array(await readFile(file(name)));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    writeIdentityFile: (name, bytes) =>
      writeFileAtomic(file(name), bytes, { mode: 0o600, createDirs: true }),
    deleteIdentityFile: (name) => rm(file(name), { force: true }),
  };
}
