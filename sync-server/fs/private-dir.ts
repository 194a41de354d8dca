import { chmod, lstat, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';

/**
 * The data directory is for the server's account alone (README "Secret ballots: threat
 * model"): folders 0700, files 0600. The CLI also sets umask 077, so that what LevelDB creates
 * later is born private; this fixes what exists already, e.g. a directory made by an older
 * version or files made by a library under another umask.
 */
export async function makePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
}

/** Sets every folder under `dir` (itself included) to 0700 and every file to 0600. */
export async function tightenTree(dir: string): Promise<void> {
  const info = await lstat(dir).catch(() => null);
  if (!info?.isDirectory()) return;
  if ((info.mode & 0o777) !== 0o700) await chmod(dir, 0o700);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) await tightenTree(full);
    else if (entry.isFile()) {
      const mode = (await lstat(full).catch(() => null))?.mode;
      // A file LevelDB deletes between the listing and here is simply gone.
      if (mode !== undefined && (mode & 0o777) !== 0o600) await chmod(full, 0o600).catch(() => {});
    }
  }
}
