/** Runs app-entry.ts in its own Node process, so a test can SIGKILL the whole server. */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const entry = path.join(path.dirname(fileURLToPath(import.meta.url)), 'app-entry.ts');

export interface ChildApp {
  child: ChildProcess;
  url: string;
  syncUrl: string;
  exited: Promise<void>;
}

export function spawnApp(dataDir: string, env: Record<string, string> = {}): Promise<ChildApp> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', entry, '--data', dataDir, '--port', '0', '--host', '127.0.0.1'],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '', ...env } },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start: ${err}`));
    }, 30_000);
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
