import { describe, expect, it } from 'vitest';
import { castBallot, emptyBallotBox, type BallotBox } from './ballot';
import { VoteError, type VoteErrorCode } from './errors';
import { openPoll } from './lifecycle';
import {
  createPoll,
  MAJORITY_BASES,
  MAJORITY_RULES,
  parsePollDraft,
  type MajorityBase,
  type MajorityRule,
  type Poll,
  type PollKind,
} from './poll';
import { tally, type TallyOutcome } from './tally';

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

interface Scenario {
  members: number;
  present: number;
  /** Ballots per option id, cast by the first members present. */
  votes: Record<string, number>;
}

function run(
  scenario: Scenario,
  fields: Record<string, unknown> = {},
): { poll: Poll; box: BallotBox; context: { presentCount: number; memberCount: number } } {
  const draft = parsePollDraft({ agendaItemId: 'item-1', title: 'Biểu quyết', ...fields });
  const present = Array.from({ length: scenario.present }, (_, i) => `m${i + 1}`);
  const poll = openPoll(createPoll(draft, 'poll-1', T0), present, T0 + 1);
  let box = emptyBallotBox(poll);
  let next = 0;
  for (const [option, n] of Object.entries(scenario.votes)) {
    for (let i = 0; i < n; i++) box = castBallot(poll, box, present[next++] ?? '?', option, T0 + 2);
  }
  return {
    poll,
    box,
    context: { presentCount: scenario.present, memberCount: scenario.members },
  };
}

function verdict(scenario: Scenario, rule: MajorityRule, base: MajorityBase, kind: PollKind) {
  const { poll, box, context } = run(scenario, { rule, base, kind });
  return tally(poll, box, context);
}

/**
 * Every rule × every base. Columns: simple/cast, simple/present, simple/members,
 * absolute/cast, absolute/present, absolute/members, two-thirds/cast, …/present, …/members.
 */
const matrix: [string, Scenario, boolean[]][] = [
  [
    // 7 cast of 8 present of 10: 4 for is more than half the ballots, exactly half of those present
    'for 4, against 2, abstain 1; present 8 of 10',
    { members: 10, present: 8, votes: { for: 4, against: 2, abstain: 1 } },
    [true, true, true, true, false, false, false, false, false],
  ],
  [
    'for 6, against 3; present 9 of 9 (exactly two-thirds)',
    { members: 9, present: 9, votes: { for: 6, against: 3 } },
    [true, true, true, true, true, true, true, true, true],
  ],
  [
    'for 8, against 1; present 12 of 15 (two-thirds of present, not of members)',
    { members: 15, present: 12, votes: { for: 8, against: 1 } },
    [true, true, true, true, true, true, true, true, false],
  ],
  [
    'for 3, against 1, abstain 4 (abstentions weigh against absolute)',
    { members: 8, present: 8, votes: { for: 3, against: 1, abstain: 4 } },
    [true, true, true, false, false, false, false, false, false],
  ],
  [
    'for 3, against 3, abstain 2 (tie)',
    { members: 8, present: 8, votes: { for: 3, against: 3, abstain: 2 } },
    [false, false, false, false, false, false, false, false, false],
  ],
  [
    'all abstain',
    { members: 5, present: 5, votes: { abstain: 5 } },
    [false, false, false, false, false, false, false, false, false],
  ],
  [
    'zero votes',
    { members: 5, present: 5, votes: {} },
    [false, false, false, false, false, false, false, false, false],
  ],
  [
    'unanimous single vote',
    { members: 1, present: 1, votes: { for: 1 } },
    [true, true, true, true, true, true, true, true, true],
  ],
];

describe.each<PollKind>(['named', 'secret'])('every rule × every base (%s poll)', (kind) => {
  const cases = matrix.flatMap(([name, scenario, expected]) =>
    MAJORITY_RULES.flatMap((rule, r) =>
      MAJORITY_BASES.map(
        (base, b) => [name, rule, base, scenario, expected[r * 3 + b] ?? false] as const,
      ),
    ),
  );
  it.each(cases)('%s — %s of %s', (_name, rule, base, scenario, passes) => {
    const result = verdict(scenario, rule, base, kind);
    expect(result.passed).toBe(passes);
    expect(result.outcome).toBe(passes ? 'passed' : result.cast === 0 ? 'no-votes' : 'not-reached');
  });
});

