/**
 * Session tokens stay out of URLs (issue 10 §4): HTTP routes ignore `?token=`, and websockets
 * open with a one-time ticket bound to the session that asked for it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { ticketedConnection } from '../../renderer/src/collab/sync-ticket';
import { MEETING_ID, startTestApp, type TestApp } from '../helpers/app';
import { connectClient, tryUpgrade, waitFor } from '../helpers/server';

const shared = `meeting/${MEETING_ID}/shared`;
let app: TestApp;

async function ticketFor(token: string): Promise<string> {
  const res = await app.api('/api/sync-ticket', { method: 'POST', token });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { ticket: string; expiresAt: number };
  expect(body.ticket).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(body.expiresAt).toBeGreaterThan(Date.now());
  return body.ticket;
}

const codeOf = async (url: string) => {
  const r = await tryUpgrade(url);
  return r === 'open' ? 'open' : [r.status, (r.body as { error: { code: string } }).error.code];
};

beforeAll(async () => {
  app = await startTestApp([
    { id: 'dung', name: 'Lê Văn Dũng', role: 'delegate' },
    { id: 'ngoai', name: 'Người Ngoài' },
  ]);
});
afterAll(async () => {
  await app.close();
});

describe('sync tickets', () => {
  it('HTTP routes take the session only from the Authorization header, never ?token=', async () => {
    const token = await app.login('dung');
    expect((await app.api('/api/me', { token })).status).toBe(200);
    const viaQuery = await app.api(`/api/me?token=${token}`);
    expect(viaQuery.status).toBe(401);
    expect(((await viaQuery.json()) as { error: { code: string } }).error.code).toBe(
      'session-missing',
    );
  });

  it('a ticket opens one websocket, once; a second use and a made-up ticket are refused', async () => {
    const token = await app.login('dung');
    const ticket = await ticketFor(token);
    expect(await codeOf(`${app.syncUrl}/${shared}?ticket=${ticket}`)).toBe('open');
    expect(await codeOf(`${app.syncUrl}/${shared}?ticket=${ticket}`)).toEqual([
      401,
      'ticket-invalid',
    ]);
    expect(await codeOf(`${app.syncUrl}/${shared}?ticket=${'x'.repeat(43)}`)).toEqual([
      401,
      'ticket-invalid',
    ]);
    expect(await codeOf(`${app.syncUrl}/${shared}?ticket=`)).toEqual([401, 'ticket-invalid']);
  });

  it('a ticket needs a session, and carries its rights: an outsider’s ticket is refused 403', async () => {
    expect((await app.api('/api/sync-ticket', { method: 'POST' })).status).toBe(401);
    const outsider = await ticketFor(await app.login('ngoai'));
    expect(await codeOf(`${app.syncUrl}/${shared}?ticket=${outsider}`)).toEqual([
      403,
      'document-forbidden',
    ]);
  });

  it('the connection lives by the ticket’s session: logout closes it, unused tickets die', async () => {
    const token = await app.login('dung');
    const used = await ticketFor(token);
    const unused = await ticketFor(token);
    const c = connectClient(app.syncUrl, shared, '');
    c.provider.params = { ticket: used };
    try {
      await c.synced;
      let closed: number | null = null;
      c.provider.on('connection-close', (event) => {
        if (event) closed ??= event.code;
      });
      await app.api('/api/auth/logout', { method: 'POST', token });
      await waitFor(() => closed !== null, 'the close after logout', 1000);
      expect(closed).toBe(4401);
      expect(await codeOf(`${app.syncUrl}/${shared}?ticket=${unused}`)).toEqual([
        401,
        'ticket-invalid',
      ]);
    } finally {
      c.destroy();
    }
  });

  it('the renderer’s providers connect and reconnect with a fresh ticket each time', async () => {
    const token = await app.login('dung');
    const issued: string[] = [];
    const fetchTicket = async () => {
      const res = await app.api('/api/sync-ticket', { method: 'POST', token });
      if (!res.ok) throw Object.assign(new Error('no ticket'), { status: res.status });
      const { ticket } = (await res.json()) as { ticket: string };
      issued.push(ticket);
      return ticket;
    };
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(app.syncUrl, shared, doc, {
      connect: false,
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      maxBackoffTime: 200,
    });
    let refused: unknown = null;
    const { stop } = ticketedConnection(
      provider,
      fetchTicket,
      (error) => (refused = error),
      (error) => (error as { status?: number }).status === 401,
    );
    try {
      await waitFor(() => provider.synced, 'the first sync');
      expect(provider.url).not.toContain('token=');
      // The socket drops (Wi-Fi): the provider comes back with a new ticket, not the used one.
      provider.ws?.close();
      await waitFor(() => !provider.synced, 'the drop');
      await waitFor(() => provider.synced, 'the resync', 5000);
      expect(new Set(issued).size).toBe(issued.length);
      expect(issued.length).toBeGreaterThanOrEqual(2);
      // Logout: the socket closes for good and no ticket can be had any more.
      await app.api('/api/auth/logout', { method: 'POST', token });
      await waitFor(() => !provider.shouldConnect, 'the provider to stop', 2000);
      expect(refused).toBeNull(); // 4401 is final by itself; no ticket was even asked for
    } finally {
      stop();
      provider.destroy();
      doc.destroy();
    }
  });
});
