/**
 * HTTP API of elections (bầu cử) run by the server: the chair defines and publishes, the
 * vote-counting committee (canInElection) opens, closes and confirms rounds, voters cast one
 * secret ballot per round. Every refusal is ApiErrorBody with a stable code.
 *
 * | route | who | body → answer |
 * |---|---|---|
 * | `GET  /api/meetings/:id/elections` | any member | → ElectionView[] |
 * | `POST /api/meetings/:id/elections` | chair (election.manage) | CreateElectionRequest → ElectionView, 201 |
 * | `GET  /api/meetings/:id/elections/:electionId` | any member | → ElectionView |
 * | `POST …/:electionId/rounds` | committee (election.count.open) | (none) → ElectionView |
 * | `POST …/:electionId/rounds/:round/close` | committee (election.count.close) | (none) → ElectionView |
 * | `POST …/:electionId/rounds/:round/confirm` | committee (election.count.confirm) | ConfirmRoundRequest → ElectionView |
 * | `POST …/:electionId/publish` | chair (election.manage) | (none) → ElectionView |
 * | `POST …/:electionId/rounds/:round/ballots` | voter handed a ballot | CastElectionBallotRequest → CastElectionBallotResponse |
 * | `GET  …/:electionId/rounds/:round/ballots` | who may see anonymous ballots (committee.ts) | → PublishedBallot[] |
 */
import { maySee } from '../elections/committee';
import {
  electedSoFar,
  electionStatus,
  type ElectionRecord,
  type RoundRecord,
} from '../elections/conduct';
import type { Election } from '../elections/election';
import type { PublishedBallot } from '../elections/receipt';
import type { ElectionErrorCode } from '../elections/errors';
import type { RoundState } from '../elections/committee';
import type { Round } from '../elections/ballot';
import type { RoundCount } from '../elections/count';
import type { ElectionStatus, RoundDecision } from '../elections/rounds';
import { ApiValidationError } from './meetings';
import { objectBody } from './request-body';

/** The election as the chair defines it; the server gives it its id. */
export interface CreateElectionRequest {
  agendaItemId: string;
  election: Omit<Election, 'id' | 'preliminaries'>;
  /** Member ids of the vote-counting committee. */
  committee: string[];
}

/** `POST …/confirm`: the recorded lot or age order, when a tie at the last seat needs one. */
export interface ConfirmRoundRequest {
  tieOrder?: string[];
}

/**
 * `POST …/ballots`: the names kept (every other name is struck) and the commitment
 * (receipt.ts commitBallot) the voter's client computed with its own secret.
 */
export interface CastElectionBallotRequest {
  kept: string[];
  commitment: string;
}

/** With the secret the client drew, this is the voter's BallotReceipt (receipt.ts). */
export interface CastElectionBallotResponse {
  electionId: string;
  round: number;
  commitment: string;
  kept: string[];
  received: number;
  issued: number;
}

/** One round as the caller may see it (committee.ts ROUND_VISIBILITY). */
export interface RoundView {
  round: Round;
  state: RoundState;
  /** Ballots handed out (present voters at open). */
  issued: number;
  /** Ballots received: the committee sees it while open, everyone once confirmed. */
  received: number | null;
  /** Whether the caller has voted in this round. */
  voted: boolean;
  /** After close, for the committee; for everyone once confirmed. */
  count: RoundCount | null;
  decision: RoundDecision | null;
}

export interface ElectionView {
  election: Election;
  agendaItemId: string;
  committee: string[];
  onCommittee: boolean;
  rounds: RoundView[];
  /** rounds.ts status after the confirmed rounds. */
  status: ElectionStatus;
  /** Elected so far, in confirmed rounds. */
  elected: string[];
  publishedAt: string | null;
}

