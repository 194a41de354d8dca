/**
 * Presence the server stamps (issue 10 §2): identity comes from the session, a connection speaks
 * only for its own client ids, states and rates are capped, and /healthz stays responsive.
 */
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { readPresenceUser } from '../../core/docs/presence';
import { type AwarenessEntry, encodeAwarenessEntries } from '../../sync-server/rooms/protocol';
import { MEETING_ID, startTestApp, type TestApp } from '../helpers/app';
import { connectClient, waitFor, type TestClient } from '../helpers/server';

const control = `meeting/${MEETING_ID}/control`;
const shared = `meeting/${MEETING_ID}/shared`;

let app: TestApp;
const tokens: Record<string, string> = {};
const clients: TestClient[] = [];
const client = (doc: string, who: string) => {
  const c = connectClient(app.syncUrl, doc, tokens[who] as string);
  clients.push(c);
  return c;
};

/** A raw websocket speaking the y-websocket protocol by hand, as an attacker would. */
interface RawSocket {
  ws: WebSocket;
  closed: Promise<{ code: number; reason: string }>;
  sendAwareness(entries: AwarenessEntry[]): void;
}
async function rawSocket(doc: string, who: string): Promise<RawSocket> {
  const ws = new WebSocket(`${app.syncUrl}/${doc}?token=${tokens[who]}`);
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return {
    ws,
    closed,
    sendAwareness(entries) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 1);
      encoding.writeVarUint8Array(encoder, encodeAwarenessEntries(entries));
      ws.send(encoding.toUint8Array(encoder));
    },
  };
}

const entry = (clientId: number, clock: number, state: unknown): AwarenessEntry => ({
  clientId,
  clock,
  state: JSON.stringify(state),
});

/** Resolves with how long /healthz took; fails if it takes more than `boundMs`. */
async function healthWithin(boundMs: number): Promise<number> {
  const started = performance.now();
  const res = await Promise.race([
    app.api('/healthz'),
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`/healthz gave no answer in ${boundMs} ms`)), boundMs),
    ),
  ]);
  expect(res.status).toBe(200);
  return performance.now() - started;
}

beforeAll(async () => {
  app = await startTestApp([
    { id: 'nhung', name: 'Trần Thị Hồng Nhung', role: 'chair' },
    { id: 'dung', name: 'Lê Văn Dũng', role: 'delegate' },
    { id: 'quan-sat', name: 'Đỗ Minh Quân', role: 'observer' },
  ]);
  for (const id of ['nhung', 'dung', 'quan-sat']) tokens[id] = await app.login(id);
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await app.close();
});

