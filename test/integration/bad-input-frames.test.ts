/**
 * Bad frames against `/sync`: a seeded fuzz of random and mutated y-websocket frames never
 * crashes the server, never logs an internal error, and leaves good clients in sync; and a
 * client that stops reading is closed as a slow consumer instead of growing the server's memory.
 */
import { request } from 'node:http';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { Logger } from '../../sync-server/log';
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
import { seededRandom as seeded } from '../../core/testing/seeded-random';

const errors: string[] = [];
const logger: Logger = {
  log(level, event, fields) {
    if (level === 'error') errors.push(`${event} ${JSON.stringify(fields)}`);
  },
};

let server: RunningServer;
let dataDir = '';
let syncUrl = '';
let connections = (): number => 0;
beforeAll(async () => {
  dataDir = await makeDataDir();
  const store = await LevelStore.open(dataDir);
  const metrics = metricsFeature();
  const sync = syncFeature({
    store,
    authorize: memoryAuthorizer(),
    logger,
    metrics: metrics.registry,
    limits: { maxBufferedBytes: 64 * 1024, messagesPerSecond: 1000, messageBurst: 2000 },
  });
  connections = () => sync.rooms.stats().connections;
  server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    webRoot: null,
    logger,
    features: [storeFeature(store), metrics, sync],
  });
  syncUrl = `${server.url.replace(/^http/, 'ws')}/sync`;
});
afterAll(async () => {
  await server.close();
  await removeDataDir(dataDir);
});

/** A real update, a real sync step 1 and a real awareness frame, for mutation. */
function validFrames(): Uint8Array[] {
  const doc = new Y.Doc();
  doc.getMap('annotations').set('a1', { page: 1, text: 'Tán thành' });
  const update = Y.encodeStateAsUpdate(doc);
  const frame = (type: number, sub: number | null, payload: Uint8Array): Uint8Array => {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, type);
    if (sub !== null) encoding.writeVarUint(e, sub);
    encoding.writeVarUint8Array(e, payload);
    return encoding.toUint8Array(e);
  };
  const awareness = encoding.createEncoder();
  encoding.writeVarUint(awareness, 1);
  encoding.writeVarUint(awareness, 424242);
  encoding.writeVarUint(awareness, 1);
  encoding.writeVarString(awareness, JSON.stringify({ user: { name: 'Nguyễn' } }));
  return [
    frame(0, 2, update),
    frame(0, 0, Y.encodeStateVector(doc)),
    frame(1, null, encoding.toUint8Array(awareness)),
  ];
}

function mutate(rand: () => number, frames: Uint8Array[]): Uint8Array {
  const pick = rand();
  if (pick < 0.25)
    return Uint8Array.from({ length: Math.floor(rand() * 64) }, () => Math.floor(rand() * 256));
  const base = frames[Math.floor(rand() * frames.length)] as Uint8Array;
  const out = Uint8Array.from(base);
  if (pick < 0.5) return out.subarray(0, Math.floor(rand() * out.length));
  const flips = 1 + Math.floor(rand() * 4);
  for (let i = 0; i < flips; i++) out[Math.floor(rand() * out.length)] = Math.floor(rand() * 256);
  return out;
}

/** The HTTP status a raw upgrade request gets (101 when it opens). */
function upgradeStatus(target: string): Promise<number> {
  const url = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request({
      host: url.hostname,
      port: url.port,
      path: target,
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
      },
    });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve(res.statusCode ?? 0);
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

const healthy = async (): Promise<boolean> => (await fetch(`${server.url}/healthz`)).ok;

describe('bad frames', () => {
  it('survives a seeded fuzz of frames on every kind of document (no crash, no internal error)', async () => {
    const good = connectClient(syncUrl, 'meeting/m1/shared', 'tok-bob');
    await good.synced;
    const rand = seeded(1202);
    const frames = validFrames();
    const docs = ['meeting/m1/shared', 'meeting/m1/control', 'meeting/m1/private/alice'];
    for (let socketNo = 0; socketNo < 30; socketNo++) {
      const docName = docs[socketNo % docs.length] as string;
      const ws = new WebSocket(`${syncUrl}/${docName}?token=tok-alice`);
      await new Promise((resolve, reject) => {
        ws.on('open', resolve);
        ws.on('error', reject);
      });
      const closed = new Promise<void>((resolve) => ws.on('close', () => resolve()));
      for (let i = 0; i < 20 && ws.readyState === WebSocket.OPEN; i++) {
        const bytes = mutate(rand, frames);
        // Some frames go out as text, which the protocol does not allow.
        ws.send(bytes, { binary: rand() > 0.05 });
      }
      ws.close();
      await closed;
    }
    expect(errors).toEqual([]);
    expect(await healthy()).toBe(true);
    // The good client still gets real updates through the server.
    const writer = connectClient(syncUrl, 'meeting/m1/shared', 'tok-alice');
    await writer.synced;
    writer.doc.getMap('notes').set('after-fuzz', 'vẫn chạy');
    await waitFor(
      () => good.doc.getMap('notes').get('after-fuzz') === 'vẫn chạy',
      'the update to arrive',
    );
    writer.destroy();
    good.destroy();
  });

  it('refuses junk upgrade paths under /sync with a 4xx, never a 5xx', async () => {
    const rand = seeded(4870);
    const junk = [
      '%zz',
      '%',
      '%ed%a0%80',
      '..',
      '%2F',
      'meeting',
      'meeting/m1',
      'meeting/m1/private',
    ];
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) {
      const parts = Array.from({ length: 1 + Math.floor(rand() * 4) }, () =>
        rand() < 0.5
          ? (junk[Math.floor(rand() * junk.length)] as string)
          : Math.floor(rand() * 1e9).toString(36),
      );
      const token = rand() < 0.5 ? 'tok-alice' : '%zz';
      statuses.push(await upgradeStatus(`/sync/${parts.join('/')}?token=${token}`));
    }
    expect(statuses.filter((s) => s >= 500 || s === 0)).toEqual([]);
    expect(errors).toEqual([]);
    expect(await healthy()).toBe(true);
  });

  it('closes a client that stops reading with 4429, while others keep receiving', async () => {
    const reader = connectClient(syncUrl, 'meeting/m2/shared', 'tok-bob');
    await reader.synced;
    const slow = new WebSocket(`${syncUrl}/meeting/m2/shared?token=tok-olga`);
    await new Promise((resolve) => slow.on('open', resolve));
    const code = new Promise<number>((resolve) => slow.on('close', (c) => resolve(c)));
    const before = connections();
    // Stop reading: the kernel buffers fill, then the server's own send buffer grows.
    (slow as unknown as { _socket: { pause(): void } })._socket.pause();
    const writer = connectClient(syncUrl, 'meeting/m2/shared', 'tok-alice');
    await writer.synced;
    const text = writer.doc.getText('bulk');
    let sent = 0;
    while (connections() >= before + 1 && sent < 400) {
      text.insert(0, 'x'.repeat(100 * 1024));
      sent++;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await waitFor(() => connections() === before, 'the slow consumer to be dropped', 15_000);
    expect(await healthy()).toBe(true);
    await waitFor(
      () => reader.doc.getText('bulk').length === text.length,
      'the reader to catch up',
      15_000,
    );
    (slow as unknown as { _socket: { resume(): void } })._socket.resume();
    expect([4429, 1006]).toContain(await code);
    writer.destroy();
    reader.destroy();
  });
});
