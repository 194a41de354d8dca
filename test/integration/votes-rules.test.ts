import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AttendanceView,
  CastBallotResponse,
  MyBallot,
  PollResult,
  PollView,
} from '../../core/api/votes';
import { readAttendanceView } from '../../core/docs/control/attendance';
import { readPoll } from '../../core/docs/control/polls';
import { LevelStore } from '../../sync-server/store/level';
import { MEETING_ID, startTestApp, type TestApp } from '../helpers/app';
import { meetingHttp, ok, refused } from '../helpers/meeting-http';
import { connectClient, waitFor, type TestClient } from '../helpers/server';

let app: TestApp;
let control: TestClient;
let agendaItemId = '';
const tokens: Record<string, string> = {};

beforeAll(async () => {
  app = await startTestApp([
    { id: 'chu-toa', name: 'Trần Thị Hồng Nhung', role: 'chair' },
    { id: 'dung', name: 'Lê Văn Dũng', role: 'delegate' },
    { id: 'hang', name: 'Phạm Thị Thu Hằng', role: 'delegate' },
    { id: 'muon', name: 'Nguyễn Tiến Sỹ', role: 'delegate' },
    { id: 'quan-sat', name: 'Đỗ Minh Quân', role: 'observer' },
  ]);
  for (const id of ['chu-toa', 'dung', 'hang', 'muon', 'quan-sat'])
    tokens[id] = await app.login(id);
  const meeting = (await (await call('chu-toa', '')).json()) as { agenda: { id: string }[] };
  agendaItemId = meeting.agenda[1]?.id ?? '';
  control = connectClient(app.syncUrl, `meeting/${MEETING_ID}/control`, tokens.dung as string);
  await control.synced;
  // Check-in, ballots and opening a poll need an open meeting: the chair opens it (khai mạc).
  const opened = await call('chu-toa', '/lifecycle', { step: 'open' });
  expect(opened.status).toBe(200);
}, 60_000);
afterAll(async () => {
  control.destroy();
  await app.close();
});

const call = meetingHttp(() => app, tokens);
const post = (who: string, path: string, body: unknown = {}) => call(who, path, body, 'POST');
const checkIn = (who: string, present = true) => post(who, '/attendance', { present });
const vote = (who: string, pollId: string, body: unknown) =>
  post(who, `/polls/${pollId}/ballots`, body);
const newPoll = (draft: Record<string, unknown> = {}) =>
  ok<PollView>(
    post('chu-toa', '/polls', { agendaItemId, title: 'Thông qua nghị quyết', ...draft }),
    201,
  );

describe('attendance', () => {
  it('members check themselves in; the control document and the quorum count follow (voting roles only)', async () => {
    for (const id of ['chu-toa', 'dung', 'hang', 'quan-sat']) await ok(checkIn(id));
    const view = await ok<AttendanceView>(call('hang', '/attendance'));
    expect(view).toMatchObject({ present: 4, presentVoting: 3, votingMembers: 4 });
    await waitFor(
      () => readAttendanceView(control.doc).present === 4,
      'attendance in the control document',
    );
    const live = readAttendanceView(control.doc);
    expect(live.presentVoting).toBe(3);
    expect(live.members.find((m) => m.memberId === 'quan-sat')).toMatchObject({
      role: 'observer',
      votes: false,
      status: 'present',
    });
    expect(live.members.find((m) => m.memberId === 'muon')).toMatchObject({
      status: 'absent',
      at: null,
    });

    await ok(checkIn('hang', false));
    await waitFor(
      () => readAttendanceView(control.doc).presentVoting === 2,
      'check-out in the control document',
    );
    await ok(checkIn('hang', true));
    expect(await refused(post('dung', '/attendance', { present: 'có' }))).toEqual([
      400,
      'invalid-field',
    ]);
  });
});

