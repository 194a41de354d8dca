/**
 * `npm run server -- --port N --data DIR [--host H] [--tls-cert F --tls-key F] [--public-origin URL]…
 * [--insecure-http] [--tsa-url URL …]`: runs the sync server until SIGINT/SIGTERM.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseServerArgs, UsageError } from './config';
import { createLogger } from './log';
import { startApp } from './app';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function main(): Promise<void> {
  // Everything the server creates (LevelDB's files included) is for its own account only.
  process.umask(0o077);
  const options = parseServerArgs(process.argv.slice(2), {
    webRoot: path.join(repoRoot, 'dist/renderer'),
    env: process.env,
  });
  const logger = createLogger((process.env.DIENHONG_LOG_LEVEL as 'info' | undefined) ?? 'info');
  const server = await startApp({
    ...options,
    logger,
    // EX_TEMPFAIL: a supervisor (systemd Restart=on-failure) starts a fresh process.
    onStoreDead: () => process.exit(75),
  });
  for (const line of server.demoReport ?? []) process.stdout.write(`${line}\n`);
  process.stdout.write(`listening on ${server.url}\n`);
  process.stdout.write(`logins are bound to ${server.publicOrigins.join(', ')}\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log('info', 'server.signal', { signal });
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.log('error', 'server.close-failed', { error: String(error) });
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof UsageError ? 'usage: ' : ''}${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(error instanceof UsageError ? 64 : 1);
});
