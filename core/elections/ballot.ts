import { ElectionError } from './errors';

/**
 * One round of an election: how many seats it fills and who stands, in ballot order.
 * Round 1 is the whole approved list for all seats; later rounds come from rounds.ts.
 */
export interface Round {
  number: number;
  seats: number;
  candidateIds: string[];
}

/**
 * A paper-style ballot (gạch tên): each candidate is kept or struck out. It is stored as the
 * ids kept, in the round's ballot order (canonical), so equal choices have one spelling.
 */
export interface ElectionBallot {
  kept: string[];
}

/**
 * valid: keeps 1..seats names. invalid: keeps more names than the round's seats.
 * blank: keeps none (every name struck). Invalid and blank ballots are counted, never dropped.
 */
export type BallotValidity = 'valid' | 'invalid' | 'blank';

/**
 * Checks a ballot from outside against its round and returns it canonical. A ballot naming a
 * candidate not standing in the round, or one name twice, is malformed: refused here with a
 * code and never counted (no paper ballot can do either, so it is a forgery or a bug).
 */
export function parseElectionBallot(round: Round, input: unknown): ElectionBallot {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new ElectionError('bad-ballot', 'A ballot must be an object { kept: [...] }.');
  }
  const kept = (input as { kept?: unknown }).kept;
  if (!Array.isArray(kept) || kept.length > round.candidateIds.length) {
    throw new ElectionError('bad-ballot', 'A ballot lists the kept candidate ids.');
  }
  const seen = new Set<string>();
  for (const id of kept) {
    if (typeof id !== 'string' || !round.candidateIds.includes(id)) {
      throw new ElectionError(
        'unknown-candidate',
        'The ballot names a candidate not standing in this round.',
      );
    }
    if (seen.has(id))
      throw new ElectionError('duplicate-choice', 'The ballot names a candidate twice.');
    seen.add(id);
  }
  return { kept: round.candidateIds.filter((id) => seen.has(id)) };
}

export function ballotValidity(round: Round, ballot: ElectionBallot): BallotValidity {
  if (ballot.kept.length === 0) return 'blank';
  return ballot.kept.length > round.seats ? 'invalid' : 'valid';
}
