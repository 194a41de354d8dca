import { createContext, useContext } from 'react';
import type { MeetingView } from '../../../core/api/meetings';
import type { Session } from '../session/session';

/** What every part of the meeting room needs: the meeting, who is looking, and their role. */
export interface Room {
  meeting: MeetingView;
  session: Session;
}

export const RoomContext = createContext<Room | null>(null);

export function useRoom(): Room {
  const room = useContext(RoomContext);
  if (!room) throw new Error('useRoom outside of a meeting room');
  return room;
}
