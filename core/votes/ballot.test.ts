import { describe, expect, it } from 'vitest';
import {
  castBallot,
  countChoices,
  countsByOption,
  emptyBallotBox,
  hasVoted,
  uncountedBox,
  voterIds,
  type BallotBox,
  type SecretBallotBox,
} from './ballot';
import { VoteError, type VoteErrorCode } from './errors';
import { cancelPoll, closePoll, openPoll, publishPoll } from './lifecycle';
import { createPoll, parsePollDraft, type Poll } from './poll';

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
const PRESENT = ['an', 'binh', 'chi'];

function openedPoll(fields: Record<string, unknown> = {}): Poll {
  const draft = parsePollDraft({ agendaItemId: 'item-1', title: 'Biểu quyết', ...fields });
  return openPoll(createPoll(draft, 'poll-1', T0), PRESENT, T0 + 1);
}

/** Casts [memberId, optionId] pairs in order. */
function castAll(poll: Poll, votes: [string, string][]): BallotBox {
  return votes.reduce(
    (box, [member, option], i) => castBallot(poll, box, member, option, T0 + 10 + i),
    emptyBallotBox(poll),
  );
}

describe('named polls', () => {
  it('records who chose what, and when', () => {
    const poll = openedPoll();
    const box = castAll(poll, [
      ['an', 'for'],
      ['binh', 'against'],
    ]);
    expect(box).toEqual({
      kind: 'named',
      ballots: [
        { memberId: 'an', optionId: 'for', castAt: T0 + 10 },
        { memberId: 'binh', optionId: 'against', castAt: T0 + 11 },
      ],
    });
    expect(hasVoted(box, 'an')).toBe(true);
    expect(hasVoted(box, 'chi')).toBe(false);
    expect(voterIds(box)).toEqual(['an', 'binh']);
    expect(countsByOption(poll, box)).toEqual({ for: 1, against: 1, abstain: 0 });
    expect(JSON.parse(JSON.stringify(box))).toEqual(box);
  });

  it('leaves the old box untouched', () => {
    const poll = openedPoll();
    const before = Object.freeze(emptyBallotBox(poll));
    const after = castBallot(poll, before, 'an', 'for', T0);
    expect(before).toEqual({ kind: 'named', ballots: [] });
    expect(after).not.toBe(before);
  });

  it('refuses a second ballot when changes are not allowed', () => {
    const poll = openedPoll({ allowChange: false });
    const box = castAll(poll, [['an', 'for']]);
    expect(errorCode(() => castBallot(poll, box, 'an', 'for', T0 + 50))).toBe('already-voted');
    expect(errorCode(() => castBallot(poll, box, 'an', 'against', T0 + 50))).toBe('already-voted');
  });

  it('replaces the earlier choice when changes are allowed', () => {
    const poll = openedPoll({ allowChange: true });
    let box = castAll(poll, [
      ['an', 'for'],
      ['binh', 'for'],
    ]);
    box = castBallot(poll, box, 'an', 'against', T0 + 50);
    box = castBallot(poll, box, 'an', 'abstain', T0 + 60);
    expect(voterIds(box)).toEqual(['an', 'binh']); // still one ballot each
    expect(countsByOption(poll, box)).toEqual({ for: 1, against: 0, abstain: 1 });
    expect(box.kind === 'named' && box.ballots[0]).toEqual({
      memberId: 'an',
      optionId: 'abstain',
      castAt: T0 + 60,
    });
  });

  it('takes custom options', () => {
    const poll = openedPoll({
      options: [
        { id: 'plan-a', label: 'Phương án A' },
        { id: 'plan-b', label: 'Phương án B' },
      ],
    });
    const box = castAll(poll, [
      ['an', 'plan-b'],
      ['binh', 'plan-b'],
    ]);
    expect(countsByOption(poll, box)).toEqual({ 'plan-a': 0, 'plan-b': 2 });
    expect(errorCode(() => castBallot(poll, box, 'chi', 'for', T0))).toBe('unknown-option');
  });
});

