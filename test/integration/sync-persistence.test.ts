import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocumentStore } from '../../sync-server/store/types';
import {
  connectClient,
  makeDataDir,
  removeDataDir,
  startSyncServer,
  type TestClient,
  type TestServer,
  waitFor,
} from '../helpers/server';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function server(
  dataDir: string,
  options: Parameters<typeof startSyncServer>[0] = {},
): Promise<TestServer> {
  const t = await startSyncServer({ ...options, dataDir });
  cleanup.push(() => t.close());
  return t;
}
function client(t: TestServer, doc: string, token = 'tok-alice'): TestClient {
  const c = connectClient(t.syncUrl, doc, token);
  cleanup.push(() => c.destroy());
  return c;
}
async function dataDir(): Promise<string> {
  const dir = await makeDataDir();
  cleanup.unshift(() => removeDataDir(dir));
  return dir;
}

/** Holds every loadDocument for `ms`, so a client's first frames arrive while the room loads. */
const slowLoads =
  (ms: number) =>
  (store: DocumentStore): DocumentStore => ({
    loadDocument: async (name) => {
      const stored = await store.loadDocument(name);
      await new Promise((resolve) => setTimeout(resolve, ms));
      return stored;
    },
    appendUpdate: (name, update) => store.appendUpdate(name, update),
    compact: (name, state, through) => store.compact(name, state, through),
  });

describe('sync persistence', () => {
  it('answers the first sync only after the stored document is loaded', async () => {
    const dir = await dataDir();
    const first = await server(dir);
    const writer = client(first, 'meeting/m1/shared');
    await writer.synced;
    writer.doc.getText('minutesDraft').insert(0, 'Biên bản cuộc họp');
    const watcher = client(first, 'meeting/m1/shared', 'tok-bob');
    await waitFor(
      () => watcher.doc.getText('minutesDraft').length > 0,
      'the write to be broadcast',
    );
    await first.close();

    const second = await server(dir, { wrapStore: slowLoads(300) });
    const reader = client(second, 'meeting/m1/shared', 'tok-bob');
    let textAtSync = '';
    reader.provider.on('sync', (synced: boolean) => {
      if (synced) textAtSync = reader.doc.getText('minutesDraft').toString();
    });
    await reader.synced;
    expect(textAtSync).toBe('Biên bản cuộc họp');
  });

  it('compacts the log into a snapshot without changing the content, and unloads idle documents', async () => {
    const dir = await dataDir();
    const t = await server(dir, { limits: { compactEvery: 10, idleUnloadMs: 100 } });
    const a = client(t, 'meeting/m1/shared');
    const b = client(t, 'meeting/m1/shared', 'tok-bob');
    await Promise.all([a.synced, b.synced]);
    const text = a.doc.getText('minutesDraft');
    for (let i = 0; i < 45; i++) {
      text.insert(text.length, `dòng ${i}\n`);
      if (i % 3 === 0) text.delete(0, 2);
      b.doc.getMap('annotations').set(`a${i % 7}`, i);
    }
    await waitFor(
      () => b.doc.getText('minutesDraft').toString() === text.toString(),
      'b to converge',
    );
    await waitFor(() => a.doc.getMap('annotations').get('a2') === 44, 'a to converge');
    const stateBefore = Y.encodeStateAsUpdate(a.doc);
    // Compacted while live, after every 10 updates.
    let live = await t.store.loadDocument('meeting/m1/shared');
    for (let i = 0; i < 50 && live.snapshot === null; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      live = await t.store.loadDocument('meeting/m1/shared');
    }
    expect(live.snapshot).not.toBeNull();
    expect(live.updates.length).toBeLessThan(105); // 105 updates were written

    const content = { text: text.toString(), map: a.doc.getMap('annotations').toJSON() };
    a.destroy();
    b.destroy();
    await waitFor(() => t.rooms.stats().documents === 0, 'the idle document to unload', 5000);
    const stored = await t.store.loadDocument('meeting/m1/shared');
    expect(stored.snapshot).not.toBeNull();
    expect(stored.updates).toHaveLength(0);

    const fresh = client(t, 'meeting/m1/shared', 'tok-bob');
    await fresh.synced;
    expect({
      text: fresh.doc.getText('minutesDraft').toString(),
      map: fresh.doc.getMap('annotations').toJSON(),
    }).toEqual(content);
    // Same content, and nothing the clients wrote is missing from the compacted state.
    const check = new Y.Doc();
    Y.applyUpdate(check, stateBefore);
    expect(Y.decodeStateVector(Y.encodeStateVector(fresh.doc))).toEqual(
      Y.decodeStateVector(Y.encodeStateVector(check)),
    );
  });

  it('keeps server-side writes across a restart', async () => {
    const dir = await dataDir();
    const first = await server(dir);
    await first.rooms.transact('meeting/m2/control', (doc) =>
      doc.getMap('meta').set('title', 'Đại hội cổ đông'),
    );
    await first.close();
    const second = await server(dir);
    const reader = client(second, 'meeting/m2/control', 'tok-bob');
    await reader.synced;
    expect(reader.doc.getMap('meta').get('title')).toBe('Đại hội cổ đông');
  });
});
