import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { agendaArray, readAgenda } from '../../core/docs/control/agenda';
import { CONTROL_SCHEMA_VERSION, metaMap, readControlMeta } from '../../core/docs/control/meta';
import { readPresenterView, writePresenter } from '../../core/docs/control/presenter';
import { controlDocName } from '../../core/docs/names';
import { transactControl } from '../../sync-server/meetings/control-doc';
import { LevelStore } from '../../sync-server/store/level';
import { openStore } from '../../sync-server/store/open';
import { MEETING_ID, startTestApp } from '../helpers/app';
import {
  connectClient,
  makeDataDir,
  removeDataDir,
  startSyncServer,
  type TestServer,
} from '../helpers/server';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

const NAME = 'meeting/m1/control';
const LEGACY = 'ab'.repeat(32);

/** A data directory holding a control document as an older server stored it. */
async function seeded(version: number): Promise<string> {
  const dir = await makeDataDir();
  cleanup.unshift(() => removeDataDir(dir));
  const old = new Y.Doc();
  old.transact(() => {
    metaMap(old).set('schemaVersion', version);
    metaMap(old).set('title', 'Họp Hội đồng quản trị');
    const item = new Y.Map<unknown>();
    item.set('id', 'item-1');
    item.set('title', 'Báo cáo tài chính');
    item.set('documents', [LEGACY]);
    agendaArray(old).push([item]);
  });
  const store = await LevelStore.open(dir);
  await store.appendUpdate(NAME, Y.encodeStateAsUpdate(old));
  await store.close();
  return dir;
}

async function server(dataDir: string): Promise<TestServer> {
  const t = await startSyncServer({ dataDir });
  cleanup.push(() => t.close());
  return t;
}

async function read(t: TestServer): Promise<Y.Doc> {
  const c = connectClient(t.syncUrl, NAME, 'tok-bob');
  cleanup.push(() => c.destroy());
  await c.synced;
  return c.doc;
}

describe('control document migrations on the server', () => {
  it('migrates an older stored document before the first client reads it, once', async () => {
    const dir = await seeded(1);
    const first = await server(dir);
    const doc = await read(first);
    expect(readControlMeta(doc).schemaVersion).toBe(CONTROL_SCHEMA_VERSION);
    expect(readAgenda(doc)).toEqual([
      {
        id: 'item-1',
        title: 'Báo cáo tài chính',
        // A legacy bare SHA-256 entry still reads, as a document with unknown details.
        documents: [{ sha256: LEGACY, title: '', pages: 0, size: 0, addedBy: null, addedAt: null }],
      },
    ]);
    const stored = await first.store.loadDocument(NAME);
    expect(stored.updates.length + (stored.snapshot ? 1 : 0)).toBe(2);
    await first.close();

    // Stored durably: a restarted server has nothing left to migrate.
    const second = await server(dir);
    expect(readAgenda(await read(second))[0]?.documents[0]?.sha256).toBe(LEGACY);
    // The first server folded the log into a snapshot when it closed; loading it again
    // appended nothing.
    const again = await second.store.loadDocument(NAME);
    expect(again.snapshot).not.toBeNull();
    expect(again.updates).toEqual([]);
  });

  it('leaves a newer document as it is and refuses to write into it', async () => {
    const dir = await seeded(CONTROL_SCHEMA_VERSION + 1);
    const t = await server(dir);
    const doc = await read(t);
    expect(readControlMeta(doc).schemaVersion).toBe(CONTROL_SCHEMA_VERSION + 1);
    await expect(
      transactControl(t.rooms, 'm1', (d) => writePresenter(d, { page: 3 })),
    ).rejects.toMatchObject({ code: 'control-schema-newer' });
    let page: number | null = -1;
    await t.rooms.transact(NAME, (d) => {
      page = readPresenterView(d).page;
    });
    expect(page).toBeNull();
  });
});

describe('a control document newer than the server, over HTTP', () => {
  it('refuses writes with 409 control-schema-newer and changes nothing', async () => {
    const app = await startTestApp([{ id: 'nhung', name: 'Trần Thị Hồng Nhung', role: 'chair' }]);
    cleanup.push(() => app.close());
    await app.server.close();
    // A newer server wrote the document meanwhile.
    const store = await openStore(app.dataDir);
    const newer = new Y.Doc();
    const name = controlDocName(MEETING_ID);
    const stored = await store.loadDocument(name);
    for (const update of [stored.snapshot, ...stored.updates])
      if (update) Y.applyUpdate(newer, update);
    const before = Y.encodeStateVector(newer);
    newer.transact(() => metaMap(newer).set('schemaVersion', CONTROL_SCHEMA_VERSION + 1));
    await store.appendUpdate(name, Y.encodeStateAsUpdate(newer, before));
    await store.close();
    await app.restart();

    const token = await app.login('nhung');
    const res = await app.api(`/api/meetings/${MEETING_ID}/presenter`, {
      method: 'POST',
      token,
      body: JSON.stringify({ documentSha256: LEGACY, page: 2, zoom: null }),
    });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
      'control-schema-newer',
    );
    const view = await app.api(`/api/meetings/${MEETING_ID}/presenter`, { token });
    expect(await view.json()).toMatchObject({ page: null, documentSha256: null });
  });
});
