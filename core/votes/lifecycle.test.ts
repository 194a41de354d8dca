import { describe, expect, it } from 'vitest';
import { VoteError, type VoteErrorCode } from './errors';
import {
  MAX_CANCEL_REASON_LENGTH,
  admitToPoll,
  cancelPoll,
  closePoll,
  openPoll,
  parseCancelReason,
  publishPoll,
} from './lifecycle';
import { castBallot, emptyBallotBox } from './ballot';
import { createPoll, parsePollDraft, type Poll, type PollState } from './poll';

function errorCode(fn: () => unknown): VoteErrorCode | 'no error' {
  try {
    fn();
  } catch (error) {
    if (error instanceof VoteError) return error.code;
    throw error;
  }
  return 'no error';
}

const T0 = 1_700_000_000_000;
const draft = (): Poll =>
  createPoll(parsePollDraft({ agendaItemId: 'item-1', title: 'Biểu quyết' }), 'poll-1', T0);

/** A poll in each state, reached through the real transitions. */
function inState(state: PollState): Poll {
  const poll = draft();
  if (state === 'draft') return poll;
  if (state === 'cancelled') return cancelPoll(poll, T0 + 1);
  const open = openPoll(poll, ['a', 'b'], T0 + 1);
  if (state === 'open') return open;
  const closed = closePoll(open, T0 + 2);
  if (state === 'closed') return closed;
  return publishPoll(closed, T0 + 3);
}

describe('the happy path', () => {
  it('goes draft → open → closed → published, stamping each time', () => {
    const poll = Object.freeze(draft());
    const open = openPoll(poll, ['a', 'b', 'c'], T0 + 10);
    expect(open).toMatchObject({ state: 'open', openedAt: T0 + 10, eligible: ['a', 'b', 'c'] });
    const closed = closePoll(open, T0 + 20);
    expect(closed).toMatchObject({ state: 'closed', closedAt: T0 + 20, openedAt: T0 + 10 });
    const published = publishPoll(closed, T0 + 30);
    expect(published).toMatchObject({ state: 'published', publishedAt: T0 + 30 });
    expect(poll.state).toBe('draft'); // the argument is untouched
    expect(open.state).toBe('open');
    expect(JSON.parse(JSON.stringify(published))).toEqual(published);
  });

  it('freezes eligibility once, without duplicates', () => {
    const present = ['a', 'b', 'a', 'c'];
    const open = openPoll(draft(), present, T0);
    expect(open.eligible).toEqual(['a', 'b', 'c']);
    present.push('late'); // the caller's list changing later does not matter
    expect(open.eligible).toEqual(['a', 'b', 'c']);
  });

  it.each<PollState>(['draft', 'open'])('cancels a poll that is %s', (state) => {
    expect(cancelPoll(inState(state), T0 + 5)).toMatchObject({
      state: 'cancelled',
      cancelledAt: T0 + 5,
    });
  });
});

describe('refused transitions', () => {
  const states: PollState[] = ['draft', 'open', 'closed', 'published', 'cancelled'];
  const table: [string, (p: Poll) => Poll, PollState[], VoteErrorCode][] = [
    ['open', (p) => openPoll(p, ['a'], T0 + 9), ['draft'], 'poll-not-draft'],
    ['close', (p) => closePoll(p, T0 + 9), ['open'], 'poll-not-open'],
    ['publish', (p) => publishPoll(p, T0 + 9), ['closed'], 'poll-not-closed'],
    ['cancel', (p) => cancelPoll(p, T0 + 9), ['draft', 'open'], 'poll-not-cancellable'],
    [
      'cancel with a reason',
      (p) => cancelPoll(p, T0 + 9, 'Nhầm phương án'),
      ['draft', 'open', 'closed', 'published'],
      'poll-not-cancellable',
    ],
  ];
  const cases = table.flatMap(([name, step, allowed, code]) =>
    states.map(
      (state) => [name, state, allowed.includes(state) ? 'no error' : code, step] as const,
    ),
  );
  it.each(cases)('%s from %s → %s', (_name, state, expected, step) => {
    const code = errorCode(() => step(inState(state)));
    // Without a reason, a closed or published poll is refused for want of one.
    const want =
      _name === 'cancel' && (state === 'closed' || state === 'published')
        ? 'cancel-reason-required'
        : expected;
    expect(code).toBe(want);
  });

  it.each<[string, () => unknown, VoteErrorCode]>([
    ['opening with nobody present', () => openPoll(draft(), [], T0), 'no-eligible-members'],
    ['an empty member id', () => openPoll(draft(), ['a', ''], T0), 'bad-member-id'],
    [
      'a non-string member id',
      () => openPoll(draft(), ['a', 7 as unknown as string], T0),
      'bad-member-id',
    ],
    ['opening at NaN', () => openPoll(draft(), ['a'], Number.NaN), 'bad-time'],
    ['closing at Infinity', () => closePoll(inState('open'), Infinity), 'bad-time'],
    ['publishing at -1', () => publishPoll(inState('closed'), -1), 'bad-time'],
    ['cancelling at NaN', () => cancelPoll(draft(), Number.NaN), 'bad-time'],
  ])('refuses %s', (_name, fn, code) => {
    expect(errorCode(fn)).toBe(code);
  });
});

