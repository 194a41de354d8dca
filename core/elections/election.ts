import { ElectionError } from './errors';

/**
 * The definition of one election (bầu cử): what the congress approved before the first ballot.
 * Plain JSON, so it travels in the control document and in the ballot file unchanged.
 */
export interface Candidate {
  /** Stable id, [A-Za-z0-9._-], so it can appear in commitments and files without escaping. */
  id: string;
  name: string;
  position: string;
  unit: string;
}

/**
 * The winning threshold: a candidate needs votes `comparison` `numerator/denominator` of `base`.
 * Default (Hướng dẫn 03/HD-TLĐ): more than half of the valid ballots.
 * - `valid`: valid ballots of the round (blank and invalid ones excluded)
 * - `received`: every ballot received in the round (valid + invalid + blank)
 * - `present`: delegates present, as given to the round
 */
export interface ThresholdRule {
  base: 'valid' | 'received' | 'present';
  numerator: number;
  denominator: number;
  comparison: 'more-than' | 'at-least';
}

/**
 * What happens when candidates tie at the last seat:
 * - `second-round-among-tied` (default): the tied stand again, for the seats still open.
 * - `lot` / `age`: the congress draws lots or compares ages and records the order, which is
 *   given to the round as `tieOrder` (ageOrder() builds it from birth dates).
 */
export type TieRule = 'second-round-among-tied' | 'lot' | 'age';
export const TIE_RULES: readonly TieRule[] = ['second-round-among-tied', 'lot', 'age'];

/**
 * Who stands in a further round when seats remain unfilled:
 * - `not-elected` (default, Hướng dẫn 03/HD-TLĐ and 28/HD-TLĐ: the congress decides whether to
 *   vote again among those not elected): every candidate of the round not elected, less withdrawals.
 * - `top-twice-remaining`: of those, the 2 × remaining seats with the most votes (all tied at the
 *   cut stay in).
 */
export type FurtherRoundRule = 'not-elected' | 'top-twice-remaining';
export const FURTHER_ROUND_RULES: readonly FurtherRoundRule[] = [
  'not-elected',
  'top-twice-remaining',
];

export interface Election {
  id: string;
  title: string;
  seats: number;
  /** In the order the congress approved (the ballot prints them in this order). */
  candidates: Candidate[];
  threshold: ThresholdRule;
  tieRule: TieRule;
  furtherRoundRule: FurtherRoundRule;
  /** Rounds at most (≥ 1). Past it, seats stay unfilled: another round is the congress's decision. */
  maxRounds: number;
  /** Birth dates (YYYY-MM-DD) by candidate id, used only by the `age` tie rule. */
  birthDates?: Record<string, string>;
  /** The preliminary motions, as ordinary core/votes polls (see preliminaries.ts). */
  preliminaries?: { candidateListPollId?: string; seatsPollId?: string };
}

export const DEFAULT_THRESHOLD: ThresholdRule = {
  base: 'valid',
  numerator: 1,
  denominator: 2,
  comparison: 'more-than',
};
export const DEFAULT_MAX_ROUNDS = 2;
export const MAX_CANDIDATES = 200;
export const MAX_SEATS = 200;
const ID = /^[A-Za-z0-9._-]{1,64}$/;
const TEXT_MAX = 300;

export function isElectionId(value: unknown): value is string {
  return typeof value === 'string' && ID.test(value);
}

function fail(code: ConstructorParameters<typeof ElectionError>[0], message: string): never {
  throw new ElectionError(code, message);
}

