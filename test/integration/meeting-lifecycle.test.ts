/**
 * The chair runs the meeting on a real server: khai mạc / tạm dừng / tiếp tục / bế mạc and the
 * current item land in the control document every member reads; check-in, ballots and opening
 * a poll are refused outside an open meeting; the chair marks attendance with reasons and
 * admits a latecomer to an open poll; every step is in the audit log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeetingLifecycleState } from '../../core/api/lifecycle';
import type { AttendanceView, PollView } from '../../core/api/votes';
import { readAttendanceView } from '../../core/docs/control/attendance';
import { readControlMeta } from '../../core/docs/control/meta';
import { readPoll } from '../../core/docs/control/polls';
import { LevelStore } from '../../sync-server/store/level';
import { MEETING_ID, startTestApp, type TestApp } from '../helpers/app';
import { meetingHttp, ok, refused } from '../helpers/meeting-http';
import { connectClient, waitFor, type TestClient } from '../helpers/server';

let app: TestApp;
let control: TestClient;
let items: string[] = [];
const tokens: Record<string, string> = {};

beforeAll(async () => {
  app = await startTestApp([
    { id: 'chu-toa', name: 'Trần Thị Hồng Nhung', role: 'chair' },
    { id: 'thu-ky', name: 'Vũ Thị Thư', role: 'secretary' },
    { id: 'dung', name: 'Lê Văn Dũng', role: 'delegate' },
    { id: 'muon', name: 'Nguyễn Tiến Sỹ', role: 'delegate' },
    { id: 'phep', name: 'Hoàng Thị Ánh', role: 'delegate' },
  ]);
  for (const id of ['chu-toa', 'thu-ky', 'dung', 'muon', 'phep']) tokens[id] = await app.login(id);
  const meeting = (await (await call('chu-toa', '')).json()) as { agenda: { id: string }[] };
  items = meeting.agenda.map((i) => i.id);
  control = connectClient(app.syncUrl, `meeting/${MEETING_ID}/control`, tokens.dung as string);
  await control.synced;
}, 60_000);
afterAll(async () => {
  control.destroy();
  await app.close();
});

const call = meetingHttp(() => app, tokens);
const step = (who: string, s: unknown) => call(who, '/lifecycle', { step: s });
const checkIn = (who: string, present = true) => call(who, '/attendance', { present });
const mark = (memberId: string, status: string, reason?: string, late?: boolean) =>
  call(
    'chu-toa',
    `/attendance/${memberId}`,
    { status, ...(reason ? { reason } : {}), ...(late ? { late } : {}) },
    'PUT',
  );
const meta = () => readControlMeta(control.doc);

describe('meeting lifecycle', () => {
  let pollId = '';

  it('starts scheduled: check-in, opening a poll and moving the item are refused', async () => {
    expect(meta()).toMatchObject({ lifecycle: 'scheduled', openedAt: null, events: [] });
    expect(await refused(checkIn('dung'))).toEqual([409, 'meeting-not-opened']);
    const poll = await ok<PollView>(
      call('chu-toa', '/polls', { agendaItemId: items[1], title: 'Thông qua chương trình' }),
      201,
    );
    pollId = poll.id;
    expect(await refused(call('chu-toa', `/polls/${pollId}/open`, {}))).toEqual([
      409,
      'meeting-not-opened',
    ]);
    expect(await refused(call('chu-toa', '/current-item', { itemId: items[1] }, 'PUT'))).toEqual([
      409,
      'meeting-not-opened',
    ]);
    expect(meta().lifecycle).toBe('scheduled');
  });

  it('only the chair runs it, and bad steps change nothing', async () => {
    expect(await refused(step('dung', 'open'))).toEqual([403, 'forbidden']);
    expect(await refused(step('thu-ky', 'open'))).toEqual([403, 'forbidden']);
    expect(await refused(step('chu-toa', 'khai-mac'))).toEqual([400, 'invalid-field']);
    expect(await refused(step('chu-toa', 'pause'))).toEqual([409, 'meeting-transition-refused']);
    expect(await refused(step('chu-toa', 'close'))).toEqual([409, 'meeting-transition-refused']);
    expect(meta()).toMatchObject({ lifecycle: 'scheduled', events: [] });
  });

  it('the chair marks an excused absence before khai mạc, with a reason it requires', async () => {
    expect(await refused(mark('phep', 'excused'))).toEqual([400, 'attendance-reason-required']);
    expect(await refused(mark('khong-co', 'present'))).toEqual([404, 'member-not-found']);
    expect(await refused(call('dung', '/attendance/phep', { status: 'absent' }, 'PUT'))).toEqual([
      403,
      'forbidden',
    ]);
    const view = await ok<AttendanceView>(mark('phep', 'excused', 'Đi công tác, có giấy phép'));
    expect(view.members.find((m) => m.memberId === 'phep')).toMatchObject({
      status: 'excused',
      reason: 'Đi công tác, có giấy phép',
      markedBy: 'chu-toa',
    });
  });

  it('khai mạc: open, on the first item, pushed to every screen', async () => {
    const state = await ok<MeetingLifecycleState>(step('chu-toa', 'open'));
    expect(state).toMatchObject({ lifecycle: 'open', currentItemId: items[0] });
    expect(state.openedAt).toBe(state.events[0]?.at);
    await waitFor(() => meta().lifecycle === 'open', 'open in the control document');
    expect(meta()).toMatchObject({
      lifecycle: 'open',
      openedAt: state.openedAt,
      currentItemId: items[0],
      events: [{ kind: 'open', by: 'chu-toa' }],
    });
    for (const id of ['chu-toa', 'thu-ky', 'dung']) await ok(checkIn(id));
    expect(await refused(step('chu-toa', 'open'))).toEqual([409, 'meeting-transition-refused']);
  });

  it('the chair moves the current item; an unknown item is refused', async () => {
    await ok(call('chu-toa', '/current-item', { itemId: items[1] }, 'PUT'));
    await waitFor(() => meta().currentItemId === items[1], 'the current item pushed');
    expect(await refused(call('chu-toa', '/current-item', { itemId: 'khong-co' }, 'PUT'))).toEqual([
      404,
      'agenda-item-not-found',
    ]);
    expect(await refused(call('dung', '/current-item', { itemId: items[0] }, 'PUT'))).toEqual([
      403,
      'forbidden',
    ]);
    expect(meta().currentItemId).toBe(items[1]);
  });

  it('a latecomer checks in late and the chair admits them to the open poll', async () => {
    const opened = await ok<PollView>(call('chu-toa', `/polls/${pollId}/open`, {}));
    expect(opened.eligible.sort()).toEqual(['chu-toa', 'dung', 'thu-ky']);
    expect(await refused(call('chu-toa', `/polls/${pollId}/admit`, { memberId: 'muon' }))).toEqual([
      409,
      'not-present',
    ]);
    // Checked in within the grace after khai mạc: present, not late.
    const onTime = await ok<AttendanceView>(checkIn('muon'));
    expect(onTime.members.find((m) => m.memberId === 'muon')).toMatchObject({
      status: 'present',
      late: false,
    });
    // The chair records the arrival as late (the member walked in after the poll opened).
    const view = await ok<AttendanceView>(mark('muon', 'present', undefined, true));
    expect(view.members.find((m) => m.memberId === 'muon')).toMatchObject({
      status: 'present',
      late: true,
      markedBy: 'chu-toa',
    });
    expect(await refused(call('muon', `/polls/${pollId}/ballots`, { optionId: 'for' }))).toEqual([
      403,
      'not-eligible',
    ]);
    expect(await refused(call('dung', `/polls/${pollId}/admit`, { memberId: 'muon' }))).toEqual([
      403,
      'forbidden',
    ]);
    const admitted = await ok<PollView>(
      call('chu-toa', `/polls/${pollId}/admit`, { memberId: 'muon' }),
    );
    expect(admitted.eligible).toContain('muon');
    expect(await refused(call('chu-toa', `/polls/${pollId}/admit`, { memberId: 'muon' }))).toEqual([
      409,
      'already-eligible',
    ]);
    await waitFor(
      () => readPoll(control.doc, pollId)?.eligible.includes('muon') === true,
      'the admitted member in the eligible list',
    );
    await ok(call('muon', `/polls/${pollId}/ballots`, { optionId: 'for' }));
    await waitFor(
      () =>
        readAttendanceView(control.doc).members.find((m) => m.memberId === 'muon')?.late === true,
      'the late arrival in the control document',
    );
  });

  it('tạm dừng refuses ballots and check-in; tiếp tục allows them again', async () => {
    await ok(step('chu-toa', 'pause'));
    await waitFor(() => meta().lifecycle === 'paused', 'paused in the control document');
    expect(await refused(call('dung', `/polls/${pollId}/ballots`, { optionId: 'for' }))).toEqual([
      409,
      'meeting-paused',
    ]);
    expect(await refused(checkIn('thu-ky', false))).toEqual([409, 'meeting-paused']);
    // The chair may still line up the next item during the break.
    await ok(call('chu-toa', '/current-item', { itemId: items[0] }, 'PUT'));
    await ok(step('chu-toa', 'resume'));
    await ok(call('dung', `/polls/${pollId}/ballots`, { optionId: 'against' }));
  });

  it('records an early departure marked by the chair', async () => {
    const view = await ok<AttendanceView>(mark('dung', 'absent', 'Về sớm vì việc gia đình'));
    const dung = view.members.find((m) => m.memberId === 'dung');
    expect(dung).toMatchObject({ status: 'absent', reason: 'Về sớm vì việc gia đình' });
    expect(dung?.leftAt).toBe(dung?.at);
    expect(dung?.arrivedAt).not.toBeNull();
  });

  it('bế mạc is refused while a poll is open, then closes the meeting for good', async () => {
    expect(await refused(step('chu-toa', 'close'))).toEqual([409, 'meeting-poll-open']);
    await ok(call('chu-toa', `/polls/${pollId}/close`, {}));
    const state = await ok<MeetingLifecycleState>(step('chu-toa', 'close'));
    expect(state.lifecycle).toBe('closed');
    expect(state.events.map((e) => e.kind)).toEqual(['open', 'pause', 'resume', 'close']);
    expect(state.closedAt).toBe(state.events[3]?.at);
    await waitFor(() => meta().lifecycle === 'closed', 'closed in the control document');
    expect(meta().closedAt).toBe(state.closedAt);
    expect(await refused(checkIn('dung'))).toEqual([409, 'meeting-closed']);
    expect(await refused(mark('dung', 'present'))).toEqual([409, 'meeting-closed']);
    expect(await refused(step('chu-toa', 'resume'))).toEqual([409, 'meeting-transition-refused']);
    expect(await refused(step('chu-toa', 'open'))).toEqual([409, 'meeting-transition-refused']);
  });

  it('keeps every step in the audit log, and the lifecycle survives a restart', async () => {
    control.destroy();
    await app.restart({}, async () => {
      const store = await LevelStore.open(app.dataDir);
      const actions: string[] = [];
      for await (const e of store.readAudit(0, 10_000))
        actions.push(String((e.value as { action?: unknown }).action));
      await store.close();
      for (const a of [
        'meeting.open',
        'meeting.pause',
        'meeting.resume',
        'meeting.close',
        'meeting.currentItem',
        'attendance.mark',
        'poll.admit',
      ])
        expect(actions).toContain(a);
    });
    for (const id of Object.keys(tokens)) tokens[id] = await app.login(id);
    control = connectClient(app.syncUrl, `meeting/${MEETING_ID}/control`, tokens.dung as string);
    await control.synced;
    expect(meta()).toMatchObject({ lifecycle: 'closed' });
    expect(meta().events).toHaveLength(4);
  });
});
