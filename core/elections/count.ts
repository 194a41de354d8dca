import { ballotValidity, type ElectionBallot, type Round } from './ballot';

/** The count of one round, as the biên bản kiểm phiếu prints it. */
export interface RoundCount {
  round: number;
  /** Ballots handed out (phiếu phát ra): given by the committee, not derived from ballots. */
  issued: number;
  /** Ballots received (phiếu thu vào) = valid + invalid + blank. */
  received: number;
  valid: number;
  invalid: number;
  blank: number;
  /** Delegates present for the round (a possible threshold base). */
  present: number;
  /** Votes per candidate of the round, from valid ballots only; every candidate has an entry. */
  votes: Record<string, number>;
}

/**
 * Counts one round. Order-independent by construction (sums only). Invalid ballots give no
 * votes to anyone, as on paper.
 */
export function countRound(
  round: Round,
  ballots: readonly ElectionBallot[],
  figures: { issued: number; present: number },
): RoundCount {
  const votes: Record<string, number> = {};
  for (const id of round.candidateIds) votes[id] = 0;
  let valid = 0;
  let invalid = 0;
  let blank = 0;
  for (const ballot of ballots) {
    const validity = ballotValidity(round, ballot);
    if (validity === 'blank') blank += 1;
    else if (validity === 'invalid') invalid += 1;
    else {
      valid += 1;
      for (const id of ballot.kept) votes[id] = (votes[id] ?? 0) + 1;
    }
  }
  return {
    round: round.number,
    issued: figures.issued,
    received: ballots.length,
    valid,
    invalid,
    blank,
    present: figures.present,
    votes,
  };
}

/**
 * Share of valid ballots in integer basis points (1/100 of a percent), rounded half up:
 * floor((votes·20000 + valid) / (2·valid)). 0 when there are no valid ballots. For display
 * only: who is elected is decided on exact integers (threshold.ts), never on this figure.
 */
export function basisPointsOfValid(votes: number, valid: number): number {
  if (valid === 0) return 0;
  return Math.floor((votes * 20000 + valid) / (2 * valid));
}

/** "53,85" style text of basis points, with the given decimal separator. */
export function formatBasisPoints(bp: number, separator = ','): string {
  return `${Math.floor(bp / 100)}${separator}${String(bp % 100).padStart(2, '0')}`;
}