describe('polls: who may do what', () => {
  it('only the chair creates and opens polls, on an agenda item of the meeting', async () => {
    expect(await refused(post('dung', '/polls', { agendaItemId, title: 'x' }))).toEqual([
      403,
      'forbidden',
    ]);
    expect(
      await refused(post('chu-toa', '/polls', { agendaItemId: 'i-khong-co', title: 'x' })),
    ).toEqual([400, 'unknown-agenda-item']);
    expect(
      await refused(post('chu-toa', '/polls', { agendaItemId, title: 'x', kind: 'kín' })),
    ).toEqual([400, 'unknown-kind']);
    const poll = await newPoll();
    expect(poll).toMatchObject({
      state: 'draft',
      kind: 'named',
      eligible: [],
      voters: [],
      result: null,
    });
    expect(await refused(post('dung', `/polls/${poll.id}/open`))).toEqual([403, 'forbidden']);
    expect(await refused(vote('dung', poll.id, { optionId: 'for' }))).toEqual([
      409,
      'poll-not-open',
    ]);
    expect(await refused(post('chu-toa', '/polls/p-khong-co/open'))).toEqual([
      404,
      'poll-not-found',
    ]);
  });

  it('runs a named poll: one ballot each, none on behalf of another, none after closing, result after publish', async () => {
    const poll = await newPoll();
    const opened = await ok<PollView>(post('chu-toa', `/polls/${poll.id}/open`));
    // Eligibility is frozen now: present members with a voting role (not the observer, not muon).
    expect([...opened.eligible].sort()).toEqual(['chu-toa', 'dung', 'hang']);
    expect(opened.memberCount).toBe(4);

    // muon arrives after opening: present, but not eligible in this poll.
    await ok(checkIn('muon'));
    expect(await refused(vote('muon', poll.id, { optionId: 'for' }))).toEqual([
      403,
      'not-eligible',
    ]);
    expect(await refused(vote('quan-sat', poll.id, { optionId: 'for' }))).toEqual([
      403,
      'forbidden',
    ]);

    // A forged memberId is refused outright, and nothing is recorded for anyone.
    expect(await refused(vote('dung', poll.id, { optionId: 'against', memberId: 'hang' }))).toEqual(
      [400, 'unknown-field'],
    );
    expect(await ok<MyBallot>(call('hang', `/polls/${poll.id}/my-ballot`))).toMatchObject({
      voted: false,
      eligible: true,
    });
    expect(await ok<MyBallot>(call('dung', `/polls/${poll.id}/my-ballot`))).toMatchObject({
      voted: false,
    });

    const cast = await ok<CastBallotResponse>(vote('dung', poll.id, { optionId: 'for' }));
    expect(cast).toEqual({
      pollId: poll.id,
      optionId: 'for',
      changed: false,
      voted: 1,
      eligible: 3,
    });
    expect(await refused(vote('dung', poll.id, { optionId: 'against' }))).toEqual([
      409,
      'already-voted',
    ]);
    expect(await refused(vote('hang', poll.id, { optionId: 'maybe' }))).toEqual([
      400,
      'unknown-option',
    ]);
    await ok(vote('hang', poll.id, { optionId: 'against' }));
    expect(await ok<MyBallot>(call('dung', `/polls/${poll.id}/my-ballot`))).toMatchObject({
      voted: true,
      optionId: 'for',
    });

    // While open the control document shows who voted, never what.
    await waitFor(
      () => readPoll(control.doc, poll.id)?.voters.length === 2,
      'voters in the control document',
    );
    expect(readPoll(control.doc, poll.id)).toMatchObject({
      state: 'open',
      voters: ['dung', 'hang'],
      result: null,
    });
    expect(await refused(call('chu-toa', `/polls/${poll.id}/result`))).toEqual([
      409,
      'result-not-ready',
    ]);

    await ok(post('chu-toa', `/polls/${poll.id}/close`));
    expect(await refused(vote('chu-toa', poll.id, { optionId: 'for' }))).toEqual([
      409,
      'poll-not-open',
    ]);
    const result = await ok<PollResult>(call('chu-toa', `/polls/${poll.id}/result`));
    expect(result.tally).toMatchObject({
      cast: 2,
      eligible: 3,
      notVoted: 1,
      present: 3,
      members: 4,
      passed: false,
      outcome: 'not-reached',
    });
    expect(await refused(call('dung', `/polls/${poll.id}/result`))).toEqual([403, 'forbidden']);
    await waitFor(
      () => readPoll(control.doc, poll.id)?.state === 'closed',
      'closed in the control document',
    );
    expect(readPoll(control.doc, poll.id)?.result).toBeNull();

    await ok(post('chu-toa', `/polls/${poll.id}/publish`));
    await waitFor(
      () => readPoll(control.doc, poll.id)?.state === 'published',
      'published in the control document',
    );
    const published = readPoll(control.doc, poll.id)?.result;
    expect(published?.ballots).toEqual([
      { memberId: 'dung', optionId: 'for' },
      { memberId: 'hang', optionId: 'against' },
    ]);
    expect(published?.tally.options.map((o) => [o.optionId, o.count, o.percent])).toEqual([
      ['for', 1, 25],
      ['against', 1, 25],
      ['abstain', 0, 0],
    ]);
    // Published: cancelled only with a reason (votes-results.test.ts).
    expect(await refused(post('chu-toa', `/polls/${poll.id}/cancel`))).toEqual([
      409,
      'cancel-reason-required',
    ]);
  });

  it('lets a member change a ballot only where the poll allows it', async () => {
    const poll = await newPoll({ allowChange: true, rule: 'simple', base: 'cast' });
    await ok(post('chu-toa', `/polls/${poll.id}/open`));
    await ok(vote('dung', poll.id, { optionId: 'against' }));
    const changed = await ok<CastBallotResponse>(vote('dung', poll.id, { optionId: 'for' }));
    expect(changed).toMatchObject({ changed: true, voted: 1 });
    expect(await ok<MyBallot>(call('dung', `/polls/${poll.id}/my-ballot`))).toMatchObject({
      optionId: 'for',
    });
    await ok(post('chu-toa', `/polls/${poll.id}/close`));
    const result = await ok<PollResult>(call('chu-toa', `/polls/${poll.id}/result`));
    expect(result.tally).toMatchObject({ cast: 1, passed: true });
    expect(result.ballots).toEqual([{ memberId: 'dung', optionId: 'for' }]);
  });

  it('secret poll: my-ballot says only that I voted; the audit log never holds the choice', async () => {
    const poll = await newPoll({ kind: 'secret' });
    await ok(post('chu-toa', `/polls/${poll.id}/open`));
    const cast = await ok<CastBallotResponse>(vote('hang', poll.id, { optionId: 'abstain' }));
    expect(cast.optionId).toBeNull();
    // The room sees a count, not who: the member learns it from the server, not the document.
    await waitFor(
      () => readPoll(control.doc, poll.id)?.ballotsCast === 1,
      'the count in the control document',
    );
    expect(readPoll(control.doc, poll.id)).toMatchObject({ state: 'open', voters: [] });
    expect(await ok<PollView>(call('dung', `/polls/${poll.id}`))).toMatchObject({
      voters: [],
      ballotsCast: 1,
    });
    expect(await ok<MyBallot>(call('dung', `/polls/${poll.id}/my-ballot`))).toMatchObject({
      voted: false,
    });
    expect(await ok<MyBallot>(call('hang', `/polls/${poll.id}/my-ballot`))).toEqual({
      pollId: poll.id,
      eligible: true,
      voted: true,
      optionId: null,
      castAt: null,
    });
    await ok(post('chu-toa', `/polls/${poll.id}/cancel`));

    await app.server.close();
    const store = await LevelStore.open(app.dataDir);
    const entries: Record<string, unknown>[] = [];
    for await (const { value } of store.readAudit()) entries.push(value as Record<string, unknown>);
    await store.close();
    const mine = entries.filter((e) => e.pollId === poll.id);
    expect(mine.map((e) => e.action)).toEqual([
      'poll.create',
      'poll.open',
      'ballot.cast',
      'poll.cancel',
    ]);
    const ballot = mine.find((e) => e.action === 'ballot.cast');
    expect(ballot).toMatchObject({ memberId: 'hang', meetingId: MEETING_ID });
    expect(JSON.stringify(ballot)).not.toContain('abstain');
    expect(entries.filter((e) => e.action === 'attendance.set').length).toBeGreaterThanOrEqual(7);
  });
});
