import { parseElection, type Election } from './election';
import { ElectionError } from './errors';
import type { PublishedBallot } from './receipt';
import { runElection, type ElectionResult, type RoundInput } from './rounds';

/**
 * The ballot file (README "Elections › Ballot file"): JSON, UTF-8, version 1. JSON because the
 * rounds nest (candidates, ballots, declared result per round), Vietnamese names survive
 * without a dialect question, and every language reads it with its standard library. Ballots
 * are anonymous and sorted by commitment, so the file says nothing of casting order.
 */
export const BALLOT_FILE_FORMAT = 'dienhong-election-ballots';
export const BALLOT_FILE_VERSION = 1;

export interface BallotFileRound {
  number: number;
  issued: number;
  present: number;
  withdrawn: string[];
  tieOrder?: string[];
  ballots: PublishedBallot[];
}

/** The result as declared in the file: per round, what the count and the decision were. */
export interface DeclaredRound {
  number: number;
  seats: number;
  candidates: string[];
  received: number;
  valid: number;
  invalid: number;
  blank: number;
  votes: Record<string, number>;
  elected: string[];
  tied: string[];
}

export interface BallotFile {
  format: typeof BALLOT_FILE_FORMAT;
  version: typeof BALLOT_FILE_VERSION;
  election: Election;
  rounds: BallotFileRound[];
  result: { status: string; elected: string[]; rounds: DeclaredRound[] };
}

function declared(result: ElectionResult): BallotFile['result'] {
  return {
    status: result.status,
    elected: result.elected,
    rounds: result.rounds.map(({ round, count, decision }) => ({
      number: round.number,
      seats: round.seats,
      candidates: round.candidateIds,
      received: count.received,
      valid: count.valid,
      invalid: count.invalid,
      blank: count.blank,
      votes: count.votes,
      elected: decision.elected,
      tied: decision.tied,
    })),
  };
}

const byCommitment = (a: PublishedBallot, b: PublishedBallot): number =>
  a.commitment < b.commitment ? -1 : a.commitment > b.commitment ? 1 : 0;

function toInputs(rounds: readonly BallotFileRound[]): RoundInput[] {
  return rounds.map((r) => ({
    ballots: r.ballots.map((b) => ({ kept: b.kept })),
    issued: r.issued,
    present: r.present,
    withdrawn: r.withdrawn,
    ...(r.tieOrder === undefined ? {} : { tieOrder: r.tieOrder }),
  }));
}

function checkCommitments(rounds: readonly BallotFileRound[]): void {
  for (const r of rounds) {
    const seen = new Set<string>();
    for (const b of r.ballots) {
      if (typeof b.commitment !== 'string' || !/^[0-9a-f]{64}$/.test(b.commitment)) {
        throw new ElectionError(
          'bad-ballot-file',
          `Round ${r.number}: a commitment is not 64 hex digits.`,
        );
      }
      if (seen.has(b.commitment)) {
        throw new ElectionError(
          'duplicate-commitment',
          `Round ${r.number}: commitment ${b.commitment} appears twice.`,
        );
      }
      seen.add(b.commitment);
    }
  }
}

/** Writes the file: ballots sorted by commitment, the result computed here and declared. */
export function exportBallotFile(election: Election, rounds: readonly BallotFileRound[]): string {
  const sorted = rounds.map((r) => ({ ...r, ballots: [...r.ballots].sort(byCommitment) }));
  checkCommitments(sorted);
  const file: BallotFile = {
    format: BALLOT_FILE_FORMAT,
    version: BALLOT_FILE_VERSION,
    election,
    rounds: sorted,
    result: declared(runElection(election, toInputs(sorted))),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** JSON with object keys sorted, so a file whose keys were reordered still compares equal. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isRecord(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const count = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const ids = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((x) => typeof x === 'string');

/**
 * Reads a ballot file and recounts it; throws a coded error for a corrupt file, and
 * `result-mismatch` when the declared result is not what its ballots give.
 */
export function recountBallotFile(text: string): ElectionResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ElectionError('bad-ballot-file', 'The ballot file is not JSON.');
  }
  if (!isRecord(raw) || raw.format !== BALLOT_FILE_FORMAT) {
    throw new ElectionError('bad-ballot-file', `Not a ${BALLOT_FILE_FORMAT} file.`);
  }
  if (raw.version !== BALLOT_FILE_VERSION) {
    throw new ElectionError(
      'unsupported-ballot-file-version',
      `Ballot file version ${String(raw.version)} is not supported.`,
    );
  }
  const election = parseElection(raw.election);
  if (!Array.isArray(raw.rounds) || !isRecord(raw.result)) {
    throw new ElectionError('bad-ballot-file', 'The file needs rounds and a result.');
  }
  const rounds: BallotFileRound[] = raw.rounds.map((r: unknown, i: number) => {
    if (
      !isRecord(r) ||
      r.number !== i + 1 ||
      !count(r.issued) ||
      !count(r.present) ||
      !ids(r.withdrawn) ||
      (r.tieOrder !== undefined && !ids(r.tieOrder)) ||
      !Array.isArray(r.ballots) ||
      !r.ballots.every((b) => isRecord(b) && ids(b.kept))
    ) {
      throw new ElectionError('bad-ballot-file', `Round ${i + 1} is malformed.`);
    }
    const ballots = (r.ballots as Record<string, unknown>[]).map((b) => ({
      commitment: b.commitment as string,
      kept: b.kept as string[],
    }));
    for (let k = 1; k < ballots.length; k += 1) {
      if (byCommitment(ballots[k - 1] as PublishedBallot, ballots[k] as PublishedBallot) >= 0) {
        checkCommitments([{ number: i + 1, issued: 0, present: 0, withdrawn: [], ballots }]);
        throw new ElectionError(
          'bad-ballot-file',
          `Round ${i + 1}: ballots are not sorted by commitment.`,
        );
      }
    }
    const round: BallotFileRound = {
      number: i + 1,
      issued: r.issued,
      present: r.present,
      withdrawn: r.withdrawn,
      ballots,
    };
    if (r.tieOrder !== undefined) round.tieOrder = r.tieOrder as string[];
    return round;
  });
  checkCommitments(rounds);
  const result = runElection(election, toInputs(rounds));
  if (canonicalJson(declared(result)) !== canonicalJson(raw.result)) {
    throw new ElectionError(
      'result-mismatch',
      'The declared result differs from the recount of the ballots.',
    );
  }
  return result;
}
