/**
 * `elections` (Y.Map electionId → plain object) of the control document: the live view of each
 * election, replaced whole on every change. Every member syncs this document, so it holds only
 * what anyone may see: while a round is open, ballots received against ballots issued; the
 * count and the decision of a round once the committee has confirmed it (committee.ts). Never a
 * ballot, never who voted. Added after schema version 4 as a new top-level part, like
 * `speakers`: absent reads as no elections, so it needs no migration; an entry this version
 * cannot read is skipped.
 */
import type * as Y from 'yjs';
import type { RoundState } from '../../elections/committee';
import type { ElectionRecord } from '../../elections/conduct';
import { electedSoFar, electionStatus } from '../../elections/conduct';
import type { RoundCount } from '../../elections/count';
import type { ElectionStatus, RoundDecision } from '../../elections/rounds';

export const ELECTIONS = 'elections';

export const electionsMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap<unknown>(ELECTIONS);

export interface ElectionRoundLive {
  number: number;
  seats: number;
  candidateIds: string[];
  state: RoundState;
  issued: number;
  received: number;
  /** Once confirmed; null before. */
  count: RoundCount | null;
  decision: RoundDecision | null;
}

export interface ElectionLive {
  id: string;
  title: string;
  agendaItemId: string;
  seats: number;
  status: ElectionStatus;
  elected: string[];
  rounds: ElectionRoundLive[];
  publishedAt: number | null;
}

const STATES: readonly RoundState[] = ['open', 'counting', 'confirmed'];
type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);
const isIds = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((x) => typeof x === 'string');

/** The live view of a stored election: what the document shows to everyone. */
export function electionLive(record: ElectionRecord): ElectionLive {
  return {
    id: record.election.id,
    title: record.election.title,
    agendaItemId: record.agendaItemId,
    seats: record.election.seats,
    status: electionStatus(record).status,
    elected: electedSoFar(record),
    rounds: record.rounds.map((r) => ({
      number: r.round.number,
      seats: r.round.seats,
      candidateIds: r.round.candidateIds,
      state: r.state,
      issued: r.eligible.length,
      received: r.voters.length,
      count: r.state === 'confirmed' ? r.count : null,
      decision: r.state === 'confirmed' ? r.decision : null,
    })),
    publishedAt: record.publishedAt,
  };
}

function readRound(v: unknown): ElectionRoundLive | null {
  if (!isObject(v) || !isCount(v.number) || !isCount(v.seats) || !isIds(v.candidateIds))
    return null;
  if (!STATES.includes(v.state as RoundState) || !isCount(v.issued) || !isCount(v.received))
    return null;
  return {
    number: v.number,
    seats: v.seats,
    candidateIds: v.candidateIds,
    state: v.state as RoundState,
    issued: v.issued,
    received: v.received,
    count: isObject(v.count) ? (v.count as unknown as RoundCount) : null,
    decision: isObject(v.decision) ? (v.decision as unknown as RoundDecision) : null,
  };
}

/** One election from its stored object; null when it is not one. */
export function readElectionLive(v: unknown): ElectionLive | null {
  if (!isObject(v) || typeof v.id !== 'string' || typeof v.title !== 'string') return null;
  if (typeof v.agendaItemId !== 'string' || !isCount(v.seats) || typeof v.status !== 'string')
    return null;
  return {
    id: v.id,
    title: v.title,
    agendaItemId: v.agendaItemId,
    seats: v.seats,
    status: v.status as ElectionStatus,
    elected: isIds(v.elected) ? v.elected : [],
    rounds: Array.isArray(v.rounds)
      ? v.rounds.map(readRound).filter((r): r is ElectionRoundLive => r !== null)
      : [],
    publishedAt: isCount(v.publishedAt) ? v.publishedAt : null,
  };
}

/** Every election of the meeting, by id. */
export function readElections(doc: Y.Doc): Record<string, ElectionLive> {
  const out: Record<string, ElectionLive> = {};
  electionsMap(doc).forEach((value, id) => {
    const live = readElectionLive(value);
    if (live) out[id] = live;
  });
  return out;
}

/** Server side: stores one election's live view whole (a plain copy). */
export function writeElection(doc: Y.Doc, live: ElectionLive): void {
  electionsMap(doc).set(live.id, JSON.parse(JSON.stringify(live)) as unknown);
}