describe('tally figures', () => {
  const scenario = { members: 10, present: 8, votes: { for: 4, against: 2, abstain: 1 } };

  it('counts, not-voted and percentages on the chosen base', () => {
    const onMembers = verdict(scenario, 'absolute', 'members', 'named');
    expect(onMembers).toMatchObject({
      pollId: 'poll-1',
      motionOptionId: 'for',
      cast: 7,
      eligible: 8,
      notVoted: 1,
      present: 8,
      members: 10,
      baseCount: 10,
      quorumMet: true,
    });
    expect(onMembers.options).toEqual([
      { optionId: 'for', label: 'Tán thành', labelKey: 'votes.option.for', count: 4, percent: 40 },
      {
        optionId: 'against',
        label: 'Không tán thành',
        labelKey: 'votes.option.against',
        count: 2,
        percent: 20,
      },
      {
        optionId: 'abstain',
        label: 'Không biểu quyết',
        labelKey: 'votes.option.abstain',
        count: 1,
        percent: 10,
      },
    ]);
    const onCast = verdict(scenario, 'absolute', 'cast', 'named');
    expect(onCast.options.map((o) => o.percent)).toEqual([57.14, 28.57, 14.29]);
    expect(verdict(scenario, 'absolute', 'present', 'named').options[0]?.percent).toBe(50);
  });

  it('gives the same result for a secret poll as for a named one', () => {
    const named = verdict(scenario, 'two-thirds', 'present', 'named');
    const secret = verdict(scenario, 'two-thirds', 'present', 'secret');
    expect(secret).toEqual(named);
  });

  it('is plain JSON', () => {
    const result = verdict(scenario, 'simple', 'cast', 'secret');
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });
});

describe('quorum', () => {
  const votes = { for: 7 };
  it.each<[string, number, number, boolean, TallyOutcome]>([
    ['exactly met', 8, 8, true, 'passed'],
    ['one short', 7, 8, false, 'no-quorum'],
    ['exceeded', 9, 8, true, 'passed'],
    ['none required', 7, 0, true, 'passed'],
  ])('%s: %i present, quorum %i', (_name, present, quorum, met, outcome) => {
    const { poll, box, context } = run({ members: 10, present, votes }, { quorum, rule: 'simple' });
    const result = tally(poll, box, context);
    expect(result.quorumMet).toBe(met);
    expect(result.passed).toBe(outcome === 'passed');
    expect(result.outcome).toBe(outcome);
  });

  it('reports no quorum before no votes', () => {
    const { poll, box, context } = run({ members: 10, present: 3, votes: {} }, { quorum: 6 });
    expect(tally(poll, box, context).outcome).toBe('no-quorum');
  });
});

describe('custom options', () => {
  it('tests the first option when there is no "for"', () => {
    const options = [
      { id: 'yes', label: 'Đồng ý' },
      { id: 'no', label: 'Không đồng ý' },
    ];
    const scenario = { members: 5, present: 5, votes: { yes: 3, no: 2 } };
    const { poll, box, context } = run(scenario, { options, rule: 'absolute', base: 'present' });
    const result = tally(poll, box, context);
    expect(result.motionOptionId).toBe('yes');
    expect(result.passed).toBe(true);
    expect(result.options[0]).toEqual({ optionId: 'yes', label: 'Đồng ý', count: 3, percent: 60 });
  });

  it('tests "for" even when it is not first', () => {
    const options = [
      { id: 'against', label: 'Không tán thành' },
      { id: 'for', label: 'Tán thành' },
    ];
    const scenario = { members: 5, present: 5, votes: { against: 2, for: 3 } };
    const { poll, box, context } = run(scenario, { options, rule: 'simple', base: 'cast' });
    const result = tally(poll, box, context);
    expect(result.motionOptionId).toBe('for');
    expect(result.passed).toBe(true);
  });

  it('under simple, the motion must beat all other non-abstain options together', () => {
    const options = [
      { id: 'a', label: 'A' },
      { id: 'b', label: 'B' },
      { id: 'c', label: 'C' },
      { id: 'abstain', label: 'Không biểu quyết' },
    ];
    const beaten = run(
      { members: 9, present: 9, votes: { a: 3, b: 2, c: 2 } },
      { options, rule: 'simple' },
    );
    expect(tally(beaten.poll, beaten.box, beaten.context).passed).toBe(false);
    const wins = run(
      { members: 9, present: 9, votes: { a: 3, b: 1, c: 1, abstain: 4 } },
      { options, rule: 'simple' },
    );
    expect(tally(wins.poll, wins.box, wins.context).passed).toBe(true);
  });
});