describe('cancelling after close (issue 12 §3)', () => {
  it('records the reason, cleaned, and keeps the closing and publishing times', () => {
    const published = inState('published');
    const cancelled = cancelPoll(published, T0 + 20, '  Phát hiện\n sai   sót  về túc số ');
    expect(cancelled).toMatchObject({
      state: 'cancelled',
      cancelledAt: T0 + 20,
      cancelledReason: 'Phát hiện sai sót về túc số',
      closedAt: published.closedAt,
      publishedAt: published.publishedAt,
    });
    expect(published.state).toBe('published');
  });

  it('keeps an optional reason for a draft or open poll', () => {
    expect(cancelPoll(inState('open'), T0 + 20, 'Hoãn').cancelledReason).toBe('Hoãn');
    expect(cancelPoll(inState('draft'), T0 + 20).cancelledReason).toBeUndefined();
  });

  it.each<[string, unknown, VoteErrorCode]>([
    ['no reason', undefined, 'cancel-reason-required'],
    ['null', null, 'cancel-reason-required'],
    ['blank', '   \n ', 'bad-cancel-reason'],
    ['too long', 'x'.repeat(MAX_CANCEL_REASON_LENGTH + 1), 'bad-cancel-reason'],
    ['a control character', 'lý do\u0007', 'bad-cancel-reason'],
    ['not text', 42, 'bad-cancel-reason'],
  ])('refuses %s for a closed poll', (_name, reason, code) => {
    const closed = inState('closed');
    expect(errorCode(() => cancelPoll(closed, T0 + 20, reason as string | null))).toBe(code);
    expect(closed.state).toBe('closed');
  });

  it('accepts a reason of exactly the limit, NFC-normalised', () => {
    const decomposed = 'Hu\u0309y'.normalize('NFD');
    expect(cancelPoll(inState('closed'), T0, decomposed).cancelledReason).toBe(
      'Hủy'.normalize('NFC'),
    );
    const longest = 'ạ'.repeat(MAX_CANCEL_REASON_LENGTH);
    expect(parseCancelReason(longest)).toBe(longest);
  });
});

describe('admitting a latecomer', () => {
  it('adds them to the eligible list of an open poll, recorded, so their ballot counts', () => {
    const open = Object.freeze(inState('open'));
    const admitted = admitToPoll(open, 'muon', T0 + 5);
    expect(admitted.eligible).toEqual(['a', 'b', 'muon']);
    expect(admitted.admitted).toEqual([{ memberId: 'muon', at: T0 + 5 }]);
    expect(open.eligible).toEqual(['a', 'b']);
    const box = castBallot(admitted, emptyBallotBox(admitted), 'muon', 'for', T0 + 6);
    expect(box.kind).toBe('named');
    expect(errorCode(() => castBallot(open, emptyBallotBox(open), 'muon', 'for', T0 + 6))).toBe(
      'not-eligible',
    );
  });

  it.each([
    ['draft', 'poll-not-open'],
    ['closed', 'poll-not-open'],
    ['published', 'poll-not-open'],
    ['cancelled', 'poll-not-open'],
  ] as const)('refuses a %s poll (%s)', (state, code) => {
    expect(errorCode(() => admitToPoll(inState(state), 'muon', T0 + 5))).toBe(code);
  });

  it('refuses a member already eligible, and a malformed id', () => {
    expect(errorCode(() => admitToPoll(inState('open'), 'a', T0 + 5))).toBe('already-eligible');
    expect(errorCode(() => admitToPoll(inState('open'), '', T0 + 5))).toBe('bad-member-id');
  });
});
