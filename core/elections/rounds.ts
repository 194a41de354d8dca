import { parseElectionBallot, type Round } from './ballot';
import { countRound, type RoundCount } from './count';
import type { Election } from './election';
import { ElectionError } from './errors';
import { reachesThreshold } from './threshold';

/** What one round decided. */
export interface RoundDecision {
  round: number;
  /** Candidates who reached the threshold, most votes first (ballot order between equals). */
  reached: string[];
  /** Elected in this round, in the same ranking. */
  elected: string[];
  /** Tied at the last seat and left for a round among them (rule second-round-among-tied). */
  tied: string[];
}

/** Candidates ranked by votes, most first; equal votes keep ballot order (stable sort). */
function ranked(round: Round, count: RoundCount, ids: readonly string[]): string[] {
  const order = new Map(round.candidateIds.map((id, i) => [id, i]));
  return [...ids].sort(
    (a, b) =>
      (count.votes[b] ?? 0) - (count.votes[a] ?? 0) || (order.get(a) ?? 0) - (order.get(b) ?? 0),
  );
}

/** Older first, from the election's birth dates; null when any tied candidate has none. */
export function ageOrder(election: Election, ids: readonly string[]): string[] | null {
  const dates = election.birthDates ?? {};
  if (!ids.every((id) => dates[id] !== undefined)) return null;
  return [...ids].sort((a, b) =>
    (dates[a] ?? '') < (dates[b] ?? '') ? -1 : dates[a] === dates[b] ? 0 : 1,
  );
}

/**
 * Elected = reached the threshold, ranked by votes, at most the round's seats. When more
 * reached it than there are seats and several tie at the last seat: `second-round-among-tied`
 * leaves them in `tied`; `lot` and `age` take the congress's recorded `tieOrder` (for age,
 * derived from birth dates when not given). A missing or wrong order is refused, not guessed.
 */
export function decideRound(
  election: Election,
  round: Round,
  count: RoundCount,
  tieOrder?: readonly string[],
): RoundDecision {
  const bases = { valid: count.valid, received: count.received, present: count.present };
  const reached = ranked(
    round,
    count,
    round.candidateIds.filter((id) =>
      reachesThreshold(count.votes[id] ?? 0, election.threshold, bases),
    ),
  );
  if (reached.length <= round.seats)
    return { round: round.number, reached, elected: reached, tied: [] };
  const cut = count.votes[reached[round.seats - 1] as string] ?? 0;
  const above = reached.filter((id) => (count.votes[id] ?? 0) > cut);
  const atCut = reached.filter((id) => (count.votes[id] ?? 0) === cut);
  const slots = round.seats - above.length;
  if (atCut.length === slots)
    return { round: round.number, reached, elected: [...above, ...atCut], tied: [] };
  if (election.tieRule === 'second-round-among-tied') {
    return { round: round.number, reached, elected: above, tied: atCut };
  }
  const order = tieOrder ?? (election.tieRule === 'age' ? ageOrder(election, atCut) : null);
  if (order === null || order === undefined) {
    throw new ElectionError(
      'tie-order-required',
      `Round ${round.number}: a tie at the last seat needs the ${election.tieRule} order.`,
    );
  }
  if (order.length !== atCut.length || !atCut.every((id) => order.includes(id))) {
    throw new ElectionError(
      'bad-tie-order',
      'The tie order must list exactly the tied candidates.',
    );
  }
  return { round: round.number, reached, elected: [...above, ...order.slice(0, slots)], tied: [] };
}

export type ElectionStatus =
  | 'complete' // every seat filled
  | 'round-limit' // seats left, but the round limit is reached: another round is the congress's decision
  | 'no-candidates' // seats left and nobody left to stand
  | 'next-round'; // seats left: the returned round is next

/**
 * The round after `decisions` (all rounds so far, in order), or why there is none. Seats of the
 * next round = seats still open. Candidates: the tied, when the last round left a tie; else by
 * the election's further-round rule. `withdrawn` (candidate ids) never stand again.
 */
