import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAttendanceView } from '../../core/docs/control/attendance';
import { MEETING_ID, startTestApp, type TestApp } from '../helpers/app';
import { connectClient, tryUpgrade, waitFor, type TestClient } from '../helpers/server';

const shared = `meeting/${MEETING_ID}/shared`;
const control = `meeting/${MEETING_ID}/control`;
const privateOf = (memberId: string) => `meeting/${MEETING_ID}/private/${memberId}`;

let app: TestApp;
const tokens: Record<string, string> = {};
const clients: TestClient[] = [];
const client = (doc: string, who: string) => {
  const c = connectClient(app.syncUrl, doc, tokens[who] as string);
  clients.push(c);
  return c;
};

beforeAll(async () => {
  app = await startTestApp([
    { id: 'nhung', name: 'Trần Thị Hồng Nhung', role: 'chair' },
    { id: 'dung', name: 'Lê Văn Dũng', role: 'delegate' },
    { id: 'hang', name: 'Phạm Thị Thu Hằng', role: 'delegate' },
    { id: 'quan-sat', name: 'Đỗ Minh Quân', role: 'observer' },
    { id: 'ngoai', name: 'Người Ngoài' },
    { id: 'man-hinh', name: 'Màn hình phòng họp', role: 'display' },
  ]);
  for (const id of ['nhung', 'dung', 'hang', 'quan-sat', 'ngoai', 'man-hinh'])
    tokens[id] = await app.login(id);
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await app.close();
});

function closedWith(c: TestClient): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) =>
    c.provider.on('connection-close', (event) => event && resolve(event)),
  );
}

describe('documents split by who may write them, with real logins', () => {
  it('two members see each other’s shared edits', async () => {
    const a = client(shared, 'dung');
    const b = client(shared, 'hang');
    await Promise.all([a.synced, b.synced]);
    a.doc.getMap('notes').set('dung', 'Đồng ý với tờ trình');
    b.doc.getMap('notes').set('hang', 'Cần bổ sung số liệu');
    await waitFor(
      () => a.doc.getMap('notes').size === 2 && b.doc.getMap('notes').size === 2,
      'both edits on both sides',
    );
  });

  it('every member reads the control document the server wrote (agenda), nobody writes it', async () => {
    const delegate = client(control, 'dung');
    await delegate.synced;
    expect(delegate.doc.getArray('agenda').length).toBe(2);
    expect(delegate.doc.getMap('meta').get('title')).toBe('Phiên họp thử');

    const closed = closedWith(delegate);
    delegate.doc.getMap('meta').set('title', 'GIẢ MẠO');
    expect((await closed).code).toBe(4403);
    const fresh = client(control, 'nhung');
    await fresh.synced;
    expect(fresh.doc.getMap('meta').get('title')).toBe('Phiên họp thử');
  });

  it('an observer reads shared but its write is refused and absent after reconnect', async () => {
    const writer = client(shared, 'dung');
    await writer.synced;
    const observer = client(shared, 'quan-sat');
    await observer.synced;
    const closed = closedWith(observer);
    observer.doc.getMap('notes').set('quan-sat', 'GIẢ MẠO');
    expect((await closed).code).toBe(4403);
    const fresh = client(shared, 'hang');
    await fresh.synced;
    expect(fresh.doc.getMap('notes').get('quan-sat')).toBeUndefined();
    expect(writer.doc.getMap('notes').get('quan-sat')).toBeUndefined();
  });

  it('a member opens their own private document and never another’s', async () => {
    const mine = client(privateOf('dung'), 'dung');
    await mine.synced;
    mine.doc.getMap('notes').set('p1', 'ghi chú riêng');
    expect(await tryUpgrade(`${app.syncUrl}/${privateOf('dung')}?token=${tokens.hang}`)).toEqual({
      status: 403,
      body: { error: { code: 'document-forbidden', message: expect.any(String) } },
    });
    expect(
      await tryUpgrade(`${app.syncUrl}/${privateOf('dung')}?token=${tokens.nhung}`),
    ).toMatchObject({ status: 403 });
  });

  it('refuses upgrades with distinct codes: no token, bad token, outsider, unknown meeting', async () => {
    const code = async (url: string) => {
      const r = await tryUpgrade(url);
      return r === 'open' ? 'open' : [r.status, (r.body as { error: { code: string } }).error.code];
    };
    expect(await code(`${app.syncUrl}/${shared}`)).toEqual([401, 'session-invalid']);
    expect(await code(`${app.syncUrl}/${shared}?token=${'x'.repeat(43)}`)).toEqual([
      401,
      'session-invalid',
    ]);
    expect(await code(`${app.syncUrl}/${shared}?token=${tokens.ngoai}`)).toEqual([
      403,
      'document-forbidden',
    ]);
    expect(await code(`${app.syncUrl}/meeting/khong-co/shared?token=${tokens.dung}`)).toEqual([
      404,
      'meeting-not-found',
    ]);
  });
});

describe("the room's screen (display role) follows the control document and nothing else", () => {
  it('reads control; shared and even its own private document are refused at the upgrade', async () => {
    const screen = client(control, 'man-hinh');
    await screen.synced;
    expect(screen.doc.getMap('meta').get('title')).toBe('Phiên họp thử');
    for (const doc of [shared, privateOf('man-hinh')]) {
      expect(
        await tryUpgrade(`${app.syncUrl}/${doc}?token=${tokens['man-hinh']}`),
        doc,
      ).toMatchObject({ status: 403 });
    }
  });

  it('is not in the attendance and cannot check in', async () => {
    const chair = client(control, 'nhung');
    await chair.synced;
    const ids = readAttendanceView(chair.doc).members.map((m) => m.memberId);
    expect(ids).toContain('dung');
    expect(ids).not.toContain('man-hinh');
    const checkIn = await app.api(`/api/meetings/${MEETING_ID}/attendance`, {
      method: 'POST',
      token: tokens['man-hinh'],
      body: JSON.stringify({ present: true }),
    });
    expect(checkIn.status).toBe(403);
  });
});
