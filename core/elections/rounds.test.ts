import { describe, expect, it } from 'vitest';
import { ballotValidity, parseElectionBallot, type Round } from './ballot';
import { basisPointsOfValid, countRound, formatBasisPoints } from './count';
import { parseElection, type Election } from './election';
import { decideRound, nextRound, runElection, type RoundInput } from './rounds';
import { minimumVotes, reachesThreshold } from './threshold';

function election(seats: number, n: number, extra: Record<string, unknown> = {}): Election {
  return parseElection({
    id: 'e1',
    title: 'Bầu Ban Chấp hành',
    seats,
    candidates: Array.from({ length: n }, (_, i) => ({
      id: `c${i + 1}`,
      name: `Ứng viên ${i + 1}`,
    })),
    ...extra,
  });
}
const round1 = (e: Election): Round => ({
  number: 1,
  seats: e.seats,
  candidateIds: e.candidates.map((c) => c.id),
});
/** Ballots from a compact spec: each string is the kept ids, '' = blank. */
const ballots = (...kept: string[]): { kept: string[] }[] =>
  kept.map((k) => ({ kept: k === '' ? [] : k.split(' ') }));
const times = (n: number, kept: string): string[] => Array.from({ length: n }, () => kept);

describe('ballot validity', () => {
  const r: Round = { number: 1, seats: 2, candidateIds: ['c1', 'c2', 'c3'] };
  it.each([
    [[], 'blank'],
    [['c1'], 'valid'],
    [['c3', 'c1'], 'valid'],
    [['c1', 'c2', 'c3'], 'invalid'],
  ] as const)('%j is %s', (kept, validity) => {
    expect(ballotValidity(r, parseElectionBallot(r, { kept }))).toBe(validity);
  });
  it('is canonical in ballot order', () => {
    expect(parseElectionBallot(r, { kept: ['c3', 'c1'] })).toEqual({ kept: ['c1', 'c3'] });
  });
  it.each([
    [{ kept: ['c9'] }, 'unknown-candidate'],
    [{ kept: ['c1', 'c1'] }, 'duplicate-choice'],
    [{ kept: 'c1' }, 'bad-ballot'],
    [null, 'bad-ballot'],
    [{ kept: [1] }, 'unknown-candidate'],
  ])('refuses %j with %s', (input, code) => {
    expect(() => parseElectionBallot(r, input)).toThrow(expect.objectContaining({ code }));
  });
});

describe('thresholds', () => {
  const half = { base: 'valid', numerator: 1, denominator: 2, comparison: 'more-than' } as const;
  it.each([
    // votes, valid, received, present, rule, reaches
    [51, 100, 100, 100, half, true],
    [50, 100, 100, 100, half, false],
    [0, 0, 0, 0, half, false], // no valid ballots: nobody
    [1, 1, 1, 1, half, true],
    [51, 100, 110, 100, { ...half, base: 'received' }, false],
    [56, 100, 110, 100, { ...half, base: 'received' }, true],
    [60, 100, 100, 121, { ...half, base: 'present' }, false],
    [61, 100, 100, 121, { ...half, base: 'present' }, true],
    [66, 99, 99, 99, { ...half, numerator: 2, denominator: 3, comparison: 'at-least' }, true],
    [65, 99, 99, 99, { ...half, numerator: 2, denominator: 3, comparison: 'at-least' }, false],
    [0, 10, 10, 10, { ...half, numerator: 0, comparison: 'at-least' }, false], // a seat needs a vote
  ] as const)(
    '%i of valid %i / received %i / present %i',
    (votes, valid, received, present, rule, expected) => {
      expect(reachesThreshold(votes, rule, { valid, received, present })).toBe(expected);
      if (votes > 0) {
        const min = minimumVotes(rule, { valid, received, present });
        expect(votes >= min).toBe(expected);
      }
    },
  );
  it('refuses a bad threshold', () => {
    expect(() =>
      election(1, 2, {
        threshold: { base: 'valid', numerator: 3, denominator: 2, comparison: 'more-than' },
      }),
    ).toThrow(expect.objectContaining({ code: 'bad-threshold' }));
  });
});

describe('count', () => {
  const e = election(2, 3);
  it('counts blank and invalid ballots, never drops them, and invalid ones give no votes', () => {
    const c = countRound(round1(e), ballots('c1', 'c1 c2', 'c1 c2 c3', '', ''), {
      issued: 6,
      present: 6,
    });
    expect(c).toEqual({
      round: 1,
      issued: 6,
      received: 5,
      valid: 2,
      invalid: 1,
      blank: 2,
      present: 6,
      votes: { c1: 2, c2: 1, c3: 0 },
    });
  });
  it.each([
    [1, 3, 3333, '33,33'],
    [2, 3, 6667, '66,67'],
    [1, 8, 1250, '12,50'],
    [1, 16, 625, '6,25'],
    [5, 5, 10000, '100,00'],
    [0, 0, 0, '0,00'],
  ])('%i of %i valid = %i bp', (votes, valid, bp, text) => {
    expect(basisPointsOfValid(votes, valid)).toBe(bp);
    expect(formatBasisPoints(bp)).toBe(text);
  });
});