function text(value: unknown, field: string, required: boolean): string {
  if (value === undefined && !required) return '';
  if (typeof value !== 'string' || value.length > TEXT_MAX || (required && value.trim() === '')) {
    fail('bad-candidate', `Candidate ${field} must be text of at most ${TEXT_MAX} characters.`);
  }
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function parseThreshold(input: unknown): ThresholdRule {
  if (input === undefined) return { ...DEFAULT_THRESHOLD };
  if (!isRecord(input)) fail('bad-threshold', 'The threshold must be an object.');
  const { base, numerator, denominator, comparison } = input;
  if (base !== 'valid' && base !== 'received' && base !== 'present') {
    fail('bad-threshold', 'The threshold base must be valid, received or present.');
  }
  if (comparison !== 'more-than' && comparison !== 'at-least') {
    fail('bad-threshold', 'The threshold comparison must be more-than or at-least.');
  }
  if (
    !Number.isSafeInteger(numerator) ||
    !Number.isSafeInteger(denominator) ||
    (numerator as number) < 0 ||
    (denominator as number) < 1 ||
    (numerator as number) > (denominator as number) ||
    (denominator as number) > 1000
  ) {
    fail('bad-threshold', 'The threshold must be a fraction 0 ≤ n/d ≤ 1 with d ≤ 1000.');
  }
  return { base, numerator: numerator as number, denominator: denominator as number, comparison };
}

/** Checks an election definition from outside (a request, a file) and returns a clean copy. */
export function parseElection(input: unknown): Election {
  if (!isRecord(input)) fail('bad-election', 'An election must be an object.');
  if (!isElectionId(input.id))
    fail('bad-election-id', 'The election id must match [A-Za-z0-9._-]{1,64}.');
  if (
    typeof input.title !== 'string' ||
    input.title.trim() === '' ||
    input.title.length > TEXT_MAX
  ) {
    fail('bad-election', `The title must be non-empty text of at most ${TEXT_MAX} characters.`);
  }
  const seats = input.seats;
  if (!Number.isSafeInteger(seats) || (seats as number) < 1 || (seats as number) > MAX_SEATS) {
    fail('bad-seats', `Seats must be an integer from 1 to ${MAX_SEATS}.`);
  }
  if (!Array.isArray(input.candidates) || input.candidates.length > MAX_CANDIDATES) {
    fail('bad-candidates', `Candidates must be a list of at most ${MAX_CANDIDATES}.`);
  }
  const seen = new Set<string>();
  const candidates: Candidate[] = input.candidates.map((raw: unknown) => {
    if (!isRecord(raw) || !isElectionId(raw.id))
      fail('bad-candidate', 'Each candidate needs an id.');
    if (seen.has(raw.id)) fail('duplicate-candidate', `Candidate ${raw.id} is listed twice.`);
    seen.add(raw.id);
    return {
      id: raw.id,
      name: text(raw.name, 'name', true),
      position: text(raw.position, 'position', false),
      unit: text(raw.unit, 'unit', false),
    };
  });
  // Vietnamese practice: the list must offer more names than seats (số dư), but a list equal to
  // the seats is allowed by some statutes; fewer names than seats cannot fill the body.
  if (candidates.length < (seats as number)) {
    fail('too-few-candidates', 'The candidate list must have at least as many names as seats.');
  }
  const tieRule = input.tieRule ?? 'second-round-among-tied';
  if (!TIE_RULES.includes(tieRule as TieRule)) fail('unknown-tie-rule', 'Unknown tie rule.');
  const furtherRoundRule = input.furtherRoundRule ?? 'not-elected';
  if (!FURTHER_ROUND_RULES.includes(furtherRoundRule as FurtherRoundRule)) {
    fail('unknown-further-round-rule', 'Unknown further-round rule.');
  }
  const maxRounds = input.maxRounds ?? DEFAULT_MAX_ROUNDS;
  if (!Number.isSafeInteger(maxRounds) || (maxRounds as number) < 1 || (maxRounds as number) > 10) {
    fail('bad-round-limit', 'The round limit must be an integer from 1 to 10.');
  }
  const election: Election = {
    id: input.id,
    title: input.title,
    seats: seats as number,
    candidates,
    threshold: parseThreshold(input.threshold),
    tieRule: tieRule as TieRule,
    furtherRoundRule: furtherRoundRule as FurtherRoundRule,
    maxRounds: maxRounds as number,
  };
  if (input.birthDates !== undefined) {
    if (!isRecord(input.birthDates)) fail('bad-election', 'Birth dates must be an object.');
    const birthDates: Record<string, string> = {};
    for (const [id, date] of Object.entries(input.birthDates)) {
      if (!seen.has(id) || typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
        fail('bad-election', 'Birth dates are YYYY-MM-DD for listed candidates.');
      }
      birthDates[id] = date;
    }
    election.birthDates = birthDates;
  }
  if (input.preliminaries !== undefined) {
    const p = input.preliminaries;
    if (!isRecord(p)) fail('bad-election', 'Preliminaries must be an object.');
    const pre: NonNullable<Election['preliminaries']> = {};
    for (const key of ['candidateListPollId', 'seatsPollId'] as const) {
      if (p[key] === undefined) continue;
      const pollId = p[key];
      // Poll ids as core/votes createPoll accepts them.
      if (typeof pollId !== 'string' || pollId.trim() === '' || pollId.length > 128) {
        fail('bad-election', `${key} must be a poll id.`);
      }
      pre[key] = pollId;
    }
    election.preliminaries = pre;
  }
  return election;
}
