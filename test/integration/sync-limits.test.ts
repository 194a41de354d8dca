import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  connectClient,
  removeDataDir,
  startSyncServer,
  type TestServer,
  tryUpgrade,
  waitFor,
} from '../helpers/server';

let t: TestServer;
beforeAll(async () => {
  t = await startSyncServer({
    limits: { pingIntervalMs: 100, maxConnectionsPerMember: 2, idleUnloadMs: 50 },
  });
});
afterAll(async () => {
  await t.close();
  await removeDataDir(t.dataDir);
});

describe('sync connection limits', () => {
  it('drops a connection that stops answering pings, keeps one that answers', async () => {
    const url = `${t.syncUrl}/meeting/m1/shared?token=tok-alice`;
    const silent = new WebSocket(url, { autoPong: false });
    const healthy = new WebSocket(url);
    const silentClosed = new Promise<number>((resolve) =>
      silent.on('close', (code) => resolve(code)),
    );
    await Promise.all(
      [silent, healthy].map((ws) => new Promise((resolve) => ws.on('open', resolve))),
    );
    expect(await silentClosed).toBe(1006); // terminated without a close frame
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(healthy.readyState).toBe(WebSocket.OPEN);
    const closed = new Promise((resolve) => healthy.on('close', resolve));
    healthy.close();
    await closed;
  });

  it('closes a member’s connections beyond the limit with 4409, and frees the slot on close', async () => {
    const a = connectClient(t.syncUrl, 'meeting/m1/shared', 'tok-bob');
    const b = connectClient(t.syncUrl, 'meeting/m1/private/bob', 'tok-bob');
    await Promise.all([a.synced, b.synced]);
    // Accepted and closed with a reason the member's client can explain (a browser sees no
    // HTTP status on a refused upgrade); the room never counts it.
    const third = new WebSocket(`${t.syncUrl}/meeting/m1/control?token=tok-bob`);
    const [code, reason] = await new Promise<[number, string]>((resolve) =>
      third.on('close', (c, r) => resolve([c, r.toString()])),
    );
    expect([code, reason]).toEqual([4409, 'too-many-connections']);
    expect(t.rooms.stats().connections).toBe(2);
    expect(await tryUpgrade(`${t.syncUrl}/meeting/m1/control?token=tok-alice`)).toBe('open');
    a.destroy();
    await waitFor(() => t.rooms.stats().connections <= 1, 'the closed connection to be released');
    expect(await tryUpgrade(`${t.syncUrl}/meeting/m1/control?token=tok-bob`)).toBe('open');
    b.destroy();
    await waitFor(() => t.rooms.stats().documents === 0, 'idle documents to unload');
  });
});
