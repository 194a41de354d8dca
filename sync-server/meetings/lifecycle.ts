import { readMeetingLifecycle } from '../../core/docs/control/meta';
import {
  MeetingLifecycleError,
  requireAllowed,
  type LifecycleGated,
  type MeetingLifecycleState,
} from '../../core/meeting/lifecycle';
import { controlDocName } from '../../core/docs/names';
import { HttpError } from '../http/router';
import type { Rooms } from '../rooms/manager';

/**
 * The meeting's lifecycle as the control document holds it: the server is its only writer
 * (through transactControl), so what it reads here is what it last decided.
 */
export async function readLifecycle(
  rooms: Rooms,
  meetingId: string,
): Promise<MeetingLifecycleState> {
  // Not behind the control document's write queue: every ballot asks, and each ballot's own
  // mirror write is queued there too.
  return rooms.peek(controlDocName(meetingId), readMeetingLifecycle);
}

/** Turns a refusal of core/meeting into its HTTP answer: 409 with the code that says why. */
export function lifecycleRefusal(error: unknown): never {
  if (error instanceof MeetingLifecycleError)
    throw new HttpError(error.code === 'meeting-bad-time' ? 500 : 409, error.code, error.message);
  throw error;
}

/** Refuses (409 meeting-not-opened / meeting-paused / meeting-closed) unless the state allows `gated`. */
export async function requireMeetingState(
  rooms: Rooms,
  meetingId: string,
  gated: LifecycleGated,
): Promise<MeetingLifecycleState> {
  const state = await readLifecycle(rooms, meetingId);
  try {
    requireAllowed(state.lifecycle, gated);
  } catch (error) {
    lifecycleRefusal(error);
  }
  return state;
}
