/**
 * The speakers list with the server as the only authority (issue #14 §1): members ask and
 * withdraw for themselves; only the chair gives the floor, orders the list and lets a point of
 * order jump the queue; nothing happens before khai mạc; every screen reads the list from the
 * control document; a refused step changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FloorState } from '../../core/api/speakers';
import { readSpeakers } from '../../core/docs/control/speakers';
import { MEETING_ID, startTestApp, type TestApp } from '../helpers/app';
import { meetingHttp, ok, refused } from '../helpers/meeting-http';
import { connectClient, waitFor, type TestClient } from '../helpers/server';

let app: TestApp;
let control: TestClient;
let item = '';
const tokens: Record<string, string> = {};
const call = meetingHttp(() => app, tokens);

beforeAll(async () => {
  app = await startTestApp([
    { id: 'chu-toa', name: 'Trần Thị Hồng Nhung', role: 'chair' },
    { id: 'thu-ky', name: 'Vũ Thị Thư', role: 'secretary' },
    { id: 'dung', name: 'Lê Văn Dũng', role: 'delegate' },
    { id: 'hang', name: 'Phạm Thị Thu Hằng', role: 'delegate' },
    { id: 'sy', name: 'Nguyễn Tiến Sỹ', role: 'delegate' },
    { id: 'man-hinh', name: 'Màn hình phòng họp', role: 'display' },
  ]);
  for (const id of ['chu-toa', 'thu-ky', 'dung', 'hang', 'sy', 'man-hinh'])
    tokens[id] = await app.login(id);
  const meeting = (await (await call('chu-toa', '')).json()) as { agenda: { id: string }[] };
  item = meeting.agenda[0]?.id ?? '';
  control = connectClient(app.syncUrl, `meeting/${MEETING_ID}/control`, tokens.dung as string);
  await control.synced;
}, 60_000);
afterAll(async () => {
  control.destroy();
  await app.close();
});

const floor = (suffix = '') => `/agenda/${item}/floor${suffix}`;
const ask = (who: string, kind = 'speech') => call(who, floor('/request'), { kind });
const chair = (body: unknown) => call('chu-toa', floor(), body);
const queue = (s: FloorState) => s.queue.map((r) => r.memberId);

describe('the speakers list', () => {
  it('refuses to take requests before khai mạc', async () => {
    expect(await refused(ask('dung'))).toEqual([409, 'meeting-not-opened']);
    await ok(call('chu-toa', '/lifecycle', { step: 'open' }));
  });

  it('queues members in order; one request each; the room screen may not ask', async () => {
    await ok(ask('dung'));
    await ok(ask('hang', 'reply'));
    const s = await ok<FloorState>(ask('sy', 'point-of-order'));
    expect(queue(s)).toEqual(['dung', 'hang', 'sy']);
    expect(await refused(ask('dung'))).toEqual([409, 'floor-already-requested']);
    expect(await refused(ask('man-hinh'))).toEqual([403, 'forbidden']);
    expect(await refused(ask('hang', 'shout'))).toEqual([400, 'invalid-field']);
    await waitFor(
      () => readSpeakers(control.doc)[item]?.queue.length === 3,
      'every screen to see the list',
    );
  });

  it('a delegate cannot give themselves the floor or move the queue', async () => {
    expect(await refused(call('dung', floor(), { action: 'give', requestId: null }))).toEqual([
      403,
      'forbidden',
    ]);
    const s = readSpeakers(control.doc)[item];
    expect(s?.current).toBeNull();
  });

  it('a point of order jumps the queue only when the chair accepts it', async () => {
    const before = readSpeakers(control.doc)[item] as FloorState;
    const sy = before.queue.find((r) => r.memberId === 'sy');
    const dung = before.queue.find((r) => r.memberId === 'dung');
    expect(queue(before)[0]).toBe('dung');
    // Accepting a plain speech as a point of order is refused and changes nothing.
    expect(await refused(chair({ action: 'accept', requestId: dung?.id }))).toEqual([
      409,
      'floor-not-point-of-order',
    ]);
    const s = await ok<FloorState>(chair({ action: 'accept', requestId: sy?.id }));
    expect(queue(s)).toEqual(['sy', 'dung', 'hang']);
  });

  it('the chair gives the floor in order, and who spoke is kept with times', async () => {
    let s = await ok<FloorState>(chair({ action: 'give', requestId: null }));
    expect(s.current?.memberId).toBe('sy');
    s = await ok<FloorState>(chair({ action: 'give', requestId: null }));
    expect(s.current?.memberId).toBe('dung');
    expect(s.spoken.map((t) => [t.memberId, t.kind])).toEqual([['sy', 'point-of-order']]);
    s = await ok<FloorState>(chair({ action: 'stop' }));
    expect(s.current).toBeNull();
    expect(s.spoken.map((t) => t.memberId)).toEqual(['sy', 'dung']);
    for (const t of s.spoken) expect(t.endedAt).toBeGreaterThanOrEqual(t.startedAt);
    expect(await refused(chair({ action: 'stop' }))).toEqual([409, 'floor-nobody-speaking']);
  });

  it('a member withdraws their own request only; bad chair input changes nothing', async () => {
    const s = await ok<FloorState>(call('hang', floor('/withdraw'), undefined, 'POST'));
    expect(queue(s)).toEqual([]);
    expect(await refused(call('hang', floor('/withdraw'), undefined, 'POST'))).toEqual([
      409,
      'floor-request-not-found',
    ]);
    expect(await refused(chair({ action: 'limit', limitSeconds: 60, warnSeconds: 90 }))).toEqual([
      400,
      'floor-bad-limit',
    ]);
    expect(await refused(chair({ action: 'jump' }))).toEqual([400, 'invalid-field']);
    expect(await refused(call('chu-toa', '/agenda/khong-co/floor', { action: 'stop' }))).toEqual([
      404,
      'agenda-item-not-found',
    ]);
    expect(readSpeakers(control.doc)[item]?.limitSeconds).toBe(180);
  });
});
