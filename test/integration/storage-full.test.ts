/**
 * A full disk: writes are refused with `storage-full` (HTTP 507, websocket 4507) and change
 * nothing, /healthz says so, and everything works again once space returns. The watermark is
 * driven through the server's free-space probe; the real ENOSPC path runs LevelDB on a 16 MB
 * tmpfs when this machine lets the test mount one (root in CI), and is skipped otherwise.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { sharedDocName } from '../../core/docs/names';
import { LevelStore } from '../../sync-server/store/level';
import { StoreError } from '../../sync-server/store/types';
import { MEETING_ID, startTestApp, type TestApp } from '../helpers/app';
import { connectClient, waitFor } from '../helpers/server';

const GIB = 1024 * 1024 * 1024;
let free = 10 * GIB;
let app: TestApp;
const tokens: Record<string, string> = {};
beforeAll(async () => {
  app = await startTestApp(
    [
      { id: 'chu-toa', name: 'Nguyễn Văn Chủ', role: 'chair' },
      { id: 'dung', name: 'Lê Văn Dũng', role: 'delegate' },
    ],
    { minFreeBytes: GIB, freeSpace: async () => free },
  );
  for (const id of ['chu-toa', 'dung']) tokens[id] = await app.login(id);
}, 60_000);
afterAll(async () => {
  await app.close();
});

const post = (who: string, pathname: string, body: unknown = {}) =>
  app.api(`/api/meetings/${MEETING_ID}${pathname}`, {
    method: 'POST',
    token: tokens[who] ?? '',
    body: JSON.stringify(body),
  });
const health = async () => {
  const res = await fetch(`${app.url}/healthz`);
  return { status: res.status, body: (await res.json()) as { status: string; checks?: unknown } };
};
async function waitForHealth(status: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while ((await health()).body.status !== status) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for /healthz ${status}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('below the free-space watermark', () => {
  it('refuses ballots (507 storage-full) and shared-document writes (4507), then recovers', async () => {
    expect((await post('chu-toa', '/lifecycle', { step: 'open' })).status).toBe(200);
    expect((await post('chu-toa', '/attendance', { present: true })).status).toBe(200);
    expect((await post('dung', '/attendance', { present: true })).status).toBe(200);
    const poll = (await (
      await post('chu-toa', '/polls', { agendaItemId: await agendaItem(), title: 'Nghị quyết' })
    ).json()) as { id: string };
    expect((await post('chu-toa', `/polls/${poll.id}/open`)).status).toBe(200);

    free = 100 * 1024 * 1024;
    await waitForHealth('degraded');
    expect((await health()).body.checks).toEqual({
      store: { status: 'degraded', detail: 'storage-full' },
    });

    const refused = await post('dung', `/polls/${poll.id}/ballots`, { optionId: 'for' });
    expect(refused.status).toBe(507);
    expect(await refused.json()).toMatchObject({ error: { code: 'storage-full' } });
    const mine = await app.api(`/api/meetings/${MEETING_ID}/polls/${poll.id}/my-ballot`, {
      token: tokens.dung ?? '',
    });
    expect(await mine.json()).toMatchObject({ voted: false });

    const ws = new WebSocket(`${app.syncUrl}/${sharedDocName(MEETING_ID)}?token=${tokens.dung}`);
    const code = new Promise<number>((resolve) => ws.on('close', (c) => resolve(c)));
    await new Promise((resolve) => ws.on('open', resolve));
    const doc = new Y.Doc();
    doc.getMap('annotations').set('a1', 'x'.repeat(1000));
    const update = Y.encodeStateAsUpdate(doc);
    ws.send(Uint8Array.from([0, 2, ...varUint(update.length), ...update]));
    expect(await code).toBe(4507);

    free = 10 * GIB;
    await waitForHealth('ok');
    const accepted = await post('dung', `/polls/${poll.id}/ballots`, { optionId: 'for' });
    expect(accepted.status, await accepted.clone().text()).toBeLessThan(300);
    const writer = connectClient(app.syncUrl, sharedDocName(MEETING_ID), tokens.dung ?? '');
    await writer.synced;
    writer.doc.getMap('annotations').set('a2', 'sau khi có chỗ');
    const reader = connectClient(app.syncUrl, sharedDocName(MEETING_ID), tokens['chu-toa'] ?? '');
    await waitFor(
      () => reader.doc.getMap('annotations').get('a2') === 'sau khi có chỗ',
      'the write',
    );
    expect(reader.doc.getMap('annotations').has('a1')).toBe(false);
    writer.destroy();
    reader.destroy();
  });
});

async function agendaItem(): Promise<string> {
  const res = await app.api(`/api/meetings/${MEETING_ID}`, { token: tokens['chu-toa'] ?? '' });
  return ((await res.json()) as { agenda: { id: string }[] }).agenda[0]?.id ?? '';
}

function varUint(n: number): number[] {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return out;
}

/** A 16 MB tmpfs, or null where mounting is not allowed. */
function mountSmallDisk(dir: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16m', 'tmpfs', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('a real full disk (ENOSPC from LevelDB on a 16 MB tmpfs)', () => {
  let dir = '';
  let mounted = false;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'dienhong-full-'));
    mounted = mountSmallDisk(dir);
  });
  afterAll(async () => {
    if (mounted) execFileSync('umount', [dir]);
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses with storage-full, reports the store dead, reopens once space returns', async (ctx) => {
    if (!mounted) ctx.skip();
    // A filler the "operator" deletes later to give space back: half the disk, more than
    // LevelDB needs to replay its log into a table when it reopens.
    await writeFile(path.join(dir, 'filler'), new Uint8Array(8 * 1024 * 1024));
    let dead: unknown = null;
    const store = await LevelStore.open(path.join(dir, 'data'), {
      minFreeBytes: 0,
      onDead: (error) => (dead = error),
    });
    try {
      // Incompressible bytes (LevelDB compresses with Snappy), from a fixed seed.
      const chunk = new Uint8Array(256 * 1024);
      let x = 2463534242;
      for (let i = 0; i < chunk.length; i++) {
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        chunk[i] = x & 0xff;
      }
      let acknowledged = 0;
      let failure: unknown = null;
      for (let i = 0; i < 200 && failure === null; i++) {
        try {
          await store.appendUpdate('meeting/m1/shared', chunk);
          acknowledged++;
        } catch (error) {
          failure = error;
        }
      }
      expect(failure).toBeInstanceOf(StoreError);
      expect((failure as StoreError).code).toBe('storage-full');
      // Later writes are refused too, with a code, while the store reopens.
      await expect(store.put('poll/1', { open: true })).rejects.toBeInstanceOf(StoreError);

      await rm(path.join(dir, 'filler'));
      await waitFor(() => store.health() === 'ok' || dead !== null, 'the store to reopen', 30_000);
      expect(dead).toBeNull();
      await store.put('poll/1', { open: true });
      expect(await store.get('poll/1')).toEqual({ open: true });
      const stored = await store.loadDocument('meeting/m1/shared');
      expect(stored.updates.length).toBeGreaterThanOrEqual(acknowledged);
    } finally {
      await store.close();
    }
  }, 60_000);
});
