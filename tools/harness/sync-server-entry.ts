/**
 * A sync server in its own process for kill -9 tests and benchmarks:
 * `tsx tools/harness/sync-server-entry.ts --data DIR --port 0` prints `listening <url>`.
 * Tokens are those of TEST_MEMBERS (server.ts).
 */
import { parseServerArgs } from '../../sync-server/config';
import { metricsFeature } from '../../sync-server/metrics/feature';
import { syncFeature } from '../../sync-server/rooms/feature';
import type { SyncLimits } from '../../sync-server/rooms/limits';
import { startServer } from '../../sync-server/server';
import { storeFeature } from '../../sync-server/store/feature';
import { LevelStore } from '../../sync-server/store/level';
import { createLogger } from '../../sync-server/log';
import { memoryAuthorizer } from './authorizer';

const options = parseServerArgs(process.argv.slice(2), { webRoot: null });
const logger = createLogger((process.env.DIENHONG_LOG_LEVEL as 'warn' | undefined) ?? 'warn');
const store = await LevelStore.open(options.dataDir);
const metrics = metricsFeature();
// Benchmarks raise limits (e.g. connections per member) through this variable.
const limits = JSON.parse(process.env.DIENHONG_SYNC_LIMITS ?? '{}') as Partial<SyncLimits>;
const sync = syncFeature({
  store,
  authorize: memoryAuthorizer(),
  metrics: metrics.registry,
  limits,
  logger,
});
const server = await startServer({
  ...options,
  logger,
  features: [storeFeature(store), metrics, sync],
});
process.stdout.write(`listening ${server.url}\n`);
const stop = (): void => {
  server.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
