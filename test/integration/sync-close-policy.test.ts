/**
 * The client side of the server's close codes (core/docs/close-codes): a member's connection
 * closed with 4413 is explained, is not retried in a loop but after the table's wait, keeps the
 * refused edits locally, sends them once the server accepts again, and the explanation clears
 * when the connection is healthy. A refused read-only write (4403) is final: no retry at all.
 * Real server, real tickets, real y-websocket providers; only the timers are stepped by hand.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import {
  ConnectionWatch,
  HEALTHY_AFTER_MS,
  reconnectsByItself,
  type Timers,
} from '../../renderer/src/collab/connection-watch';
import { ticketedConnection } from '../../renderer/src/collab/sync-ticket';
import { MEETING_ID, startTestApp, type TestApp } from '../helpers/app';
import { waitFor } from '../helpers/server';

const shared = `meeting/${MEETING_ID}/shared`;
const QUOTA = 16 * 1024;
let app: TestApp;

/** Timers that run only when the test steps them, so a 60 s backoff takes no time. */
class SteppedTimers implements Timers {
  readonly pending: { ms: number; run: () => void }[] = [];
  after(ms: number, run: () => void): () => void {
    const entry = { ms, run };
    this.pending.push(entry);
    return () => {
      const i = this.pending.indexOf(entry);
      if (i >= 0) this.pending.splice(i, 1);
    };
  }
  delays(): number[] {
    return this.pending.map((p) => p.ms);
  }
  fire(ms: number): void {
    const i = this.pending.findIndex((p) => p.ms === ms);
    if (i < 0) throw new Error(`no timer of ${ms} ms pending (have ${this.delays().join(', ')})`);
    const [entry] = this.pending.splice(i, 1);
    entry?.run();
  }
}

async function ticketFor(memberId: string): Promise<() => Promise<string>> {
  let token = await app.login(memberId);
  return async () => {
    let res = await app.api('/api/sync-ticket', { method: 'POST', token });
    // The test restarts the server; log in again if the session did not survive it.
    if (res.status === 401) {
      token = await app.login(memberId);
      res = await app.api('/api/sync-ticket', { method: 'POST', token });
    }
    if (!res.ok) throw new Error(`no ticket: ${res.status}`);
    return ((await res.json()) as { ticket: string }).ticket;
  };
}

/** A member's connection as the renderer makes it (meeting-docs.ts), with stepped timers. */
async function member(memberId: string, docName: string) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(app.syncUrl, docName, doc, {
    connect: false,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 200,
    shouldReconnect: reconnectsByItself,
  });
  const tickets = ticketedConnection(provider, await ticketFor(memberId));
  const timers = new SteppedTimers();
  let attempts = 0;
  provider.on('status', ({ status }) => {
    if (status === 'connecting') attempts++;
  });
  const watch = new ConnectionWatch(provider, tickets.resume, () => {}, timers);
  await waitFor(() => provider.synced, `${memberId} to sync`);
  return {
    doc,
    provider,
    timers,
    watch,
    attempts: () => attempts,
    destroy() {
      watch.stop();
      tickets.stop();
      provider.destroy();
      doc.destroy();
    },
  };
}

beforeAll(async () => {
  app = await startTestApp(
    [
      { id: 'dung', name: 'Lê Văn Dũng', role: 'delegate' },
      { id: 'hang', name: 'Phạm Thị Thu Hằng', role: 'delegate' },
      { id: 'khach', name: 'Khách Dự Thính', role: 'observer' },
    ],
    { quota: { maxSharedDocumentBytes: QUOTA } },
  );
});
afterAll(async () => {
  await app.close();
});

describe('close policy on the client', () => {
  it('4413: explained, retried after 60 s not in a loop, edits kept and sent once accepted, then cleared', async () => {
    const dung = await member('dung', shared);
    const hang = await member('hang', shared);
    const notes = dung.doc.getMap<string>('notes');
    notes.set('small', 'vừa đủ');
    await waitFor(() => hang.doc.getMap('notes').get('small') === 'vừa đủ', 'the small edit');

    notes.set('big', 'Nội dung dài '.repeat(2000)); // ~28 KB > the 16 KiB cap
    await waitFor(() => dung.watch.problem() !== null, 'the 4413 close to be explained');
    expect(dung.watch.problem()).toEqual({
      code: 4413,
      reason: 'quota-exceeded',
      writesRefused: true,
      final: false,
      retryInMs: 60_000,
    });
    // The provider stopped by itself; only the policy timer will bring it back.
    expect(dung.provider.shouldConnect).toBe(false);
    expect(dung.timers.delays()).toEqual([60_000]);
    const attemptsBefore = dung.attempts();
    // The refused edit is still in the member's copy, and reached nobody.
    expect(notes.has('big')).toBe(true);
    expect(hang.doc.getMap('notes').has('big')).toBe(false);

    // Stepping the wait: it reconnects with a fresh ticket, resends, is refused again, waits longer.
    dung.timers.fire(60_000);
    await waitFor(() => dung.timers.delays().includes(120_000), 'the doubled wait');
    expect(dung.attempts()).toBe(attemptsBefore + 1);
    expect(dung.watch.problem()?.retryInMs).toBe(120_000);
    expect(hang.doc.getMap('notes').has('big')).toBe(false);

    // The operator raises the quota (a restart on the same port); the next attempt succeeds.
    hang.destroy();
    await app.restart({
      port: Number(new URL(app.url).port),
      quota: { maxSharedDocumentBytes: 1024 * 1024 },
    });
    dung.timers.fire(120_000);
    await waitFor(() => dung.provider.synced, 'the reconnect to sync', 10_000);
    const reader = await member('hang', shared);
    await waitFor(
      () => reader.doc.getMap('notes').has('big'),
      'the kept edit to reach others',
      10_000,
    );
    // Healthy only after staying open: the explanation clears when that timer runs.
    expect(dung.watch.problem()?.code).toBe(4413);
    expect(dung.timers.delays()).toEqual([HEALTHY_AFTER_MS]);
    dung.timers.fire(HEALTHY_AFTER_MS);
    expect(dung.watch.problem()).toBeNull();
    reader.destroy();
    dung.destroy();
  });

  it('a restart only meant "reconnecting": the explanation goes at the next sync, no wait', async () => {
    const dung = await member('dung', shared);
    await app.restart({ port: Number(new URL(app.url).port) });
    await waitFor(() => dung.watch.problem() !== null || !dung.provider.synced, 'the close');
    await waitFor(() => dung.provider.synced, 'the reconnect to sync', 10_000);
    await waitFor(() => dung.watch.problem() === null, 'the explanation to clear', 5_000);
    expect(dung.timers.delays()).toEqual([]);
    dung.destroy();
  });

  it('4403: an observer’s refused write is explained as changed rights and never retried', async () => {
    const khach = await member('khach', shared);
    khach.doc.getMap('notes').set('observer-write', 'không được phép');
    await waitFor(() => khach.watch.problem() !== null, 'the 4403 close to be explained');
    expect(khach.watch.problem()).toMatchObject({
      code: 4403,
      reason: 'access-changed',
      final: true,
      retryInMs: null,
    });
    expect(khach.timers.delays()).toEqual([]);
    expect(khach.provider.shouldConnect).toBe(false);
    khach.destroy();
  });
});
