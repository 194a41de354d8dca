/** Runs a server entry script in its own Node process, so a test can SIGKILL the whole server. */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

export interface ChildServer {
  child: ChildProcess;
  url: string;
  syncUrl: string;
  /** Resolves when the process has exited. */
  exited: Promise<void>;
}

/**
 * Starts `entry` (a .ts file run with tsx) on a random port with `dataDir`, and resolves once
 * it prints `listening <url>`; rejects with its stderr if it exits or stays silent.
 */
export function spawnServerEntry(
  entry: string,
  dataDir: string,
  options: { args?: readonly string[]; env?: Record<string, string>; startTimeoutMs?: number } = {},
): Promise<ChildServer> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      entry,
      '--data',
      dataDir,
      '--port',
      '0',
      '--host',
      '127.0.0.1',
      ...(options.args ?? []),
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_OPTIONS: '', ...options.env },
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start: ${err}`));
    }, options.startTimeoutMs ?? 30_000);
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

/** The sync server alone (tools/harness/sync-server-entry.ts, fixed test tokens). */
export function spawnSyncServer(
  dataDir: string,
  extraArgs: readonly string[] = [],
): Promise<ChildServer> {
  return spawnServerEntry(path.join(here, 'sync-server-entry.ts'), dataDir, { args: extraArgs });
}
