/**
 * Write quotas on the Yjs documents: past a document's cap or a member's, the writer's
 * connection is closed with 4413 and nothing is stored or relayed; other members keep working.
 * And /healthz turns 503 when a check (the store) is down.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metricsFeature } from '../../sync-server/metrics/feature';
import { syncFeature } from '../../sync-server/rooms/feature';
import { type RunningServer, startServer } from '../../sync-server/server';
import { storeFeature } from '../../sync-server/store/feature';
import { LevelStore } from '../../sync-server/store/level';
import {
  connectClient,
  makeDataDir,
  memoryAuthorizer,
  removeDataDir,
  waitFor,
} from '../helpers/server';

let server: RunningServer;
let store: LevelStore;
let dataDir = '';
let syncUrl = '';
let storeDown = false;
beforeAll(async () => {
  dataDir = await makeDataDir();
  store = await LevelStore.open(dataDir);
  const metrics = metricsFeature();
  const sync = syncFeature({
    store,
    authorize: memoryAuthorizer(),
    metrics: metrics.registry,
    quota: {
      maxSharedDocumentBytes: 300 * 1024,
      maxPrivateDocumentBytes: 100 * 1024,
      maxMemberBytes: 1024 * 1024,
    },
  });
  server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    webRoot: null,
    healthChecks: {
      store: () => (storeDown ? { status: 'down', detail: 'store-dead' } : { status: 'ok' }),
    },
    features: [storeFeature(store), metrics, sync],
  });
  syncUrl = `${server.url.replace(/^http/, 'ws')}/sync`;
});
afterAll(async () => {
  await server.close();
  await removeDataDir(dataDir);
});

describe('document write quotas', () => {
  it('closes a writer past the shared document cap with 4413; the document keeps what fit', async () => {
    const writer = connectClient(syncUrl, 'meeting/m1/shared', 'tok-alice');
    await writer.synced;
    const closes: number[] = [];
    writer.provider.on('connection-close', (event: CloseEvent | null) => {
      if (event) closes.push(event.code);
    });
    const notes = writer.doc.getMap('notes');
    notes.set('fits', 'x'.repeat(200 * 1024));
    const reader = connectClient(syncUrl, 'meeting/m1/shared', 'tok-bob');
    await waitFor(() => reader.doc.getMap('notes').has('fits'), 'the first write');
    notes.set('too-much', 'y'.repeat(200 * 1024));
    await waitFor(() => closes.includes(4413), 'the writer to be closed with 4413');
    writer.destroy();
    // Nothing of the refused update was stored: a fresh reader sees only what fit.
    const fresh = connectClient(syncUrl, 'meeting/m1/shared', 'tok-olga');
    await fresh.synced;
    expect(fresh.doc.getMap('notes').has('fits')).toBe(true);
    expect(fresh.doc.getMap('notes').has('too-much')).toBe(false);
    fresh.destroy();
    reader.destroy();
  });

  it('caps a private document below the shared one', async () => {
    const own = connectClient(syncUrl, 'meeting/m2/private/bob', 'tok-bob');
    await own.synced;
    const closes: number[] = [];
    own.provider.on('connection-close', (event: CloseEvent | null) => {
      if (event) closes.push(event.code);
    });
    own.doc.getMap('notes').set('big', 'z'.repeat(150 * 1024));
    await waitFor(() => closes.includes(4413), 'the private write to be refused');
    own.destroy();
  });
});

describe('/healthz', () => {
  it('answers 503 while a check is down, 200 again after', async () => {
    storeDown = true;
    const down = await fetch(`${server.url}/healthz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({
      status: 'down',
      checks: { store: { detail: 'store-dead' } },
    });
    storeDown = false;
    const up = await fetch(`${server.url}/healthz`);
    expect(up.status).toBe(200);
    expect(await up.json()).toMatchObject({ status: 'ok' });
  });
});
