/**
 * HTTP API of attendance and live votes, shared by the server (which validates and decides) and
 * the clients (chair panel, ballot card). Every route answers JSON; every refusal is
 * `ApiErrorBody` ({ error: { code, message } }) with a stable code from VoteApiErrorCode.
 *
 * Routes (all need `Authorization: Bearer <token>`; the acting member always comes from the
 * session, never from the body):
 *
 * | route | who | body → answer |
 * |---|---|---|
 * | `POST /api/meetings/:id/attendance` | any member (attendance.checkIn) | CheckInRequest → AttendanceView |
 * | `GET  /api/meetings/:id/attendance` | any member (meeting.view) | → AttendanceView |
 * | `GET  /api/meetings/:id/polls` | any member | → PollView[] (what the control document shows) |
 * | `POST /api/meetings/:id/polls` | chair (poll.manage) | PollDraft (core/votes) → PollView, 201 |
 * | `GET  /api/meetings/:id/polls/:pollId` | any member | → PollView |
 * | `POST /api/meetings/:id/polls/:pollId/open` | chair | (no body) → PollView |
 * | `POST /api/meetings/:id/polls/:pollId/close` | chair | (no body) → PollView |
 * | `POST /api/meetings/:id/polls/:pollId/publish` | chair | (no body) → PollView (with result) |
 * | `POST /api/meetings/:id/polls/:pollId/cancel` | chair | CancelPollRequest → PollView (a reason once closed) |
 * | `GET  /api/meetings/:id/polls/:pollId/result` | chair | → PollResult (closed or published) |
 * | `POST /api/meetings/:id/polls/:pollId/ballots` | eligible voter (ballot.cast) | CastBallotRequest → CastBallotResponse |
 * | `GET  /api/meetings/:id/polls/:pollId/my-ballot` | any member | → MyBallot |
 *
 * An answered (2xx) action is durable: it survives `kill -9` and is already in the control
 * document. Actions on one poll are applied one at a time, so a ballot racing with close is
 * either counted or refused with `poll-not-open`.
 */
import type { AttendanceStatus } from '../meeting/attendance';
import type { MeetingRole } from '../roles/permissions';
import type { PollDraft, PollState } from '../votes/poll';
import type { Tally } from '../votes/tally';
import type { VoteErrorCode } from '../votes/errors';
import { ApiValidationError } from './meetings';
import { objectBody } from './request-body';

// ---------------------------------------------------------------- attendance

/** `POST /api/meetings/:id/attendance`: check oneself in (true) or out (false). */
export interface CheckInRequest {
  present: boolean;
}

/** present, absent, or excused (absent with a reason the chair accepted). */
export type AttendanceState = AttendanceStatus;

export interface AttendanceMemberView {
  memberId: string;
  role: MeetingRole;
  /** Whether the role votes (and so counts towards a quorum): chair, secretary, delegate. */
  votes: boolean;
  status: AttendanceState;
  /** ISO time of the last check in / out; null when the member never checked in. */
  at: string | null;
  /** Why absent or excused, as the chair recorded it; null otherwise. */
  reason: string | null;
  /** ISO time of the first arrival while the meeting ran; null if none. */
  arrivedAt: string | null;
  /** Arrived after khai mạc. */
  late: boolean;
  /** ISO time of an early departure (left a running meeting); null if none. */
  leftAt: string | null;
  /** Who set the status last (the member, or the chair); null when never set. */
  markedBy: string | null;
}

/** Everyone in the meeting with their presence, and the head counts a quorum indicator needs. */
export interface AttendanceView {
  members: AttendanceMemberView[];
  /** Members present, any role. */
  present: number;
  /** Members with a voting role who are present: what a poll's quorum is compared with. */
  presentVoting: number;
  /** Members with a voting role, present or not. */
  votingMembers: number;
}

// ---------------------------------------------------------------- polls

/** `POST …/ballots`: the option chosen. Any other field (e.g. a memberId) is refused. */
/** `POST …/cancel`: the reason, required once the poll has closed (core/votes/lifecycle.ts). */
export interface CancelPollRequest {
  reason?: string;
}

export interface CastBallotRequest {
  optionId: string;
}

export interface CastBallotResponse {
  pollId: string;
  /** Echoed for named polls; null for secret ones (the server keeps no record of it). */
  optionId: string | null;
  /** True when this ballot replaced an earlier one (named polls with allowChange). */
  changed: boolean;
  /** Ballots in the box after this one. */
  voted: number;
  eligible: number;
}

/** One published ballot of a named poll. */
export interface PublishedBallot {
  memberId: string;
  optionId: string;
}

