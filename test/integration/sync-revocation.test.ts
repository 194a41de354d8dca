/**
 * Authority holds for open connections (issue 10 §1): logout, session expiry, demotion and
 * removal take effect on websockets already open, within a second, with real logins, a real
 * server and real providers. Writes after the change never reach other members or the store.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEETING_ID, startTestApp, type TestApp } from '../helpers/app';
import { connectClient, tryUpgrade, waitFor, type TestClient } from '../helpers/server';

const shared = `meeting/${MEETING_ID}/shared`;
const control = `meeting/${MEETING_ID}/control`;
const privateOf = (memberId: string) => `meeting/${MEETING_ID}/private/${memberId}`;
/** The bar: rights are gone within a second of the change. */
const WITHIN = 1000;

let app: TestApp;
const tokens: Record<string, string> = {};
const clients: TestClient[] = [];
/** Keys written after a member lost the right to write: none may ever be stored. */
const forbiddenKeys: string[] = [];

const client = (doc: string, who: string) => {
  const c = connectClient(app.syncUrl, doc, tokens[who] as string);
  clients.push(c);
  return c;
};

interface Closed {
  code: number;
  reason: string;
}
function closeOf(c: TestClient): { event: Closed | null } {
  const seen: { event: Closed | null } = { event: null };
  c.provider.on('connection-close', (event) => {
    if (event && !seen.event) seen.event = { code: event.code, reason: event.reason };
  });
  return seen;
}

async function roleChange(memberId: string, role: string | null): Promise<void> {
  const path = `/api/meetings/${MEETING_ID}/members/${memberId}`;
  const res =
    role === null
      ? await app.api(path, { method: 'DELETE', token: tokens.admin })
      : await app.api(path, {
          method: 'PUT',
          token: tokens.admin,
          body: JSON.stringify({ role }),
        });
  expect(res.status).toBe(200);
}

beforeAll(async () => {
  app = await startTestApp([
    { id: 'admin', name: 'Quản Trị Viên', isAdmin: true },
    { id: 'nhung', name: 'Trần Thị Hồng Nhung', role: 'chair' },
    { id: 'dung', name: 'Lê Văn Dũng', role: 'delegate' },
    { id: 'hang', name: 'Phạm Thị Thu Hằng', role: 'delegate' },
    { id: 'khoa', name: 'Vũ Đăng Khoa', role: 'delegate' },
    { id: 'lan', name: 'Ngô Thị Lan', role: 'delegate' },
  ]);
  for (const id of ['admin', 'nhung', 'dung', 'hang', 'khoa', 'lan'])
    tokens[id] = await app.login(id);
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await app.close();
});

