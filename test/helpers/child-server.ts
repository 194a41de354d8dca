/** Runs test/helpers/sync-server-entry.ts in its own Node process (so it can be SIGKILLed). */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const entry = path.join(path.dirname(fileURLToPath(import.meta.url)), 'sync-server-entry.ts');

export interface ChildServer {
  child: ChildProcess;
  url: string;
  syncUrl: string;
  /** Resolves when the process has exited. */
  exited: Promise<void>;
}

export function spawnSyncServer(
  dataDir: string,
  extraArgs: readonly string[] = [],
): Promise<ChildServer> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', entry, '--data', dataDir, '--port', '0', ...extraArgs],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_OPTIONS: '' },
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start: ${err}`));
    }, 20_000);
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening (\S+)/.exec(out);
      if (!match) return;
      clearTimeout(timer);
      const url = match[1] as string;
      resolve({ child, url, syncUrl: `${url.replace(/^http/, 'ws')}/sync`, exited });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}: ${err}`));
    });
  });
}