describe('decide a round', () => {
  it('all blank: nobody elected, a further round among all', () => {
    const e = election(2, 3);
    const r = runElection(e, [{ ballots: ballots('', '', ''), issued: 3, present: 3 }]);
    expect(r.rounds[0]?.count.valid).toBe(0);
    expect(r.elected).toEqual([]);
    expect(r.status).toBe('next-round');
    expect(r.next).toEqual({ number: 2, seats: 2, candidateIds: ['c1', 'c2', 'c3'] });
  });
  it('no ballots at all: nobody elected', () => {
    const r = runElection(election(1, 2), [{ ballots: [], issued: 0, present: 0 }]);
    expect(r.elected).toEqual([]);
  });
  it('more above the threshold than seats: the most votes win', () => {
    const e = election(2, 4);
    const r = runElection(e, [
      {
        ballots: ballots(...times(5, 'c1 c2'), ...times(4, 'c3 c4'), 'c3 c2'),
        issued: 10,
        present: 10,
      },
    ]);
    // votes: c1 5, c2 6, c3 5, c4 4; threshold > 5: c2 only reaches. Then 1 seat left.
    expect(r.rounds[0]?.decision.reached).toEqual(['c2']);
    expect(r.elected).toEqual(['c2']);
    const r2 = runElection(e, [
      { ballots: ballots(...times(6, 'c1 c2'), ...times(4, 'c3 c1')), issued: 10, present: 10 },
    ]);
    expect(r2.rounds[0]?.decision.reached).toEqual(['c1', 'c2']);
    const e3 = election(1, 3);
    const r3 = runElection(e3, [
      { ballots: ballots(...times(6, 'c1'), ...times(4, 'c2')), issued: 10, present: 10 },
    ]);
    expect(r3.elected).toEqual(['c1']);
    expect(r3.status).toBe('complete');
  });
  it('three reach the threshold for two seats: ranked, the third not elected', () => {
    const e = election(2, 3);
    const r = runElection(e, [
      {
        ballots: ballots(...times(4, 'c1 c2'), ...times(3, 'c1 c3'), ...times(3, 'c2 c3')),
        issued: 10,
        present: 10,
      },
    ]);
    // c1 7, c2 7, c3 6: all > 5; 2 seats: c1 and c2
    expect(r.rounds[0]?.decision.reached).toEqual(['c1', 'c2', 'c3']);
    expect(r.elected).toEqual(['c1', 'c2']);
  });
  const tied = ballots(...times(5, 'c1 c2'), ...times(5, 'c1 c3'), 'c2 c3');
  // c1 10, c2 6, c3 6 of 11 valid: all > 5.5; 2 seats: c1, then c2 = c3 tie at the last seat
  it('a tie at the last seat goes to a round among the tied (default)', () => {
    const e = election(2, 3);
    const r = runElection(e, [{ ballots: tied, issued: 11, present: 11 }]);
    expect(r.rounds[0]?.decision).toMatchObject({ elected: ['c1'], tied: ['c2', 'c3'] });
    expect(r.next).toEqual({ number: 2, seats: 1, candidateIds: ['c2', 'c3'] });
    const r2 = runElection(e, [
      { ballots: tied, issued: 11, present: 11 },
      { ballots: ballots(...times(6, 'c3'), ...times(5, 'c2')), issued: 11, present: 11 },
    ]);
    expect(r2.elected).toEqual(['c1', 'c3']);
    expect(r2.status).toBe('complete');
  });
  it('a tie under lot needs the recorded order, and takes it', () => {
    const e = election(2, 3, { tieRule: 'lot' });
    expect(() => runElection(e, [{ ballots: tied, issued: 11, present: 11 }])).toThrow(
      expect.objectContaining({ code: 'tie-order-required' }),
    );
    expect(() =>
      runElection(e, [{ ballots: tied, issued: 11, present: 11, tieOrder: ['c2'] }]),
    ).toThrow(expect.objectContaining({ code: 'bad-tie-order' }));
    expect(
      runElection(e, [{ ballots: tied, issued: 11, present: 11, tieOrder: ['c3', 'c2'] }]).elected,
    ).toEqual(['c1', 'c3']);
  });
  it('a tie under age takes the older candidate from birth dates', () => {
    const e = election(2, 3, {
      tieRule: 'age',
      birthDates: { c2: '1980-05-01', c3: '1975-01-09' },
    });
    expect(runElection(e, [{ ballots: tied, issued: 11, present: 11 }]).elected).toEqual([
      'c1',
      'c3',
    ]);
    const noDates = election(2, 3, { tieRule: 'age' });
    expect(() => runElection(noDates, [{ ballots: tied, issued: 11, present: 11 }])).toThrow(
      expect.objectContaining({ code: 'tie-order-required' }),
    );
  });
  it('a tie below the threshold is no tie: nobody at the cut reached it', () => {
    const e = election(1, 3);
    const r = runElection(e, [
      {
        ballots: ballots(...times(4, 'c1'), ...times(4, 'c2'), ...times(2, 'c3')),
        issued: 10,
        present: 10,
      },
    ]);
    expect(r.rounds[0]?.decision).toMatchObject({ reached: [], elected: [], tied: [] });
  });
});