describe('presence stamped by the server', () => {
  it('an observer claiming to be the chair is stamped back to the truth', async () => {
    const chair = client(control, 'nhung');
    const observer = client(control, 'quan-sat');
    await Promise.all([chair.synced, observer.synced]);
    observer.provider.awareness.setLocalState({
      user: { memberId: 'nhung', name: 'Trần Thị Hồng Nhung', color: '#b3261e' },
      follow: { memberId: 'nhung', following: false, documentSha256: null, presenter: true },
    });
    await waitFor(
      () => chair.provider.awareness.getStates().has(observer.doc.clientID),
      'the observer’s presence at the chair',
    );
    const seen = chair.provider.awareness.getStates().get(observer.doc.clientID);
    expect(readPresenceUser(seen)).toEqual({
      memberId: 'quan-sat',
      name: 'Đỗ Minh Quân',
      color: '#b3261e',
    });
    expect(seen?.user).toEqual({ memberId: 'quan-sat', name: 'Đỗ Minh Quân', color: '#b3261e' });
  });

  it('a connection cannot speak for another member’s client id', async () => {
    const chair = client(control, 'nhung');
    const witness = client(control, 'dung');
    await Promise.all([chair.synced, witness.synced]);
    chair.provider.awareness.setLocalStateField('follow', { following: false });
    const chairId = chair.doc.clientID;
    await waitFor(() => witness.provider.awareness.getStates().has(chairId), 'the chair');
    const before = witness.provider.awareness.getStates().get(chairId);

    const forger = await rawSocket(control, 'quan-sat');
    const ownId = 4_000_001;
    forger.sendAwareness([
      entry(chairId, 10_000, { user: { memberId: 'nhung', name: 'X' }, follow: { forged: 1 } }),
      entry(ownId, 1, { follow: { following: true } }),
    ]);
    await waitFor(() => witness.provider.awareness.getStates().has(ownId), 'the forger’s own id');
    expect(witness.provider.awareness.getStates().get(chairId)).toEqual(before);
    expect(readPresenceUser(witness.provider.awareness.getStates().get(ownId))?.memberId).toBe(
      'quan-sat',
    );
    // Removing someone else's presence (a null state) is refused the same way.
    forger.sendAwareness([entry(chairId, 10_001, null)]);
    forger.sendAwareness([entry(ownId, 2, { follow: { following: false } })]);
    await waitFor(
      () =>
        (witness.provider.awareness.getStates().get(ownId) as { follow?: { following?: boolean } })
          ?.follow?.following === false,
      'the forger’s next own state',
    );
    expect(witness.provider.awareness.getStates().get(chairId)).toEqual(before);
    forger.ws.close();
  });

  it('1,000 client ids from one connection are refused: closed, none relayed', async () => {
    const watcher = client(shared, 'nhung');
    await watcher.synced;
    const base = 5_000_000;
    const flood = await rawSocket(shared, 'dung');
    flood.sendAwareness(Array.from({ length: 1000 }, (_, i) => entry(base + i, 1, { n: i })));
    expect(await flood.closed).toEqual({
      code: 1008,
      reason: 'too many awareness clients on one connection',
    });
    // One id per frame: the first two are the connection's own, the third closes it.
    const trickle = await rawSocket(shared, 'dung');
    for (let i = 0; i < 1000 && trickle.ws.readyState === WebSocket.OPEN; i++)
      trickle.sendAwareness([entry(base + 2000 + i, 1, { n: i })]);
    expect((await trickle.closed).code).toBe(1008);
    const fake = () =>
      [...watcher.provider.awareness.getStates().keys()].filter((id) => id >= base).length;
    expect(fake()).toBeLessThanOrEqual(2);

    // A newcomer is greeted with the current states only: a handful, not thousands.
    const newcomer = client(shared, 'quan-sat');
    await newcomer.synced;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(newcomer.provider.awareness.getStates().size).toBeLessThanOrEqual(4);
  });

  it('a 1 MB presence state is refused with 1009 and reaches nobody', async () => {
    const watcher = client(shared, 'nhung');
    await watcher.synced;
    const big = await rawSocket(shared, 'dung');
    big.sendAwareness([entry(6_000_001, 1, { blob: 'x'.repeat(1024 * 1024) })]);
    expect(await big.closed).toEqual({ code: 1009, reason: 'awareness state too large' });
    expect(watcher.provider.awareness.getStates().has(6_000_001)).toBe(false);
    await healthWithin(2000);
  });

  it('a 200/s presence flood is thinned to the relay interval; /healthz answers meanwhile', async () => {
    const watcher = client(shared, 'nhung');
    await watcher.synced;
    const id = 7_000_001;
    let relayed = 0;
    watcher.provider.awareness.on(
      'change',
      ({ added, updated }: { added: number[]; updated: number[] }) => {
        if (added.includes(id) || updated.includes(id)) relayed++;
      },
    );
    const flooder = await rawSocket(shared, 'dung');
    let clock = 0;
    const health: Promise<number>[] = [];
    // 10 frames every 50 ms for 2 s: 400 states at 200/s.
    for (let round = 0; round < 40; round++) {
      for (let k = 0; k < 10; k++) flooder.sendAwareness([entry(id, ++clock, { cursor: clock })]);
      if (round % 10 === 0) health.push(healthWithin(2000));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const latencies = await Promise.all(health);
    await waitFor(
      () =>
        (watcher.provider.awareness.getStates().get(id) as { cursor?: number } | undefined)
          ?.cursor === clock,
      'the newest state to arrive',
    );
    expect(flooder.ws.readyState).toBe(WebSocket.OPEN);
    // At most one state per 50 ms interval leaves the server (plus edges), far below 400.
    expect(relayed).toBeGreaterThan(0);
    expect(relayed).toBeLessThanOrEqual(80);
    console.info(
      `presence flood: ${clock} sent, ${relayed} relayed; /healthz ms: ${latencies
        .map((l) => l.toFixed(1))
        .join(', ')}`,
    );
    flooder.ws.close();
  });
});
