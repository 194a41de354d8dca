/**
 * `polls` of the control document, read and written in one place so the server and the UI
 * agree on the shape:
 *
 * - `polls` (Y.Map pollId → Y.Map): the PollView fields (core/api/votes.ts) as plain values,
 *   except `voters`:
 *   - named poll: a nested Y.Map memberId → true, so each ballot adds one small key instead of
 *     rewriting a list that every client must download again;
 *   - secret poll: absent while open — only `ballotsCast` (a number) moves, because one key
 *     per ballot would keep the voting order in the Yjs items' clocks, in every client's copy
 *     and in the server's update log — then, from close on, a plain array of member ids,
 *     sorted, written once in one transaction, so neither its content nor its items hold an
 *     order (issue 10 §3).
 *
 * Only the server writes; readers skip anything malformed rather than throw, because a client
 * cannot repair the document anyway.
 */
import * as Y from 'yjs';
import type { PollResult, PollView } from '../../api/votes';
import { MAJORITY_BASES, MAJORITY_RULES, POLL_KINDS, type PollOption } from '../../votes/poll';
import { nestedMap, readNestedMaps } from '../values';

export const POLLS = 'polls';

export const pollsMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap<unknown>(POLLS);

const POLL_STATES: readonly string[] = ['draft', 'open', 'closed', 'published', 'cancelled'];

/** The plain (non-Yjs) fields of a poll entry; `voters` is the nested map. */
const PLAIN_FIELDS = [
  'id',
  'agendaItemId',
  'title',
  'kind',
  'options',
  'rule',
  'base',
  'quorum',
  'allowChange',
  'state',
  'createdAt',
  'openedAt',
  'closedAt',
  'publishedAt',
  'cancelledAt',
  'cancelledReason',
  'eligible',
  'admitted',
  'memberCount',
  'result',
] as const satisfies readonly (keyof PollView)[];

const isString = (v: unknown): v is string => typeof v === 'string';
const isCount = (v: unknown): v is number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const timeOrNull = (v: unknown): number | null =>
  typeof v === 'number' && Number.isFinite(v) ? v : null;
const oneOf = <T extends string>(list: readonly T[], v: unknown): v is T =>
  typeof v === 'string' && (list as readonly string[]).includes(v);

function readOptions(value: unknown): PollOption[] | null {
  if (!Array.isArray(value)) return null;
  const options: PollOption[] = [];
  for (const o of value as unknown[]) {
    if (typeof o !== 'object' || o === null) return null;
    const { id, label, labelKey } = o as Record<string, unknown>;
    if (!isString(id) || !isString(label)) return null;
    options.push(isString(labelKey) ? { id, label, labelKey } : { id, label });
  }
  return options;
}

function readResult(value: unknown): PollResult | null {
  if (typeof value !== 'object' || value === null) return null;
  const { tally, ballots, notVoted } = value as Record<string, unknown>;
  if (typeof tally !== 'object' || tally === null) return null;
  // Written by the server from core/votes' tally(); only its presence is checked here.
  const named = Array.isArray(ballots);
  return {
    tally: tally as PollResult['tally'],
    ballots: named ? (ballots as PollResult['ballots']) : null,
    // Never a name list for a secret poll, whatever the document holds.
    notVoted: named && Array.isArray(notVoted) ? (notVoted as unknown[]).filter(isString) : null,
  };
}

/** Admitted latecomers; entries written before the field existed are simply absent ([]). */
function readAdmitted(value: unknown): PollView['admitted'] {
  if (!Array.isArray(value)) return [];
  const admitted: PollView['admitted'] = [];
  for (const a of value as unknown[]) {
    if (typeof a !== 'object' || a === null) continue;
    const { memberId, at } = a as Record<string, unknown>;
    const time = timeOrNull(at);
    if (isString(memberId) && time !== null) admitted.push({ memberId, at: time });
  }
  return admitted;
}

/** The voter roll: a named poll's map (or an older secret poll's), or a closed secret poll's list. */
function readVoters(value: unknown): string[] {
  const voters: string[] = [];
  if (value instanceof Y.Map) value.forEach((_v, memberId) => voters.push(memberId));
  else if (Array.isArray(value)) voters.push(...(value as unknown[]).filter(isString));
  return [...new Set(voters)].sort();
}