describe('open connections follow session and role changes', () => {
  it('logout closes every connection of that session with 4401; its writes reach nobody', async () => {
    const witness = client(shared, 'hang');
    const writer = client(shared, 'dung');
    const reader = client(control, 'dung');
    await Promise.all([witness.synced, writer.synced, reader.synced]);
    writer.doc.getMap('notes').set('before-logout', 'ok');
    await waitFor(() => witness.doc.getMap('notes').has('before-logout'), 'a write before logout');
    const writerClosed = closeOf(writer);
    const readerClosed = closeOf(reader);

    const res = await app.api('/api/auth/logout', { method: 'POST', token: tokens.dung });
    expect(res.status).toBe(200);
    await waitFor(
      () => writerClosed.event !== null && readerClosed.event !== null,
      'close',
      WITHIN,
    );
    expect(writerClosed.event).toEqual({ code: 4401, reason: 'session ended: logout' });
    expect(readerClosed.event?.code).toBe(4401);

    writer.doc.getMap('notes').set('after-logout', 'GIẢ MẠO');
    forbiddenKeys.push('after-logout');
    writer.provider.connect(); // a deliberate reconnect with the dead token is refused too
    expect(await tryUpgrade(`${app.syncUrl}/${shared}?token=${tokens.dung}`)).toMatchObject({
      status: 401,
    });
    const fresh = client(shared, 'khoa');
    await fresh.synced;
    expect(fresh.doc.getMap('notes').has('before-logout')).toBe(true);
    expect(fresh.doc.getMap('notes').has('after-logout')).toBe(false);
    expect(witness.doc.getMap('notes').has('after-logout')).toBe(false);
    tokens.dung = await app.login('dung');
  });

  it('a demoted delegate keeps reading in place, and its writes are refused and reach nobody', async () => {
    const witness = client(shared, 'hang');
    const demoted = client(shared, 'khoa');
    await Promise.all([witness.synced, demoted.synced]);
    const closed = closeOf(demoted);

    await roleChange('khoa', 'observer');
    witness.doc.getMap('notes').set('after-demotion', 'đọc được');
    await waitFor(
      () => demoted.doc.getMap('notes').get('after-demotion') === 'đọc được',
      'the demoted member to keep reading',
      WITHIN,
    );
    expect(closed.event).toBeNull();

    demoted.doc.getMap('notes').set('demoted-write', 'GIẢ MẠO');
    forbiddenKeys.push('demoted-write');
    await waitFor(() => closed.event !== null, 'the refusal', WITHIN);
    expect(closed.event?.code).toBe(4403);
    const fresh = client(shared, 'lan');
    await fresh.synced;
    expect(fresh.doc.getMap('notes').get('after-demotion')).toBe('đọc được');
    expect(fresh.doc.getMap('notes').has('demoted-write')).toBe(false);
    expect(witness.doc.getMap('notes').has('demoted-write')).toBe(false);

    // Promoted again, a connection opened while reading only may write, in place.
    const reading = client(shared, 'khoa');
    await reading.synced;
    const readingClosed = closeOf(reading);
    await roleChange('khoa', 'delegate');
    reading.doc.getMap('notes').set('promoted-write', 'ok');
    await waitFor(
      () => witness.doc.getMap('notes').has('promoted-write'),
      'a write after promotion',
      WITHIN,
    );
    expect(readingClosed.event).toBeNull();
  });

  it('removal from the meeting closes shared, control and private connections with 4403', async () => {
    const witness = client(shared, 'hang');
    const removedShared = client(shared, 'lan');
    const removedControl = client(control, 'lan');
    const removedPrivate = client(privateOf('lan'), 'lan');
    await Promise.all([
      witness.synced,
      removedShared.synced,
      removedControl.synced,
      removedPrivate.synced,
    ]);
    const closes = [removedShared, removedControl, removedPrivate].map(closeOf);

    await roleChange('lan', null);
    await waitFor(() => closes.every((c) => c.event !== null), 'all three closed', WITHIN);
    for (const c of closes)
      expect(c.event).toEqual({ code: 4403, reason: 'access revoked: document-forbidden' });

    removedShared.doc.getMap('notes').set('removed-write', 'GIẢ MẠO');
    forbiddenKeys.push('removed-write');
    removedShared.provider.connect();
    expect(await tryUpgrade(`${app.syncUrl}/${shared}?token=${tokens.lan}`)).toMatchObject({
      status: 403,
    });
    // Members' lists no longer show her.
    const list = (await (
      await app.api(`/api/meetings/${MEETING_ID}/members`, { token: tokens.hang })
    ).json()) as { id: string }[];
    expect(list.map((m) => m.id)).not.toContain('lan');
    const roster = client(control, 'hang');
    await roster.synced;
    expect(roster.doc.getMap('attendance').has('hang')).toBe(true);
    expect(roster.doc.getMap('attendance').has('lan')).toBe(false);
    expect(witness.doc.getMap('notes').has('removed-write')).toBe(false);
  });

  it('removing someone who is not a member answers 404 and changes nothing', async () => {
    const res = await app.api(`/api/meetings/${MEETING_ID}/members/lan`, {
      method: 'DELETE',
      token: tokens.admin,
    });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('member-not-found');
  });

  it('nothing written after a change survives a restart', async () => {
    await app.restart();
    const fresh = connectClient(app.syncUrl, shared, await app.login('hang'));
    clients.push(fresh);
    await fresh.synced;
    const notes = fresh.doc.getMap('notes');
    expect(notes.has('before-logout')).toBe(true);
    expect(forbiddenKeys).toHaveLength(3);
    for (const key of forbiddenKeys) expect(notes.has(key)).toBe(false);
  });
});

describe('session expiry', () => {
  it('closes open connections at the session’s end with 4401, by a timer', async () => {
    const short = await startTestApp([{ id: 'dung', name: 'Lê Văn Dũng', role: 'delegate' }], {
      sessionTtlMs: 1500,
    });
    try {
      const login = await short.login('dung');
      const c = connectClient(short.syncUrl, shared, login);
      try {
        await c.synced;
        const closed = closeOf(c);
        // Open until the end, closed within a second after it.
        await waitFor(() => closed.event !== null, 'the expiry close', 1500 + WITHIN);
        expect(closed.event).toEqual({ code: 4401, reason: 'session ended: session-expired' });
        c.doc.getMap('notes').set('after-expiry', 'GIẢ MẠO');
        const other = await short.api('/api/me', { token: login });
        expect(other.status).toBe(401);
      } finally {
        c.destroy();
      }
    } finally {
      await short.close();
    }
  });
});
