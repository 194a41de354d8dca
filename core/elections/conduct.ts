import { parseElectionBallot, type ElectionBallot, type Round } from './ballot';
import { countRound, type RoundCount } from './count';
import type { Election } from './election';
import type { RoundState } from './committee';
import { ElectionError } from './errors';
import type { PublishedBallot } from './receipt';
import { decideRound, nextRound, type ElectionStatus, type RoundDecision } from './rounds';

/**
 * An election as the server runs it, round by round: the rules (rounds.ts, count.ts) applied to
 * requests in the order the server serialises them. Pure: every step returns a new record and a
 * refused step throws an ElectionError, leaving the record as it was.
 *
 * Secrecy: while a round is open the record keeps who has voted (`voters`, sorted) and keyed
 * tags of the commitments received (`tags`, sorted, to refuse a replayed ballot), never a choice
 * nor a commitment: the ballots travel sealed (the server's urn) and come back only at close,
 * all at once, as `ballots` sorted by commitment. The tag key is the round's urn key, destroyed
 * once counted, so no stored version of the record pairs a voter with a published ballot.
 */
export interface RoundRecord {
  round: Round;
  state: RoundState;
  /** Present voters when the round opened, sorted: who is handed a ballot (phiếu phát ra). */
  eligible: string[];
  /** Who has voted in this round, sorted. */
  voters: string[];
  /** Keyed tags of the commitments received, sorted, while open; a ballot is taken once. */
  tags: string[];
  /** After close: every ballot, sorted by commitment (the published list). */
  ballots: PublishedBallot[] | null;
  count: RoundCount | null;
  decision: RoundDecision | null;
}

export interface ElectionRecord {
  meetingId: string;
  agendaItemId: string;
  election: Election;
  /** The vote-counting committee (ban kiểm phiếu): member ids. */
  committee: string[];
  createdBy: string;
  createdAt: number;
  rounds: RoundRecord[];
  publishedAt: number | null;
}

/** What a round closing needs from outside: the opened urn of the round. */
export type OpenUrn = () => { commitment: string; ballot: ElectionBallot }[];

const COMMITMENT = /^[0-9a-f]{64}$/;

function fail(code: ConstructorParameters<typeof ElectionError>[0], message: string): never {
  throw new ElectionError(code, message);
}

const insertSorted = (list: readonly string[], value: string): string[] => [...list, value].sort();

export function currentRound(record: ElectionRecord): RoundRecord | undefined {
  return record.rounds[record.rounds.length - 1];
}

/** The status after the confirmed rounds (rounds.ts nextRound), and the next round if any. */
export function electionStatus(record: ElectionRecord): {
  status: ElectionStatus;
  round?: Round;
} {
  const done = record.rounds.filter((r) => r.state === 'confirmed');
  return nextRound(
    record.election,
    done.map((r) => r.round),
    done.map((r) => r.decision as RoundDecision),
    done.map((r) => r.count as RoundCount),
  );
}

export function newElectionRecord(
  meetingId: string,
  agendaItemId: string,
  election: Election,
  committee: readonly string[],
  createdBy: string,
  now: number,
): ElectionRecord {
  if (committee.length === 0) fail('bad-committee', 'The committee needs at least one member.');
  return {
    meetingId,
    agendaItemId,
    election,
    committee: [...new Set(committee)].sort(),
    createdBy,
    createdAt: now,
    rounds: [],
    publishedAt: null,
  };
}

/** Opens the next round for the present voters; refused while a round is in progress. */
export function openRound(record: ElectionRecord, present: readonly string[]): ElectionRecord {
  if (record.publishedAt !== null) fail('election-published', 'The election is published.');
  const last = currentRound(record);
  if (last !== undefined && last.state !== 'confirmed') {
    fail('round-in-progress', `Round ${last.round.number} is not confirmed yet.`);
  }
  const plan = electionStatus(record);
  if (plan.round === undefined)
    fail('election-complete', `No further round: the election is ${plan.status}.`);
  if (present.length === 0) fail('no-voters', 'Nobody with a vote is present.');
  const round: RoundRecord = {
    round: plan.round,
    state: 'open',
    eligible: [...new Set(present)].sort(),
    voters: [],
    tags: [],
    ballots: null,
    count: null,
    decision: null,
  };
  return { ...record, rounds: [...record.rounds, round] };
}