const STATUS: Partial<Record<ElectionErrorCode, number>> = {
  'round-in-progress': 409,
  'election-complete': 409,
  'election-published': 409,
  'no-voters': 409,
  'wrong-round': 409,
  'round-not-open': 409,
  'round-not-counted': 409,
  'not-eligible': 403,
  'already-voted': 409,
  'duplicate-commitment': 409,
  'tie-order-required': 409,
  'urn-mismatch': 500,
};

export function electionErrorStatus(code: ElectionErrorCode): number {
  return STATUS[code] ?? 400;
}

const isIdList = (value: unknown): value is string[] =>
  Array.isArray(value) &&
  value.length <= 500 &&
  value.every((v) => typeof v === 'string' && v.length >= 1 && v.length <= 128);

/** Shape only; the election itself is checked by core/elections parseElection. */
export function parseCreateElectionRequest(body: unknown): CreateElectionRequest {
  const b = objectBody(body, ['agendaItemId', 'election', 'committee']);
  if (typeof b.agendaItemId !== 'string' || b.agendaItemId === '') {
    throw new ApiValidationError('invalid-field', 'agendaItemId', 'agendaItemId is required.');
  }
  if (typeof b.election !== 'object' || b.election === null || Array.isArray(b.election)) {
    throw new ApiValidationError('invalid-field', 'election', 'election must be an object.');
  }
  if (!isIdList(b.committee)) {
    throw new ApiValidationError('invalid-field', 'committee', 'committee lists member ids.');
  }
  return {
    agendaItemId: b.agendaItemId,
    election: b.election as CreateElectionRequest['election'],
    committee: b.committee,
  };
}

export function parseConfirmRoundRequest(body: unknown): ConfirmRoundRequest {
  const b = objectBody(body ?? {}, ['tieOrder']);
  if (b.tieOrder === undefined) return {};
  if (!isIdList(b.tieOrder)) {
    throw new ApiValidationError('invalid-field', 'tieOrder', 'tieOrder lists candidate ids.');
  }
  return { tieOrder: b.tieOrder };
}

/** Shape only: the ballot is checked against its round (unknown, duplicate) in order. */
export function parseCastElectionBallotRequest(body: unknown): CastElectionBallotRequest {
  const b = objectBody(body, ['kept', 'commitment']);
  if (!Array.isArray(b.kept) || b.kept.length > 200) {
    throw new ApiValidationError('invalid-field', 'kept', 'kept lists candidate ids.');
  }
  if (typeof b.commitment !== 'string') {
    throw new ApiValidationError('invalid-field', 'commitment', 'commitment is required.');
  }
  return { kept: b.kept as string[], commitment: b.commitment };
}

// ---------------------------------------------------------------- views

function roundView(round: RoundRecord, onCommittee: boolean, memberId: string): RoundView {
  const see = (view: Parameters<typeof maySee>[2]) => maySee(round.state, onCommittee, view);
  return {
    round: round.round,
    state: round.state,
    issued: round.eligible.length,
    received: see('received-count') ? round.voters.length : null,
    voted: round.voters.includes(memberId),
    count: see('count') ? round.count : null,
    decision: see('result') ? round.decision : null,
  };
}

/** What `memberId` may see of an election: choices never, counts once the rules allow. */
export function electionView(record: ElectionRecord, memberId: string): ElectionView {
  const onCommittee = record.committee.includes(memberId);
  return {
    election: record.election,
    agendaItemId: record.agendaItemId,
    committee: record.committee,
    onCommittee,
    rounds: record.rounds.map((r) => roundView(r, onCommittee, memberId)),
    status: electionStatus(record).status,
    elected: electedSoFar(record),
    publishedAt: record.publishedAt === null ? null : new Date(record.publishedAt).toISOString(),
  };
}

/** The anonymous ballots of a round, or null when the caller may not see them yet. */
export function visibleBallots(round: RoundRecord, onCommittee: boolean): PublishedBallot[] | null {
  if (!maySee(round.state, onCommittee, 'anonymous-ballots')) return null;
  return round.ballots;
}