/**
 * The result of a closed poll: the tally (counts, percentages, base, quorum, outcome) and,
 * for named polls, each member's choice (ordered by member id). `ballots` is null for secret
 * polls — nobody, the server included, can say who chose what.
 */
export interface PollResult {
  tally: Tally;
  ballots: PublishedBallot[] | null;
  /**
   * Named polls: the eligible members who cast nothing (the "không tham gia biểu quyết" of the
   * named list), ordered by member id. Null for secret polls: never a name list there.
   */
  notVoted: string[] | null;
}

/**
 * A poll as every member may see it — exactly what the control document holds under
 * `polls/<pollId>` (core/docs/control/polls.ts reads it). Never per-option counts while the poll is
 * open or closed-but-unpublished; the result appears only once published.
 */
export interface PollView extends PollDraft {
  id: string;
  state: PollState;
  /** Epoch milliseconds; null until the step happened. */
  createdAt: number;
  openedAt: number | null;
  closedAt: number | null;
  publishedAt: number | null;
  cancelledAt: number | null;
  /** Why the chair cancelled it (always set when it was cancelled after closing); null otherwise. */
  cancelledReason: string | null;
  /** Members allowed to vote, frozen when the poll opened (present, voting role); [] before. */
  eligible: string[];
  /** Latecomers the chair admitted while it was open (also in `eligible`), in order; [] if none. */
  admitted: { memberId: string; at: number }[];
  /** Members with a voting role when the poll opened (the 'members' base); null before. */
  memberCount: number | null;
  /**
   * Who has voted, sorted by member id; never what. Empty while a secret poll is open: the room
   * then sees only `ballotsCast` (a voter list growing ballot by ballot would keep the voting
   * order), and the roll appears once, sorted, when the poll closes.
   */
  voters: string[];
  /** How many ballots are in (every kind, every state); the only live figure of a secret poll. */
  ballotsCast: number;
  /** Set when published (and kept if a published poll is then cancelled); null otherwise. */
  result: PollResult | null;
}

/** `GET …/my-ballot`: the caller's own ballot. */
export interface MyBallot {
  pollId: string;
  /** Whether the caller may vote in this poll (was present with a voting role when it opened). */
  eligible: boolean;
  voted: boolean;
  /** The recorded choice in a named poll; always null in a secret poll. */
  optionId: string | null;
  castAt: number | null;
}

// ---------------------------------------------------------------- errors

/** Codes the votes and attendance API answers with, beyond those of core/votes. */
export type VoteApiErrorCode =
  | VoteErrorCode
  | 'poll-not-found'
  | 'unknown-agenda-item'
  | 'result-not-ready'
  | 'invalid-body'
  | 'invalid-field'
  | 'unknown-field'
  | 'forbidden'
  | 'meeting-not-found';

const STATUS: Partial<Record<VoteErrorCode, number>> = {
  'not-eligible': 403,
  'no-eligible-members': 409,
  'poll-not-draft': 409,
  'poll-not-open': 409,
  'poll-not-closed': 409,
  'poll-not-cancellable': 409,
  'cancel-reason-required': 409,
  'already-voted': 409,
  'already-eligible': 409,
  // These mean stored data is wrong, not that the client is.
  'ballot-box-mismatch': 500,
  'bad-tally-context': 500,
  'inconsistent-ballots': 500,
};

/**
 * HTTP status for a refusal of the vote model: 409 when the poll's state forbids it right now,
 * 403 when this member may not, 400 when the request itself is malformed.
 */
export function voteErrorStatus(code: VoteErrorCode): number {
  return STATUS[code] ?? 400;
}

// ---------------------------------------------------------------- request parsing

export function parseCheckInRequest(body: unknown): CheckInRequest {
  const { present } = objectBody(body, ['present']);
  if (typeof present !== 'boolean') {
    throw new ApiValidationError('invalid-field', 'present', 'present must be true or false.');
  }
  return { present };
}

export function parseCancelPollRequest(body: unknown): CancelPollRequest {
  const { reason } = objectBody(body, ['reason']);
  if (reason === undefined || reason === null) return {};
  if (typeof reason !== 'string') {
    throw new ApiValidationError('invalid-field', 'reason', 'reason must be text.');
  }
  return { reason };
}

export function parseCastBallotRequest(body: unknown): CastBallotRequest {
  const { optionId } = objectBody(body, ['optionId']);
  if (typeof optionId !== 'string' || optionId === '' || optionId.length > 64) {
    throw new ApiValidationError('invalid-field', 'optionId', 'optionId must name an option.');
  }
  return { optionId };
}