export function nextRound(
  election: Election,
  rounds: readonly Round[],
  decisions: readonly RoundDecision[],
  counts: readonly RoundCount[],
  withdrawn: readonly string[] = [],
): { status: ElectionStatus; round?: Round } {
  const last = rounds[rounds.length - 1];
  const decision = decisions[decisions.length - 1];
  const count = counts[counts.length - 1];
  if (last === undefined || decision === undefined || count === undefined) {
    return {
      status: 'next-round',
      round: {
        number: 1,
        seats: election.seats,
        candidateIds: election.candidates.map((c) => c.id).filter((id) => !withdrawn.includes(id)),
      },
    };
  }
  const elected = decisions.flatMap((d) => d.elected);
  const remaining = election.seats - elected.length;
  if (remaining <= 0) return { status: 'complete' };
  if (last.number >= election.maxRounds) return { status: 'round-limit' };
  const standing = (id: string): boolean => !elected.includes(id) && !withdrawn.includes(id);
  let pool: string[];
  if (decision.tied.length > 0) pool = decision.tied.filter(standing);
  else {
    pool = ranked(last, count, last.candidateIds.filter(standing));
    if (election.furtherRoundRule === 'top-twice-remaining' && pool.length > 2 * remaining) {
      const cut = count.votes[pool[2 * remaining - 1] as string] ?? 0;
      pool = pool.filter((id, i) => i < 2 * remaining || (count.votes[id] ?? 0) === cut);
    }
  }
  const order = new Map(election.candidates.map((c, i) => [c.id, i]));
  pool.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
  if (pool.length === 0) return { status: 'no-candidates' };
  return {
    status: 'next-round',
    round: { number: last.number + 1, seats: remaining, candidateIds: pool },
  };
}

/** What the committee enters for one round: the raw ballots and its own figures. */
export interface RoundInput {
  ballots: readonly unknown[];
  issued: number;
  present: number;
  /** Candidates who withdrew before this round. */
  withdrawn?: readonly string[];
  /** The recorded lot or age order, for a tie under `lot` / `age`. */
  tieOrder?: readonly string[];
}

export interface ElectionResult {
  rounds: { round: Round; count: RoundCount; decision: RoundDecision }[];
  /** Everyone elected, round by round, each round in its ranking. */
  elected: string[];
  status: ElectionStatus;
  /** The next round when status is next-round (its ballots are not in yet). */
  next?: Round;
}

/**
 * Runs the election over the rounds held so far: each round's ballots are checked against that
 * round (a malformed one throws; nothing is counted then), counted and decided in turn.
 */
export function runElection(election: Election, inputs: readonly RoundInput[]): ElectionResult {
  const rounds: Round[] = [];
  const decisions: RoundDecision[] = [];
  const counts: RoundCount[] = [];
  const withdrawn: string[] = [];
  for (const input of inputs) {
    withdrawn.push(...(input.withdrawn ?? []));
    const plan = nextRound(election, rounds, decisions, counts, withdrawn);
    if (plan.round === undefined) {
      throw new ElectionError(
        'election-complete',
        `No round ${rounds.length + 1}: the election is ${plan.status}.`,
      );
    }
    const round = plan.round;
    const ballots = input.ballots.map((b) => parseElectionBallot(round, b));
    const count = countRound(round, ballots, { issued: input.issued, present: input.present });
    rounds.push(round);
    counts.push(count);
    decisions.push(decideRound(election, round, count, input.tieOrder));
  }
  const plan = nextRound(election, rounds, decisions, counts, withdrawn);
  const result: ElectionResult = {
    rounds: rounds.map((round, i) => ({
      round,
      count: counts[i] as RoundCount,
      decision: decisions[i] as RoundDecision,
    })),
    elected: decisions.flatMap((d) => d.elected),
    status: plan.status,
  };
  if (plan.round !== undefined) result.next = plan.round;
  return result;
}
