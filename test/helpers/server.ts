/**
 * Real sync servers for integration tests: startServer on port 0 with the sync, metrics and
 * store features, an in-memory authorizer with fixed tokens, and real y-websocket providers.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { metricsFeature } from '../../sync-server/metrics/feature';
import type { Authorize } from '../../sync-server/rooms/authorize';
import { syncFeature } from '../../sync-server/rooms/feature';
import type { SyncLimits } from '../../sync-server/rooms/limits';
import type { Rooms } from '../../sync-server/rooms/manager';
import { type RunningServer, startServer } from '../../sync-server/server';
import { storeFeature } from '../../sync-server/store/feature';
import { memoryAuthorizer } from '../../tools/harness/authorizer';
import { LevelStore } from '../../sync-server/store/level';
import type { DocumentStore } from '../../sync-server/store/types';

export { memoryAuthorizer, TEST_MEMBERS, type TestMember } from '../../tools/harness/authorizer';
export { connectClient, type TestClient, waitFor } from '../../tools/harness/yjs-client';

export interface TestServer {
  server: RunningServer;
  /** `ws://host:port/sync`, the serverUrl to give a WebsocketProvider. */
  syncUrl: string;
  rooms: Rooms;
  store: LevelStore;
  dataDir: string;
  close(): Promise<void>;
}

export async function makeDataDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'dienhong-sync-'));
}

export async function removeDataDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

export async function startSyncServer(
  options: {
    dataDir?: string;
    limits?: Partial<SyncLimits>;
    authorize?: Authorize;
    /** Lets a test slow down or observe the document store the rooms use. */
    wrapStore?: (store: DocumentStore) => DocumentStore;
  } = {},
): Promise<TestServer> {
  const dataDir = options.dataDir ?? (await makeDataDir());
  const store = await LevelStore.open(dataDir);
  const metrics = metricsFeature();
  const sync = syncFeature({
    store: options.wrapStore ? options.wrapStore(store) : store,
    authorize: options.authorize ?? memoryAuthorizer(),
    limits: options.limits,
    metrics: metrics.registry,
  });
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    webRoot: null,
    features: [storeFeature(store), metrics, sync],
  });
  return {
    server,
    syncUrl: `${server.url.replace(/^http/, 'ws')}/sync`,
    rooms: sync.rooms,
    store,
    dataDir,
    close: () => server.close(),
  };
}

export interface RawResult {
  status: number;
  body: unknown;
}

/** Opens a raw websocket and reports the HTTP refusal (status and JSON body) if there is one. */
export function tryUpgrade(url: string): Promise<RawResult | 'open'> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.on('open', () => {
      ws.close();
      resolve('open');
    });
    ws.on('unexpected-response', (_req, res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as unknown }),
      );
    });
    ws.on('error', (error) => {
      if (!String(error).includes('Unexpected server response')) reject(error);
    });
  });
}