function withLast(record: ElectionRecord, round: RoundRecord): ElectionRecord {
  return { ...record, rounds: [...record.rounds.slice(0, -1), round] };
}

/** The round a request names, which must be the current one. */
function roundNamed(record: ElectionRecord, number: number): RoundRecord {
  const last = currentRound(record);
  if (last === undefined || last.round.number !== number) {
    fail('wrong-round', `Round ${number} is not the current round of this election.`);
  }
  return last;
}

/**
 * Checks one ballot and records that `memberId` voted. Returns the canonical ballot, which the
 * caller seals into the urn; the record itself never holds it. A ballot keeping more names than
 * seats is accepted (it is counted as invalid, as on paper); a malformed one is refused.
 */
export function castElectionBallot(
  record: ElectionRecord,
  memberId: string,
  roundNumber: number,
  input: { kept: unknown; commitment: unknown },
  /** The keyed tag of a commitment (a MAC under the round's urn key). */
  tagOf: (commitment: string) => string,
): { record: ElectionRecord; ballot: ElectionBallot; commitment: string } {
  const round = roundNamed(record, roundNumber);
  if (round.state !== 'open') fail('round-not-open', 'This round is not open.');
  if (!round.eligible.includes(memberId))
    fail('not-eligible', 'You were not handed a ballot in this round.');
  if (round.voters.includes(memberId))
    fail('already-voted', 'You have voted in this round already.');
  const ballot = parseElectionBallot(round.round, { kept: input.kept });
  const commitment = input.commitment;
  if (typeof commitment !== 'string' || !COMMITMENT.test(commitment)) {
    fail('bad-commitment', 'The commitment must be 64 lower-case hex digits.');
  }
  const tag = tagOf(commitment);
  if (round.tags.includes(tag)) fail('duplicate-commitment', 'This ballot was received already.');
  const next: RoundRecord = {
    ...round,
    voters: insertSorted(round.voters, memberId),
    tags: insertSorted(round.tags, tag),
  };
  return { record: withLast(record, next), ballot, commitment };
}

/** Closes the box and counts: the one moment choices come to exist on the server, all at once. */
export function closeRound(
  record: ElectionRecord,
  roundNumber: number,
  openUrn: OpenUrn,
): ElectionRecord {
  const round = roundNamed(record, roundNumber);
  if (round.state !== 'open') fail('round-not-open', 'This round is not open.');
  const opened = openUrn();
  const commitments = new Set(opened.map((b) => b.commitment));
  if (opened.length !== round.voters.length || commitments.size !== opened.length) {
    fail('urn-mismatch', 'The urn does not hold the ballots received.');
  }
  // Checked again against the round: a sealed ballot that is not one of its shape is not counted.
  const ballots = opened
    .map((b) => ({
      commitment: b.commitment,
      kept: parseElectionBallot(round.round, b.ballot).kept,
    }))
    .sort((a, b) => (a.commitment < b.commitment ? -1 : 1));
  const count = countRound(
    round.round,
    ballots.map((b) => ({ kept: b.kept })),
    { issued: round.eligible.length, present: round.eligible.length },
  );
  return withLast(record, { ...round, state: 'counting', tags: [], ballots, count });
}

/** The committee confirms the count; the round's decision is taken (rounds.ts decideRound). */
export function confirmRound(
  record: ElectionRecord,
  roundNumber: number,
  tieOrder?: readonly string[],
): ElectionRecord {
  const round = roundNamed(record, roundNumber);
  if (round.state !== 'counting') fail('round-not-counted', 'This round is not counted yet.');
  const decision = decideRound(record.election, round.round, round.count as RoundCount, tieOrder);
  return withLast(record, { ...round, state: 'confirmed', decision });
}

/** The chair publishes once no round is in progress and at least one is confirmed. */
export function publishElection(record: ElectionRecord, now: number): ElectionRecord {
  if (record.publishedAt !== null) fail('election-published', 'The election is published.');
  const last = currentRound(record);
  if (last === undefined || last.state !== 'confirmed') {
    fail('round-in-progress', 'Publish once the last round is confirmed.');
  }
  return { ...record, publishedAt: now };
}

/** Everyone elected so far, round by round. */
export function electedSoFar(record: ElectionRecord): string[] {
  return record.rounds.flatMap((r) => r.decision?.elected ?? []);
}
