/**
 * The meeting's own lifecycle, run by the chair: scheduled → open ⇄ paused → closed (khai mạc,
 * tạm dừng / tiếp tục, bế mạc). Pure rules the server decides by and the UI reads: which step
 * may follow which, and what the meeting's state allows (check-in, ballots, opening a poll,
 * moving the current item). Each step returns a new state and leaves its argument untouched.
 */
import { CodedError } from '../errors/coded-error';

export type MeetingLifecycle = 'scheduled' | 'open' | 'paused' | 'closed';
export const MEETING_LIFECYCLES: readonly MeetingLifecycle[] = [
  'scheduled',
  'open',
  'paused',
  'closed',
];

export type LifecycleEventKind = 'open' | 'pause' | 'resume' | 'close';
export const LIFECYCLE_EVENT_KINDS: readonly LifecycleEventKind[] = [
  'open',
  'pause',
  'resume',
  'close',
];

/** One step the chair took: what, when (ISO) and who (member id). */
export interface LifecycleEvent {
  kind: LifecycleEventKind;
  at: string;
  by: string;
}

/** The lifecycle fields of the control document's `meta` (names agreed with the minutes code). */
export interface MeetingLifecycleState {
  lifecycle: MeetingLifecycle;
  /** ISO time of khai mạc (the first 'open' event); null before. */
  openedAt: string | null;
  /** ISO time of bế mạc; null before. */
  closedAt: string | null;
  /** The agenda item the chair has everyone on; null before the chair sets one. */
  currentItemId: string | null;
  events: LifecycleEvent[];
}

export const SCHEDULED: MeetingLifecycleState = {
  lifecycle: 'scheduled',
  openedAt: null,
  closedAt: null,
  currentItemId: null,
  events: [],
};

export type MeetingLifecycleErrorCode =
  | 'meeting-transition-refused'
  | 'meeting-not-opened'
  | 'meeting-paused'
  | 'meeting-closed'
  | 'meeting-bad-time';

export class MeetingLifecycleError extends CodedError<MeetingLifecycleErrorCode> {
  override name = 'MeetingLifecycleError';
}

/** Which state each step leaves from, and where it goes. */
export const TRANSITIONS: {
  readonly [K in LifecycleEventKind]: { from: readonly MeetingLifecycle[]; to: MeetingLifecycle };
} = {
  open: { from: ['scheduled'], to: 'open' },
  pause: { from: ['open'], to: 'paused' },
  resume: { from: ['paused'], to: 'open' },
  close: { from: ['open', 'paused'], to: 'closed' },
};

/** What the meeting's state gates, and the states that allow it. */
export type LifecycleGated =
  | 'attendance.checkIn'
  | 'attendance.mark'
  | 'ballot.cast'
  | 'poll.open'
  | 'poll.admit'
  | 'currentItem.set'
  | 'floor.request'
  | 'floor.manage';
export const GATES: { readonly [G in LifecycleGated]: readonly MeetingLifecycle[] } = {
  'attendance.checkIn': ['open'],
  // The chair may record an excused absence known in advance, and a departure during a break.
  'attendance.mark': ['scheduled', 'open', 'paused'],
  'poll.admit': ['open'],
  'ballot.cast': ['open'],
  'poll.open': ['open'],
  // The chair may line up the next item during a break.
  'currentItem.set': ['open', 'paused'],
  // Speaking happens in session; during a break the chair may still tidy the list.
  'floor.request': ['open'],
  'floor.manage': ['open', 'paused'],
};

export function isLifecycleEventKind(value: unknown): value is LifecycleEventKind {
  return typeof value === 'string' && (LIFECYCLE_EVENT_KINDS as readonly string[]).includes(value);
}

export function isMeetingLifecycle(value: unknown): value is MeetingLifecycle {
  return typeof value === 'string' && (MEETING_LIFECYCLES as readonly string[]).includes(value);
}

/** True when `kind` may be taken from `state` (the UI shows only these buttons). */
export function canStep(state: MeetingLifecycle, kind: LifecycleEventKind): boolean {
  return TRANSITIONS[kind].from.includes(state);
}

export function allows(state: MeetingLifecycle, gated: LifecycleGated): boolean {
  return GATES[gated].includes(state);
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/** Takes one step; throws `meeting-transition-refused` (nothing changes) when it may not follow. */
export function stepLifecycle(
  state: MeetingLifecycleState,
  kind: LifecycleEventKind,
  at: string,
  by: string,
): MeetingLifecycleState {
  if (!canStep(state.lifecycle, kind)) {
    throw new MeetingLifecycleError(
      'meeting-transition-refused',
      `A ${state.lifecycle} meeting cannot take the step "${kind}".`,
    );
  }
  if (!ISO_TIME.test(at) || Number.isNaN(Date.parse(at))) {
    throw new MeetingLifecycleError('meeting-bad-time', `Not an ISO UTC time: ${at}`);
  }
  const last = state.events.at(-1);
  if (last && Date.parse(at) < Date.parse(last.at)) {
    throw new MeetingLifecycleError('meeting-bad-time', 'A step cannot precede the one before it.');
  }
  return {
    ...state,
    lifecycle: TRANSITIONS[kind].to,
    openedAt: kind === 'open' ? at : state.openedAt,
    closedAt: kind === 'close' ? at : state.closedAt,
    events: [...state.events, { kind, at, by }],
  };
}

/** Throws the code that says why, unless the meeting's state allows `gated`. */
export function requireAllowed(state: MeetingLifecycle, gated: LifecycleGated): void {
  if (allows(state, gated)) return;
  const code: MeetingLifecycleErrorCode =
    state === 'scheduled'
      ? 'meeting-not-opened'
      : state === 'paused'
        ? 'meeting-paused'
        : state === 'closed'
          ? 'meeting-closed'
          : 'meeting-transition-refused';
  throw new MeetingLifecycleError(code, `The meeting is ${state}: ${gated} is not allowed now.`);
}

/** Sets the current item (`itemIds` are the agenda's); null clears it. */
export function setCurrentItem(
  state: MeetingLifecycleState,
  itemId: string | null,
): MeetingLifecycleState {
  requireAllowed(state.lifecycle, 'currentItem.set');
  return { ...state, currentItemId: itemId };
}
