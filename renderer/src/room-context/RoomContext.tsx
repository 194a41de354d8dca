import { createContext, useContext } from 'react';
import type { MeetingView } from '../../../core/api/meetings';
import {
  can,
  principalOf,
  type MeetingAction,
  type Principal,
} from '../../../core/roles/permissions';
import type { Session } from '../session/session';

/** What every part of the meeting room needs: the meeting, who is looking, and their role. */
export interface Room {
  meeting: MeetingView;
  session: Session;
  /** The caller as core/roles sees them: the one principal every check in the room uses. */
  principal: Principal;
  /** Whether the caller's role allows `action` here (core/roles); hides what they cannot use. */
  may: (action: MeetingAction) => boolean;
}

/** The room for this member in this meeting: the principal is built here and nowhere else. */
export function roomFor(meeting: MeetingView, session: Session): Room {
  const principal = principalOf(session.member, meeting.myRole);
  return { meeting, session, principal, may: (action) => can(principal, action) };
}

export const RoomContext = createContext<Room | null>(null);

export function useRoom(): Room {
  const room = useContext(RoomContext);
  if (!room) throw new Error('useRoom outside of a meeting room');
  return room;
}
