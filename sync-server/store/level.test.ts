import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { compactDocument } from './compact';
import { LevelStore } from './level';
import { StoreError } from './types';

const dirs: string[] = [];
const stores: LevelStore[] = [];
async function open(dir?: string): Promise<{ store: LevelStore; dir: string }> {
  const d = dir ?? (await mkdtemp(path.join(tmpdir(), 'dienhong-store-')));
  if (!dir) dirs.push(d);
  const store = await LevelStore.open(d);
  stores.push(store);
  return { store, dir: d };
}
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

function edit(doc: Y.Doc, fn: () => void): Uint8Array {
  let out: Uint8Array | null = null;
  doc.once('update', (u: Uint8Array) => (out = u));
  fn();
  return out as unknown as Uint8Array;
}

describe('LevelStore', () => {
  it('logs updates per document in order and keeps them across reopen', async () => {
    const { store, dir } = await open();
    const doc = new Y.Doc();
    const text = doc.getText('t');
    const updates = [edit(doc, () => text.insert(0, 'a')), edit(doc, () => text.insert(1, 'b'))];
    await Promise.all(updates.map((u) => store.appendUpdate('meeting/m1/shared', u)));
    await store.appendUpdate('meeting/m1/shared2', new Uint8Array([0, 0]));
    await store.close();
    const again = (await open(dir)).store;
    const stored = await again.loadDocument('meeting/m1/shared');
    expect(stored.updates.map((u) => [...u])).toEqual(updates.map((u) => [...u]));
    expect(stored.snapshot).toBeNull();
    expect(stored.through).toBe(2);
  });

  it('compacts into a snapshot, keeping updates appended after the read', async () => {
    const { store } = await open();
    const doc = new Y.Doc();
    const text = doc.getText('t');
    for (const ch of 'xin chào')
      await store.appendUpdate(
        'd',
        edit(doc, () => text.insert(text.length, ch)),
      );
    const read = await store.loadDocument('d');
    const late = edit(doc, () => text.insert(text.length, '!'));
    await store.appendUpdate('d', late);
    const merged = new Y.Doc();
    for (const u of read.updates) Y.applyUpdate(merged, u);
    await store.compact('d', Y.encodeStateAsUpdate(merged), read.through);
    const after = await store.loadDocument('d');
    expect(after.updates).toHaveLength(1);
    const rebuilt = new Y.Doc();
    Y.applyUpdate(rebuilt, after.snapshot as Uint8Array);
    Y.applyUpdate(rebuilt, after.updates[0] as Uint8Array);
    expect(rebuilt.getText('t').toString()).toBe('xin chào!');
    expect(await compactDocument(store, 'd')).toBe(1);
    expect((await store.loadDocument('d')).updates).toHaveLength(0);
  });

  it('stores JSON records with prefix iteration and an ordered audit log', async () => {
    const { store, dir } = await open();
    await store.put('meeting/m1', { title: 'Họp' });
    await store.batch([
      { type: 'put', key: 'member/a', value: { name: 'Nguyễn Tiến Sỹ' } },
      { type: 'put', key: 'member/b', value: { name: 'B' } },
      { type: 'put', key: 'memberx', value: 1 },
    ]);
    await store.del('member/b');
    expect(await store.get('meeting/m1')).toEqual({ title: 'Họp' });
    expect(await store.get('missing')).toBeUndefined();
    const members: [string, unknown][] = [];
    for await (const entry of store.iterate('member/')) members.push(entry);
    expect(members).toEqual([['member/a', { name: 'Nguyễn Tiến Sỹ' }]]);
    expect(await store.appendAudit({ event: 'login' })).toBe(1);
    expect(await store.appendAudit({ event: 'vote' })).toBe(2);
    await store.close();
    const again = (await open(dir)).store;
    expect(await again.appendAudit({ event: 'logout' })).toBe(3);
    const audit = [];
    for await (const entry of again.readAudit(1)) audit.push(entry);
    expect(audit).toEqual([
      { seq: 2, value: { event: 'vote' } },
      { seq: 3, value: { event: 'logout' } },
    ]);
  });

  it('refuses names and keys it could not store unambiguously', async () => {
    const { store } = await open();
    await expect(store.appendUpdate('a\u0000b', new Uint8Array())).rejects.toBeInstanceOf(
      StoreError,
    );
    await expect(store.put('', 1)).rejects.toMatchObject({ code: 'bad-key' });
  });
});

describe('LevelStore compaction races', () => {
  it('ignores a compaction that read an older log than one already committed', async () => {
    const { store } = await open();
    const doc = new Y.Doc();
    const text = doc.getText('t');
    await store.appendUpdate(
      'd',
      edit(doc, () => text.insert(0, 'a')),
    );
    const older = await store.loadDocument('d');
    await store.appendUpdate(
      'd',
      edit(doc, () => text.insert(1, 'b')),
    );
    expect(await compactDocument(store, 'd')).toBe(2);
    // The stale state (only "a") must not replace the newer snapshot ("ab").
    const stale = new Y.Doc();
    Y.applyUpdate(stale, older.updates[0] as Uint8Array);
    await store.compact('d', Y.encodeStateAsUpdate(stale), older.through);
    const after = await store.loadDocument('d');
    const rebuilt = new Y.Doc();
    Y.applyUpdate(rebuilt, after.snapshot as Uint8Array);
    expect(rebuilt.getText('t').toString()).toBe('ab');
    expect(after.updates).toHaveLength(0);
  });
});
