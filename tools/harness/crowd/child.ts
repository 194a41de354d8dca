/** Runs app-entry.ts (the whole app) in its own Node process, so a test can SIGKILL it. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ChildServer, spawnServerEntry } from '../child-server';

const entry = path.join(path.dirname(fileURLToPath(import.meta.url)), 'app-entry.ts');

export type ChildApp = ChildServer;

export function spawnApp(dataDir: string, env: Record<string, string> = {}): Promise<ChildApp> {
  return spawnServerEntry(entry, dataDir, { env });
}