describe('secret polls', () => {
  it('keeps who voted apart from what was chosen', () => {
    const poll = openedPoll({ kind: 'secret' });
    const box = castAll(poll, [
      ['chi', 'for'],
      ['an', 'against'],
    ]);
    expect(box).toEqual({
      kind: 'secret',
      voters: ['an', 'chi'],
      counts: { for: 1, against: 1, abstain: 0 },
    });
    // Swapping the two choices, or the order of voting, yields the very same record.
    const swapped = castAll(poll, [
      ['an', 'for'],
      ['chi', 'against'],
    ]);
    expect(JSON.stringify(swapped)).toBe(JSON.stringify(box));
    // No times and no per-ballot entries: the only member ids are in `voters`.
    expect(JSON.stringify(box)).not.toMatch(/castAt|\d{13}/);
    expect(hasVoted(box, 'chi')).toBe(true);
    expect(voterIds(box)).toEqual(['an', 'chi']);
  });

  it('refuses a second ballot, even on a hand-built poll that says allowChange', () => {
    const poll = { ...openedPoll({ kind: 'secret' }), allowChange: true };
    const box = castAll(poll, [['an', 'for']]);
    expect(errorCode(() => castBallot(poll, box, 'an', 'against', T0 + 50))).toBe('already-voted');
  });

  it('starts with a zero for every option', () => {
    const poll = openedPoll({
      kind: 'secret',
      options: [
        { id: 'x', label: 'X' },
        { id: 'y', label: 'Y' },
      ],
    });
    expect(emptyBallotBox(poll)).toEqual({ kind: 'secret', voters: [], counts: { x: 0, y: 0 } });
  });

  it('keeps no count while the choices are sealed apart, and counts them all at close', () => {
    const poll = openedPoll({ kind: 'secret' });
    const box = castAll(poll, [
      ['chi', 'for'],
      ['an', 'against'],
      ['binh', 'for'],
    ]) as SecretBallotBox;
    const uncounted = uncountedBox(box);
    expect(uncounted).toEqual({
      kind: 'secret',
      voters: ['an', 'binh', 'chi'],
      counts: { for: 0, against: 0, abstain: 0 },
    });
    const closed = closePoll(poll, T0 + 100);
    expect(countChoices(closed, uncounted, ['for', 'for', 'against'])).toEqual(box);
    expect(errorCode(() => countChoices(closed, uncounted, ['for', 'for']))).toBe(
      'inconsistent-ballots',
    );
    expect(errorCode(() => countChoices(closed, uncounted, ['for', 'for', 'maybe']))).toBe(
      'inconsistent-ballots',
    );
    expect(errorCode(() => countChoices(closed, uncounted, ['for', 'for', '__proto__']))).toBe(
      'inconsistent-ballots',
    );
  });
});

describe('refusals', () => {
  const open = openedPoll();
  const closed = closePoll(open, T0 + 5);
  const cases: [string, Poll, BallotBox, string, string, VoteErrorCode][] = [
    [
      'a draft poll',
      createPoll(parsePollDraft({ agendaItemId: 'i', title: 't' }), 'p', T0),
      emptyBallotBox(open),
      'an',
      'for',
      'poll-not-open',
    ],
    ['a closed poll', closed, emptyBallotBox(open), 'an', 'for', 'poll-not-open'],
    [
      'a published poll',
      publishPoll(closed, T0 + 6),
      emptyBallotBox(open),
      'an',
      'for',
      'poll-not-open',
    ],
    [
      'a cancelled poll',
      cancelPoll(open, T0 + 6),
      emptyBallotBox(open),
      'an',
      'for',
      'poll-not-open',
    ],
    [
      'a secret box on a named poll',
      open,
      emptyBallotBox(openedPoll({ kind: 'secret' })),
      'an',
      'for',
      'ballot-box-mismatch',
    ],
    [
      'a member who came in after opening',
      open,
      emptyBallotBox(open),
      'late',
      'for',
      'not-eligible',
    ],
    ['a stranger', open, emptyBallotBox(open), '', 'for', 'not-eligible'],
    ['an unknown option', open, emptyBallotBox(open), 'an', 'maybe', 'unknown-option'],
    [
      'an inherited key as option',
      open,
      emptyBallotBox(open),
      'an',
      'constructor',
      'unknown-option',
    ],
  ];
  it.each(cases)('refuses a ballot on %s', (_name, poll, box, member, option, code) => {
    expect(errorCode(() => castBallot(poll, box, member, option, T0 + 20))).toBe(code);
  });

  it('refuses a bad time', () => {
    expect(errorCode(() => castBallot(open, emptyBallotBox(open), 'an', 'for', Number.NaN))).toBe(
      'bad-time',
    );
  });

  it('refuses a late joiner in a secret poll too', () => {
    const poll = openedPoll({ kind: 'secret' });
    expect(errorCode(() => castBallot(poll, emptyBallotBox(poll), 'late', 'for', T0))).toBe(
      'not-eligible',
    );
  });
});