describe('a poll not yet opened', () => {
  it('tallies as no votes', () => {
    const poll = createPoll(parsePollDraft({ agendaItemId: 'i', title: 't' }), 'p', T0);
    const result = tally(poll, emptyBallotBox(poll), { presentCount: 4, memberCount: 5 });
    expect(result).toMatchObject({ cast: 0, eligible: 0, notVoted: 0, outcome: 'no-votes' });
  });
});

describe('refusals', () => {
  const good = run({ members: 5, present: 4, votes: { for: 2, against: 1 } });
  const secret = run({ members: 5, present: 4, votes: { for: 2, against: 1 } }, { kind: 'secret' });
  const namedBox = good.box.kind === 'named' ? good.box : { kind: 'named' as const, ballots: [] };
  const secretBox = secret.box.kind === 'secret' ? secret.box : undefined;
  if (!secretBox) throw new Error('fixture');

  it.each<[string, Poll, BallotBox, { presentCount: number; memberCount: number }, VoteErrorCode]>([
    [
      'more present than members',
      good.poll,
      good.box,
      { presentCount: 6, memberCount: 5 },
      'bad-tally-context',
    ],
    [
      'more cast than present',
      good.poll,
      good.box,
      { presentCount: 2, memberCount: 5 },
      'bad-tally-context',
    ],
    [
      'a negative count',
      good.poll,
      good.box,
      { presentCount: -1, memberCount: 5 },
      'bad-tally-context',
    ],
    [
      'a fractional count',
      good.poll,
      good.box,
      { presentCount: 4, memberCount: 5.5 },
      'bad-tally-context',
    ],
    ['a secret box on a named poll', good.poll, secret.box, good.context, 'ballot-box-mismatch'],
    [
      'a member who voted twice',
      good.poll,
      {
        kind: 'named',
        ballots: [...namedBox.ballots, { memberId: 'm1', optionId: 'for', castAt: T0 }],
      },
      good.context,
      'inconsistent-ballots',
    ],
    [
      'a ballot from someone not eligible',
      good.poll,
      {
        kind: 'named',
        ballots: [...namedBox.ballots, { memberId: 'x', optionId: 'for', castAt: T0 }],
      },
      good.context,
      'inconsistent-ballots',
    ],
    [
      'a ballot for an unknown option',
      good.poll,
      {
        kind: 'named',
        ballots: [...namedBox.ballots, { memberId: 'm4', optionId: 'maybe', castAt: T0 }],
      },
      good.context,
      'inconsistent-ballots',
    ],
    [
      'secret counts above the voters',
      secret.poll,
      { ...secretBox, counts: { ...secretBox.counts, abstain: 1 } },
      secret.context,
      'inconsistent-ballots',
    ],
    [
      'a negative secret count',
      secret.poll,
      { ...secretBox, voters: ['m1'], counts: { for: 2, against: -1, abstain: 0 } },
      secret.context,
      'inconsistent-ballots',
    ],
    [
      'a secret count for an unknown option',
      secret.poll,
      {
        ...secretBox,
        voters: [...secretBox.voters, 'm4'],
        counts: { ...secretBox.counts, maybe: 1 },
      },
      secret.context,
      'inconsistent-ballots',
    ],
  ])('refuses %s', (_name, poll, box, context, code) => {
    expect(errorCode(() => tally(poll, box, context))).toBe(code);
  });
});
