import type { AttendanceView } from '../../core/api/votes';
import { summarizeAttendance, writeRoster } from '../../core/docs/control/attendance';
import { transactControl } from '../meetings/control-doc';
import { readLifecycle } from '../meetings/lifecycle';
import type { MeetingDirectory } from '../meetings/directory';
import type { Rooms } from '../rooms/manager';
import type { RecordStore } from '../store/types';
import { AttendanceBook } from './book';

/**
 * Writes a meeting's whole roster (role, voting right, present or not, marks and times) into its
 * control document. Called on every check-in and mark and whenever roles change, so clients
 * always know how many members there are and what the quorum needs — even before anyone checks
 * in. Lateness is judged against khai mạc as the same document has it.
 */
export async function mirrorRoster(
  deps: { rooms: Rooms; store: RecordStore; meetings: MeetingDirectory },
  meetingId: string,
): Promise<AttendanceView> {
  const { openedAt } = await readLifecycle(deps.rooms, meetingId);
  const roster = await new AttendanceBook(deps.store, deps.meetings).roster(meetingId, openedAt);
  await transactControl(deps.rooms, meetingId, (doc) => writeRoster(doc, roster));
  return summarizeAttendance(roster);
}
