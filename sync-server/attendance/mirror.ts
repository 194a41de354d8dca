import type { AttendanceView } from '../../core/api/votes';
import { ControlTypes } from '../../core/docs/control';
import { controlDocName } from '../../core/docs/names';
import { summarizeAttendance, writeAttendance } from '../../core/docs/polls';
import type { MeetingDirectory } from '../meetings/directory';
import type { Rooms } from '../rooms/manager';
import type { RecordStore } from '../store/types';
import { AttendanceBook } from './book';

/**
 * Writes a meeting's whole roster (role, voting right, present or not) into its control
 * document. Called on every check-in and whenever roles change, so clients always know
 * how many members there are and what the quorum needs — even before anyone checks in.
 */
export async function mirrorRoster(
  deps: { rooms: Rooms; store: RecordStore; meetings: MeetingDirectory },
  meetingId: string,
): Promise<AttendanceView> {
  const roster = await new AttendanceBook(deps.store, deps.meetings).roster(meetingId);
  await deps.rooms.transact(controlDocName(meetingId), (doc) => {
    for (const member of roster) writeAttendance(doc, member);
    // A member removed from the meeting leaves the roster too.
    const current = new Set(roster.map((m) => m.memberId));
    const attendance = doc.getMap<unknown>(ControlTypes.attendance);
    for (const memberId of [...attendance.keys()])
      if (!current.has(memberId)) attendance.delete(memberId);
  });
  return summarizeAttendance(roster);
}
