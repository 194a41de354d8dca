/**
 * The whole server (startApp) in its own process, for kill -9 tests and the votes benchmark:
 * `tsx tools/harness/crowd/app-entry.ts --data DIR --port 0` prints `listening <url>` once it serves.
 * DIENHONG_SYNC_LIMITS (JSON) raises sync limits for benchmarks.
 */
import { startApp } from '../../../sync-server/app';
import { parseServerArgs } from '../../../sync-server/config';
import { createLogger } from '../../../sync-server/log';
import type { SyncLimits } from '../../../sync-server/rooms/limits';

const options = parseServerArgs(process.argv.slice(2), { webRoot: null });
const logger = createLogger((process.env.DIENHONG_LOG_LEVEL as 'warn' | undefined) ?? 'warn');
const limits = JSON.parse(process.env.DIENHONG_SYNC_LIMITS ?? '{}') as Partial<SyncLimits>;
const app = await startApp({ ...options, logger, limits });
process.stdout.write(`listening ${app.url}\n`);
const stop = (): void => {
  app.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
