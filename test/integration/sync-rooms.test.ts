import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  connectClient,
  removeDataDir,
  startSyncServer,
  type TestClient,
  type TestServer,
  tryUpgrade,
  waitFor,
} from '../helpers/server';

let t: TestServer;
const clients: TestClient[] = [];
const client = (doc: string, token: string): TestClient => {
  const c = connectClient(t.syncUrl, doc, token);
  clients.push(c);
  return c;
};

beforeAll(async () => {
  t = await startSyncServer({
    limits: { maxFrameBytes: 64 * 1024, messagesPerSecond: 50, messageBurst: 100 },
  });
});
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
});
afterAll(async () => {
  await t.close();
  await removeDataDir(t.dataDir);
});

/** A raw websocket that has completed the upgrade; collects close code and reason. */
async function rawSocket(doc: string, token: string) {
  const ws = new WebSocket(`${t.syncUrl}/${doc}?token=${token}`);
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  ws.on('error', () => {});
  await new Promise((resolve) => ws.on('open', resolve));
  return { ws, closed };
}

describe('sync rooms', () => {
  it('two writers see each other’s edits through the server', async () => {
    const a = client('meeting/m1/shared', 'tok-alice');
    const b = client('meeting/m1/shared', 'tok-bob');
    await Promise.all([a.synced, b.synced]);
    a.doc.getText('minutesDraft').insert(0, 'Khai mạc. ');
    b.doc.getMap('annotations').set('n1', 'ghi chú');
    await waitFor(
      () => b.doc.getText('minutesDraft').toString() === 'Khai mạc. ',
      'b to see a’s text',
    );
    await waitFor(
      () => a.doc.getMap('annotations').get('n1') === 'ghi chú',
      'a to see b’s map entry',
    );
  });

  it('refuses a read-only connection’s write: 4403, and the update never reaches the document', async () => {
    const writer = client('meeting/m2/shared', 'tok-alice');
    await writer.synced;
    writer.doc.getText('t').insert(0, 'from writer');
    const observer = client('meeting/m2/shared', 'tok-olga');
    await observer.synced;
    await waitFor(() => observer.doc.getText('t').toString() === 'from writer', 'observer to read');

    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      observer.provider.on('closed', (event) => resolve(event)),
    );
    observer.doc.getText('t').insert(0, 'FORGED ');
    const event = await closed;
    expect(event.code).toBe(4403);
    expect(event.reason).toMatch(/read-only/);

    // The writer never receives it, and a fresh client does not find it either.
    writer.doc.getText('t').insert(0, '+');
    const fresh = client('meeting/m2/shared', 'tok-bob');
    await fresh.synced;
    await waitFor(
      () => fresh.doc.getText('t').toString() === '+from writer',
      'fresh client to sync',
    );
    expect(writer.doc.getText('t').toString()).toBe('+from writer');

    const metrics = await (await fetch(`${t.server.url}/metrics`)).text();
    expect(metrics).toMatch(/dienhong_sync_frames_refused_total\{reason="read-only"\} 1/);
  });

  it('lets read-only connections share presence (awareness), stamped with who they are', async () => {
    const writer = client('meeting/m1/control', 'tok-alice');
    const reader = client('meeting/m1/control', 'tok-bob');
    await Promise.all([writer.synced, reader.synced]);
    reader.provider.awareness.setLocalStateField('user', { name: 'Giả Mạo', color: '#1f6f8b' });
    await waitFor(
      () =>
        [...writer.provider.awareness.getStates().values()].some((s) => s.user?.memberId === 'bob'),
      'presence of the read-only client',
    );
    const seen = writer.provider.awareness.getStates().get(reader.doc.clientID);
    expect(seen?.user).toEqual({ memberId: 'bob', name: 'Nguyễn Tiến Sỹ', color: '#1f6f8b' });
  });

  it('refuses upgrades with distinct status and code', async () => {
    const base = t.syncUrl;
    expect(await tryUpgrade(`${base}/meeting/m1/shared?token=nope`)).toEqual({
      status: 401,
      body: { error: { code: 'invalid-token', message: expect.any(String) } },
    });
    expect(await tryUpgrade(`${base}/meeting/m1/shared`)).toMatchObject({
      status: 401,
      body: { error: { code: 'invalid-token' } },
    });
    expect(await tryUpgrade(`${base}/meeting/m1/private/bob?token=tok-alice`)).toMatchObject({
      status: 403,
      body: { error: { code: 'not-your-document' } },
    });
    expect(await tryUpgrade(`${base}/meeting/m1/secrets?token=tok-alice`)).toMatchObject({
      status: 404,
      body: { error: { code: 'unknown-document' } },
    });
    expect(await tryUpgrade(`${base}/meeting/zz/shared?token=tok-alice`)).toMatchObject({
      status: 404,
      body: { error: { code: 'unknown-meeting' } },
    });
    expect(await tryUpgrade(`${base}/meeting/m1/private/alice?token=tok-alice`)).toBe('open');
  });

  it.each([
    ['bad varint', Uint8Array.from([0xff, 0xff, 0xff]), 1002],
    ['unknown message type', Uint8Array.from([9, 0]), 1003],
    ['undecodable update', Uint8Array.from([0, 2, 5, 0xff, 0xff, 0xff, 0xff, 0xff]), 1002],
  ])('closes only the connection that sent a %s', async (_what, frame, code) => {
    const a = client('meeting/m1/shared', 'tok-alice');
    const b = client('meeting/m1/shared', 'tok-bob');
    await Promise.all([a.synced, b.synced]);
    const bad = await rawSocket('meeting/m1/shared', 'tok-bob');
    bad.ws.send(frame);
    expect((await bad.closed).code).toBe(code);
    const key = `after-${code}-${frame.length}`;
    a.doc.getMap('m').set(key, true);
    await waitFor(() => b.doc.getMap('m').get(key) === true, 'the other clients to keep syncing');
  });

  it('closes an oversize frame’s connection with 1009, others keep syncing', async () => {
    const a = client('meeting/m1/shared', 'tok-alice');
    const b = client('meeting/m1/shared', 'tok-bob');
    await Promise.all([a.synced, b.synced]);
    const bad = await rawSocket('meeting/m1/shared', 'tok-bob');
    bad.ws.send(new Uint8Array(64 * 1024 + 1));
    expect((await bad.closed).code).toBe(1009);
    a.doc.getMap('m').set('after-oversize', 1);
    await waitFor(() => b.doc.getMap('m').get('after-oversize') === 1, 'b to keep syncing');
  });

  it('closes a connection that floods frames with 1008', async () => {
    const flood = await rawSocket('meeting/m1/shared', 'tok-alice');
    const query = Uint8Array.from([3]);
    for (let i = 0; i < 300; i++) flood.ws.send(query);
    expect(await flood.closed).toEqual({ code: 1008, reason: 'rate limit exceeded' });
  });

  it('applies server-side writes (transact) and broadcasts them to read-only clients', async () => {
    const reader = client('meeting/m1/control', 'tok-bob');
    await reader.synced;
    await t.rooms.transact('meeting/m1/control', (doc) =>
      doc.getMap('meta').set('title', 'Họp thường kỳ'),
    );
    await waitFor(
      () => reader.doc.getMap('meta').get('title') === 'Họp thường kỳ',
      'the reader to see the title',
    );
    await expect(t.rooms.transact('meeting/m1/../x', () => {})).rejects.toMatchObject({
      code: 'unknown-document',
    });
    await expect(
      t.rooms.transact('meeting/m1/control', () => {
        throw new Error('refused by the votes feature');
      }),
    ).rejects.toThrow('refused by the votes feature');
    const metrics = await (await fetch(`${t.server.url}/metrics`)).text();
    expect(metrics).toMatch(/dienhong_sync_connections \d+/);
    expect(metrics).toMatch(/dienhong_eventloop_delay_seconds\{quantile="0.99"\} [\d.e-]+/);
    expect(metrics).toMatch(/process_resident_memory_bytes \d+/);
  });
});