/** One poll entry as a PollView, or null when it is malformed. */
function readPollEntry(entry: Y.Map<unknown>): PollView | null {
  const get = (key: string): unknown => entry.get(key);
  const id = get('id');
  const agendaItemId = get('agendaItemId');
  const title = get('title');
  const kind = get('kind');
  const rule = get('rule');
  const base = get('base');
  const state = get('state');
  const quorum = get('quorum');
  const allowChange = get('allowChange');
  const createdAt = timeOrNull(get('createdAt'));
  const options = readOptions(get('options'));
  if (
    !isString(id) ||
    !isString(agendaItemId) ||
    !isString(title) ||
    !oneOf(POLL_KINDS, kind) ||
    !oneOf(MAJORITY_RULES, rule) ||
    !oneOf(MAJORITY_BASES, base) ||
    !oneOf(POLL_STATES as readonly PollView['state'][], state) ||
    !isCount(quorum) ||
    typeof allowChange !== 'boolean' ||
    createdAt === null ||
    options === null
  ) {
    return null;
  }
  const eligible = get('eligible');
  const memberCount = get('memberCount');
  const voters = readVoters(get('voters'));
  const ballotsCast = get('ballotsCast');
  const cancelledReason = get('cancelledReason');
  return {
    id,
    agendaItemId,
    title,
    kind,
    options,
    rule,
    base,
    quorum,
    allowChange,
    state,
    createdAt,
    openedAt: timeOrNull(get('openedAt')),
    closedAt: timeOrNull(get('closedAt')),
    publishedAt: timeOrNull(get('publishedAt')),
    cancelledAt: timeOrNull(get('cancelledAt')),
    cancelledReason: isString(cancelledReason) ? cancelledReason : null,
    eligible: Array.isArray(eligible) ? (eligible as unknown[]).filter(isString) : [],
    admitted: readAdmitted(get('admitted')),
    memberCount: isCount(memberCount) ? memberCount : null,
    voters,
    ballotsCast: isCount(ballotsCast) ? Math.max(ballotsCast, voters.length) : voters.length,
    result: readResult(get('result')),
  };
}

/** Every well-formed poll in the document, oldest first. */
export function readPolls(doc: Y.Doc): PollView[] {
  const polls: PollView[] = [];
  for (const entry of readNestedMaps(pollsMap(doc)).values()) {
    const poll = readPollEntry(entry);
    if (poll) polls.push(poll);
  }
  return polls.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

export function readPoll(doc: Y.Doc, pollId: string): PollView | null {
  const entry = pollsMap(doc).get(pollId);
  return entry instanceof Y.Map ? readPollEntry(entry as Y.Map<unknown>) : null;
}

const same = (a: unknown, b: unknown): boolean =>
  a === b || JSON.stringify(a) === JSON.stringify(b);

/**
 * Server side: makes the entry for `view.id` equal to `view`, touching only what changed, so
 * a named ballot costs clients one added voter key and a secret one a new count. Call inside
 * rooms.transact.
 */
export function writePoll(doc: Y.Doc, view: PollView): void {
  const map = nestedMap(pollsMap(doc), view.id);
  for (const key of PLAIN_FIELDS) {
    const value = view[key];
    if (!same(map.get(key), value)) map.set(key, value);
  }
  if (view.kind === 'secret') writeSecretRoll(map, view);
  else writeNamedVoters(map, view);
}

/**
 * A secret poll: the count while open; the roll, sorted, in one write once the view carries it
 * (pollView leaves it empty while open). An older version's per-ballot map is dropped.
 */
function writeSecretRoll(map: Y.Map<unknown>, view: PollView): void {
  if (map.get('ballotsCast') !== view.ballotsCast) map.set('ballotsCast', view.ballotsCast);
  const roll = [...view.voters].sort();
  const current = map.get('voters');
  if (roll.length === 0) {
    if (current !== undefined) map.delete('voters');
  } else if (!Array.isArray(current) || !same(current, roll)) {
    map.set('voters', roll);
  }
}

/** A named poll: one key per voter, added as they vote (who voted for what is public anyway). */
function writeNamedVoters(map: Y.Map<unknown>, view: PollView): void {
  const votersMap = nestedMap(map, 'voters');
  const wanted = new Set(view.voters);
  for (const memberId of [...votersMap.keys()]) {
    if (!wanted.has(memberId)) votersMap.delete(memberId);
  }
  for (const memberId of view.voters) {
    if (!votersMap.has(memberId)) votersMap.set(memberId, true);
  }
}
