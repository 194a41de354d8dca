/**
 * `npm start`: builds what is missing, starts the sync server on the embedded data directory,
 * then opens the Electron client pointed at it. Without an Electron binary (no internet to
 * fetch it) it says so in one line and keeps serving the web client. Ctrl-C stops everything.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildMain, buildRenderer } from './build';
import { findElectronBinary, tryInstallElectron } from './electron-binary';
import { existsSync } from 'node:fs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const port = process.env.DIENHONG_PORT ?? '4870';
const dataDir = process.env.DIENHONG_DATA ?? path.join(root, '.dienhong-data');

function startServer(): Promise<{ child: ChildProcess; url: string }> {
  const tsx = path.join(root, 'node_modules/.bin/tsx');
  const child = spawn(
    tsx,
    [path.join(root, 'sync-server/cli.ts'), '--port', port, '--data', dataDir, '--demo'],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    let buffered = '';
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      process.stdout.write(chunk);
      buffered += chunk;
      const match = /listening on (\S+)/.exec(buffered);
      if (match?.[1]) resolve({ child, url: match[1] });
    });
    child.once('exit', (code) => reject(new Error(`the server exited with code ${code}`)));
  });
}

async function main(): Promise<void> {
  if (!existsSync(path.join(root, 'dist/renderer/index.html'))) {
    process.stdout.write('building the web client…\n');
    await buildRenderer();
  }
  if (!existsSync(path.join(root, 'dist/main/main.cjs'))) await buildMain();

  const server = await startServer();
  const children: ChildProcess[] = [server.child];
  const stopAll = () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  };
  process.on('SIGINT', stopAll);
  process.on('SIGTERM', stopAll);
  server.child.on('exit', (code) => {
    stopAll();
    process.exit(code ?? 0);
  });

  const electron =
    findElectronBinary(root) ?? (tryInstallElectron(root) ? findElectronBinary(root) : null);
  if (electron === null) {
    process.stdout.write(
      `Electron is not available on this machine (its binary could not be downloaded); open the web client at ${server.url}/ instead. Press Ctrl-C to stop.\n`,
    );
    return;
  }
  const app = spawn(
    electron,
    [path.join(root, 'dist/main/main.cjs'), `--server-url=${server.url}/`],
    {
      stdio: 'inherit',
    },
  );
  children.push(app);
  app.on('exit', stopAll);
  process.stdout.write(`desktop client started; the web client is also at ${server.url}/\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `npm start failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
