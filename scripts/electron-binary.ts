import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Finds the Electron executable without triggering electron's own implicit download
 * (`require('electron')` would block on it). Returns null when there is none.
 */
export function findElectronBinary(root: string): string | null {
  const pkg = path.join(root, 'node_modules/electron');
  const pathFile = path.join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const relative = readFileSync(pathFile, 'utf8').trim();
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(pkg, 'dist');
  const binary = path.join(dist, relative);
  return existsSync(binary) ? binary : null;
}

/** One attempt to fetch the Electron binary (it needs the internet); true when it is there after. */
export function tryInstallElectron(root: string, timeoutMs = 120_000): boolean {
  const installer = path.join(root, 'node_modules/electron/install.js');
  if (!existsSync(installer)) return false;
  const result = spawnSync(process.execPath, [installer], { stdio: 'ignore', timeout: timeoutMs });
  return result.status === 0 && findElectronBinary(root) !== null;
}