describe('further rounds', () => {
  const first: RoundInput = {
    // 3 seats of 5; 9 valid + 1 blank; c1 7, c2 6 elected (> 4.5); c3 3, c4 2, c5 1 not
    ballots: ballots(...times(5, 'c1 c2'), 'c1 c3', 'c1 c4', 'c2 c3', 'c3 c4 c5', ''),
    issued: 10,
    present: 10,
  };
  it('stand again: everyone not elected (the union guidance default), seats = seats remaining', () => {
    const e = election(3, 5);
    const r = runElection(e, [first]);
    expect(r.elected).toEqual(['c1', 'c2']);
    expect(r.next).toEqual({ number: 2, seats: 1, candidateIds: ['c3', 'c4', 'c5'] });
  });
  it('top-twice-remaining keeps the 2 × remaining best, plus ties at that cut', () => {
    const e = election(3, 5, { furtherRoundRule: 'top-twice-remaining' });
    expect(runElection(e, [first]).next?.candidateIds).toEqual(['c3', 'c4']);
  });
  it('a candidate withdrawn between rounds does not stand again', () => {
    const e = election(3, 5);
    const r = runElection(e, [
      first,
      {
        ballots: ballots(...times(6, 'c5'), ...times(4, 'c4')),
        issued: 10,
        present: 10,
        withdrawn: ['c3'],
      },
    ]);
    expect(r.rounds[1]?.round).toEqual({ number: 2, seats: 1, candidateIds: ['c4', 'c5'] });
    expect(r.elected).toEqual(['c1', 'c2', 'c5']);
    expect(r.status).toBe('complete');
  });
  it('a round with one seat and a ballot keeping two names is invalid', () => {
    const e = election(3, 5, { maxRounds: 3 });
    const r = runElection(e, [
      first,
      { ballots: ballots('c3 c4', 'c3', 'c4'), issued: 3, present: 3 },
    ]);
    expect(r.rounds[1]?.count).toMatchObject({
      valid: 2,
      invalid: 1,
      votes: { c3: 1, c4: 1, c5: 0 },
    });
    expect(r.status).toBe('next-round');
    expect(r.next?.number).toBe(3);
  });
  it('stops at the round limit with seats unfilled', () => {
    const e = election(3, 5, { maxRounds: 2 });
    const r = runElection(e, [first, { ballots: ballots('', ''), issued: 2, present: 2 }]);
    expect(r.status).toBe('round-limit');
    expect(r.next).toBeUndefined();
    expect(() =>
      runElection(e, [
        first,
        { ballots: [], issued: 0, present: 0 },
        { ballots: [], issued: 0, present: 0 },
      ]),
    ).toThrow(expect.objectContaining({ code: 'election-complete' }));
  });
  it('no candidates left to stand', () => {
    const e = election(2, 2);
    const r = runElection(e, [
      { ballots: ballots(...times(6, 'c1'), ...times(4, 'c2')), issued: 10, present: 10 },
    ]);
    expect(
      nextRound(e, [r.rounds[0]!.round], [r.rounds[0]!.decision], [r.rounds[0]!.count], ['c2'])
        .status,
    ).toBe('no-candidates');
  });
  it('decideRound is the same on a round given directly', () => {
    const e = election(1, 2);
    const rd = round1(e);
    const c = countRound(rd, ballots('c1', 'c1', 'c2'), { issued: 3, present: 3 });
    expect(decideRound(e, rd, c).elected).toEqual(['c1']);
  });
});

describe('parseElection', () => {
  it.each([
    [{ seats: 0 }, 'bad-seats'],
    [{ seats: 4 }, 'too-few-candidates'],
    [{ id: 'a b' }, 'bad-election-id'],
    [{ tieRule: 'coin' }, 'unknown-tie-rule'],
    [{ furtherRoundRule: 'all' }, 'unknown-further-round-rule'],
    [{ maxRounds: 0 }, 'bad-round-limit'],
    [
      {
        candidates: [
          { id: 'c1', name: 'A' },
          { id: 'c1', name: 'B' },
        ],
      },
      'duplicate-candidate',
    ],
    [{ candidates: [{ id: 'c1', name: '' }] }, 'bad-candidate'],
  ])('refuses %j with %s', (change, code) => {
    const base = {
      id: 'e1',
      title: 'Bầu',
      seats: 1,
      candidates: [
        { id: 'c1', name: 'A' },
        { id: 'c2', name: 'B' },
        { id: 'c3', name: 'C' },
      ],
    };
    expect(() => parseElection({ ...base, ...change })).toThrow(expect.objectContaining({ code }));
  });
  it('fills the defaults', () => {
    expect(election(1, 2)).toMatchObject({
      threshold: { base: 'valid', numerator: 1, denominator: 2, comparison: 'more-than' },
      tieRule: 'second-round-among-tied',
      furtherRoundRule: 'not-elected',
      maxRounds: 2,
    });
  });
});
