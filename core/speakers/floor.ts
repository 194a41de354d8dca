/**
 * The speakers list of one agenda item (đăng ký phát biểu), as pure rules the server decides by
 * and the UI reads. A member asks for the floor (a speech, a reply/question, or a point of
 * order) and may withdraw; the chair orders the queue, accepts a point of order (it then jumps
 * ahead of every other request, after earlier accepted ones), gives the floor and stops the
 * speaker. Who spoke, of what kind, from when to when, is kept in order for the minutes.
 * Every step returns a new state and leaves its argument untouched; a refusal throws.
 */
import { CodedError } from '../errors/coded-error';

export type SpeechKind = 'speech' | 'reply' | 'point-of-order';
export const SPEECH_KINDS: readonly SpeechKind[] = ['speech', 'reply', 'point-of-order'];

export interface FloorRequest {
  id: string;
  memberId: string;
  kind: SpeechKind;
  /** Epoch ms. */
  requestedAt: number;
  /** A point of order the chair accepted: it goes ahead of the other requests. */
  accepted: boolean;
}

export interface FloorTurn {
  id: string;
  memberId: string;
  kind: SpeechKind;
  startedAt: number;
  /** Null while speaking. */
  endedAt: number | null;
}

export interface FloorState {
  /** Requests waiting, in the order they will be called. */
  queue: FloorRequest[];
  /** Who has the floor now. */
  current: FloorTurn | null;
  /** Who spoke, in order (the minutes print this). */
  spoken: FloorTurn[];
  /** Per-speaker limit in seconds (0: none), and when the warning shows before it. */
  limitSeconds: number;
  warnSeconds: number;
}

export const EMPTY_FLOOR: FloorState = {
  queue: [],
  current: null,
  spoken: [],
  limitSeconds: 180,
  warnSeconds: 30,
};

/** Bounds that keep one item's list from growing without end (one member cannot fill it). */
export const FLOOR_LIMITS = { queue: 500, spoken: 2000, limitSeconds: 3600 } as const;

export type FloorErrorCode =
  | 'floor-already-requested'
  | 'floor-already-speaking'
  | 'floor-request-not-found'
  | 'floor-queue-full'
  | 'floor-nobody-speaking'
  | 'floor-not-point-of-order'
  | 'floor-bad-limit';

export class FloorError extends CodedError<FloorErrorCode> {
  override name = 'FloorError';
}

const pending = (s: FloorState, memberId: string) => s.queue.find((r) => r.memberId === memberId);

/** A member asks for the floor; one waiting request per member (withdraw to change its kind). */
export function requestFloor(
  s: FloorState,
  r: { id: string; memberId: string; kind: SpeechKind; now: number },
): FloorState {
  if (pending(s, r.memberId))
    throw new FloorError('floor-already-requested', 'You have already asked for the floor.');
  if (s.current?.memberId === r.memberId)
    throw new FloorError('floor-already-speaking', 'You have the floor now.');
  if (s.queue.length >= FLOOR_LIMITS.queue)
    throw new FloorError('floor-queue-full', 'The speakers list is full.');
  const request: FloorRequest = {
    id: r.id,
    memberId: r.memberId,
    kind: r.kind,
    requestedAt: r.now,
    accepted: false,
  };
  return { ...s, queue: [...s.queue, request] };
}

/** The member withdraws their own request. */
export function withdrawFloor(s: FloorState, memberId: string): FloorState {
  if (!pending(s, memberId))
    throw new FloorError('floor-request-not-found', 'You have not asked for the floor.');
  return { ...s, queue: s.queue.filter((r) => r.memberId !== memberId) };
}

function requestById(s: FloorState, requestId: string): FloorRequest {
  const found = s.queue.find((r) => r.id === requestId);
  if (!found) throw new FloorError('floor-request-not-found', 'No such request on the list.');
  return found;
}

/** The chair removes a request (a member who left, a duplicate). */
export function removeRequest(s: FloorState, requestId: string): FloorState {
  requestById(s, requestId);
  return { ...s, queue: s.queue.filter((r) => r.id !== requestId) };
}

/**
 * The chair moves a request to a place in the queue (0 = next). Accepted points of order stay
 * ahead of everything else: a plain request cannot be moved above them.
 */
export function moveRequest(s: FloorState, requestId: string, index: number): FloorState {
  const moving = requestById(s, requestId);
  const rest = s.queue.filter((r) => r.id !== requestId);
  const floor = moving.accepted ? 0 : rest.filter((r) => r.accepted).length;
  const at = Math.max(floor, Math.min(rest.length, Math.trunc(index)));
  return { ...s, queue: [...rest.slice(0, at), moving, ...rest.slice(at)] };
}

/** The chair accepts a point of order: it goes after the points of order already accepted. */
export function acceptPointOfOrder(s: FloorState, requestId: string): FloorState {
  const request = requestById(s, requestId);
  if (request.kind !== 'point-of-order')
    throw new FloorError('floor-not-point-of-order', 'Only a point of order jumps the queue.');
  const rest = s.queue.filter((r) => r.id !== requestId);
  const ahead = rest.filter((r) => r.accepted).length;
  const accepted = { ...request, accepted: true };
  return { ...s, queue: [...rest.slice(0, ahead), accepted, ...rest.slice(ahead)] };
}

function endCurrent(s: FloorState, now: number): FloorState {
  if (!s.current) return s;
  const ended = { ...s.current, endedAt: Math.max(now, s.current.startedAt) };
  const spoken = [...s.spoken, ended].slice(-FLOOR_LIMITS.spoken);
  return { ...s, current: null, spoken };
}

/**
 * The chair gives the floor to a request (default: the first in the queue); whoever was
 * speaking is stopped first.
 */
export function giveFloor(
  s: FloorState,
  g: { requestId?: string; turnId: string; now: number },
): FloorState {
  const request = g.requestId ? requestById(s, g.requestId) : s.queue[0];
  if (!request) throw new FloorError('floor-request-not-found', 'Nobody is waiting to speak.');
  const stopped = endCurrent(s, g.now);
  return {
    ...stopped,
    queue: stopped.queue.filter((r) => r.id !== request.id),
    current: {
      id: g.turnId,
      memberId: request.memberId,
      kind: request.kind,
      startedAt: g.now,
      endedAt: null,
    },
  };
}

/** The chair ends the current speech (or the speaker yields). */
export function stopSpeaker(s: FloorState, now: number): FloorState {
  if (!s.current) throw new FloorError('floor-nobody-speaking', 'Nobody has the floor.');
  return endCurrent(s, now);
}

/** The chair sets the per-speaker limit (0: none) and the warning before it. */
export function setSpeakingLimit(
  s: FloorState,
  limitSeconds: number,
  warnSeconds: number,
): FloorState {
  const ok = (n: number) => Number.isInteger(n) && n >= 0 && n <= FLOOR_LIMITS.limitSeconds;
  if (!ok(limitSeconds) || !ok(warnSeconds) || (limitSeconds > 0 && warnSeconds >= limitSeconds))
    throw new FloorError(
      'floor-bad-limit',
      'The limit is whole seconds up to an hour, and the warning comes before it.',
    );
  return { ...s, limitSeconds, warnSeconds };
}
