import { describe, expect, it } from 'vitest';
import {
  castElectionBallot,
  closeRound,
  confirmRound,
  electionStatus,
  newElectionRecord,
  openRound,
  publishElection,
  type ElectionRecord,
} from './conduct';
import { parseElection } from './election';
import { ElectionError } from './errors';

const election = parseElection({
  id: 'e1',
  title: 'Bầu Ban Thường vụ',
  seats: 2,
  candidates: ['a', 'b', 'c'].map((id) => ({ id, name: id.toUpperCase() })),
});
/** Stands for the server's MAC: anything that does not show the commitment. */
const tag = (c: string) => `t${[...c].reverse().join('')}`;
const hex = (n: number) => n.toString(16).padStart(64, '0');
const fresh = () => newElectionRecord('m', 'item', election, ['v2', 'v1'], 'chair', 0);

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof ElectionError) return error.code;
    throw error;
  }
  return 'none';
}

/** Casts for v1..vn in turn and returns the record and the ballots as the urn would hold them. */
function castAll(record: ElectionRecord, ballots: string[][]) {
  const urn: { commitment: string; ballot: { kept: string[] } }[] = [];
  ballots.forEach((kept, i) => {
    const cast = castElectionBallot(record, `v${i + 1}`, 1, { kept, commitment: hex(i) }, tag);
    record = cast.record;
    urn.push({ commitment: cast.commitment, ballot: cast.ballot });
  });
  return { record, urn };
}

describe('an election run round by round', () => {
  it('keeps voters and tags sorted, never a choice or a commitment, while open', () => {
    const open = openRound(fresh(), ['v3', 'v1', 'v2']);
    const { record } = castAll(open, [['a'], ['b', 'a'], ['c']]);
    const round = record.rounds[0];
    expect(round?.voters).toEqual(['v1', 'v2', 'v3']);
    expect(round?.tags).toEqual([tag(hex(0)), tag(hex(1)), tag(hex(2))].sort());
    expect(JSON.stringify(record)).not.toContain(hex(1));
    expect(record.committee).toEqual(['v1', 'v2']);
  });

  it.each([
    ['unknown candidate', { kept: ['z'], commitment: hex(9) }, 'v2', 1, 'unknown-candidate'],
    ['duplicate choice', { kept: ['a', 'a'], commitment: hex(9) }, 'v2', 1, 'duplicate-choice'],
    ['bad commitment', { kept: ['a'], commitment: 'xyz' }, 'v2', 1, 'bad-commitment'],
    ['replayed commitment', { kept: ['a'], commitment: hex(0) }, 'v2', 1, 'duplicate-commitment'],
    ['second ballot', { kept: ['a'], commitment: hex(9) }, 'v1', 1, 'already-voted'],
    ['not handed a ballot', { kept: ['a'], commitment: hex(9) }, 'v9', 1, 'not-eligible'],
    ['wrong round', { kept: ['a'], commitment: hex(9) }, 'v2', 2, 'wrong-round'],
  ])('refuses a ballot: %s', (_, input, who, round, expected) => {
    const { record } = castAll(openRound(fresh(), ['v1', 'v2']), [['a']]);
    expect(code(() => castElectionBallot(record, who, round, input, tag))).toBe(expected);
  });

  it('counts a ballot keeping too many names as invalid, then elects and publishes', () => {
    const open = openRound(fresh(), ['v1', 'v2', 'v3', 'v4']);
    const { record, urn } = castAll(open, [['a', 'b', 'c'], ['a'], ['a', 'b'], []]);
    expect(code(() => confirmRound(record, 1))).toBe('round-not-counted');
    expect(code(() => openRound(record, ['v1']))).toBe('round-in-progress');
    const closed = closeRound(record, 1, () => urn);
    const round = closed.rounds[0];
    expect(round?.count).toMatchObject({ received: 4, valid: 2, invalid: 1, blank: 1, issued: 4 });
    expect(round?.tags).toEqual([]);
    expect(round?.ballots?.map((b) => b.commitment)).toEqual([hex(0), hex(1), hex(2), hex(3)]);
    expect(code(() => castElectionBallot(closed, 'v1', 1, urn[0] as never, tag))).toBe(
      'round-not-open',
    );
    const confirmed = confirmRound(closed, 1);
    // a: 2 of 2 valid; b: 1 of 2, not more than half: one seat left for round 2.
    expect(confirmed.rounds[0]?.decision?.elected).toEqual(['a']);
    expect(electionStatus(confirmed)).toMatchObject({
      status: 'next-round',
      round: { number: 2, seats: 1, candidateIds: ['b', 'c'] },
    });
    const published = publishElection(confirmed, 5);
    expect(published.publishedAt).toBe(5);
    expect(code(() => openRound(published, ['v1']))).toBe('election-published');
  });

  it('refuses to count an urn that is not the ballots received', () => {
    const { record, urn } = castAll(openRound(fresh(), ['v1', 'v2']), [['a'], ['b']]);
    expect(code(() => closeRound(record, 1, () => urn.slice(1)))).toBe('urn-mismatch');
    const twice = [urn[0], urn[0]] as typeof urn;
    expect(code(() => closeRound(record, 1, () => twice))).toBe('urn-mismatch');
  });
});
