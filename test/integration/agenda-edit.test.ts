/**
 * Editing an existing agenda (issue #14 §5): the chair or secretary renames, moves and removes
 * items; every screen sees the new order from the control document; an item that holds a poll
 * (or documents, or speeches) cannot be removed; a delegate may not edit; bad input changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeetingView } from '../../core/api/meetings';
import { readAgenda } from '../../core/docs/control/agenda';
import { CHAIR_SECRETARY_DELEGATE, MEETING_ID, startTestApp, type TestApp } from '../helpers/app';
import { meetingHttp, ok, refused } from '../helpers/meeting-http';
import { connectClient, waitFor, type TestClient } from '../helpers/server';

let app: TestApp;
let control: TestClient;
const tokens: Record<string, string> = {};
const call = meetingHttp(() => app, tokens);

beforeAll(async () => {
  app = await startTestApp(CHAIR_SECRETARY_DELEGATE);
  for (const m of CHAIR_SECRETARY_DELEGATE) tokens[m.id] = await app.login(m.id);
  control = connectClient(app.syncUrl, `meeting/${MEETING_ID}/control`, tokens.dung as string);
  await control.synced;
}, 60_000);
afterAll(async () => {
  control.destroy();
  await app.close();
});

const titles = (m: MeetingView) => m.agenda.map((i) => i.title);

describe('editing the agenda', () => {
  it('adds, renames and moves items; every screen follows', async () => {
    await ok(call('sy', '/agenda', { title: 'Các vấn đề khác' }), 201);
    const before = await ok<MeetingView>(call('nhung', ''));
    const last = before.agenda.at(-1)?.id ?? '';
    const renamed = await ok<MeetingView>(
      call('sy', `/agenda/${last}`, { title: '  Các vấn đề phát sinh ' }, 'PUT'),
    );
    expect(titles(renamed).at(-1)).toBe('Các vấn đề phát sinh');
    const moved = await ok<MeetingView>(call('nhung', `/agenda/${last}/move`, { index: 0 }));
    expect(moved.agenda[0]?.id).toBe(last);
    await waitFor(
      () => readAgenda(control.doc)[0]?.title === 'Các vấn đề phát sinh',
      'the new order on every screen',
    );
    // The record holds the same order (a restart would mirror it back).
    expect((await ok<MeetingView>(call('dung', ''))).agenda.map((i) => i.id)).toEqual(
      moved.agenda.map((i) => i.id),
    );
  });

  it('refuses to remove an item that holds a poll, and removes an unused one', async () => {
    const meeting = await ok<MeetingView>(call('nhung', ''));
    const [first, second] = meeting.agenda;
    await ok(call('nhung', '/polls', { agendaItemId: second?.id, title: 'Thông qua' }), 201);
    expect(await refused(call('nhung', `/agenda/${second?.id}`, undefined, 'DELETE'))).toEqual([
      409,
      'agenda-item-in-use',
    ]);
    const after = await ok<MeetingView>(call('nhung', `/agenda/${first?.id}`, undefined, 'DELETE'));
    expect(after.agenda.map((i) => i.id)).not.toContain(first?.id);
    await waitFor(
      () => !readAgenda(control.doc).some((i) => i.id === first?.id),
      'the removed item gone everywhere',
    );
  });

  it('a delegate may not edit; bad input and unknown items change nothing', async () => {
    const before = await ok<MeetingView>(call('nhung', ''));
    const id = before.agenda[0]?.id ?? '';
    expect(await refused(call('dung', `/agenda/${id}`, { title: 'Giả mạo' }, 'PUT'))).toEqual([
      403,
      'forbidden',
    ]);
    expect(await refused(call('nhung', `/agenda/${id}`, { title: '' }, 'PUT'))).toEqual([
      400,
      'invalid-field',
    ]);
    expect(await refused(call('nhung', `/agenda/${id}/move`, { index: -1 }))).toEqual([
      400,
      'invalid-field',
    ]);
    expect(await refused(call('nhung', '/agenda/khong-co/move', { index: 0 }))).toEqual([
      404,
      'agenda-item-not-found',
    ]);
    expect(await ok<MeetingView>(call('nhung', ''))).toEqual(before);
  });
});
