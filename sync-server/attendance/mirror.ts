import type { AttendanceView } from '../../core/api/votes';
import { summarizeAttendance, writeRoster } from '../../core/docs/control/attendance';
import { readMeetingLifecycle } from '../../core/docs/control/meta';
import { isLate } from '../../core/meeting/attendance';
import { transactControl } from '../meetings/control-doc';
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
  const roster = await new AttendanceBook(deps.store, deps.meetings).roster(meetingId);
  let written = roster;
  await transactControl(deps.rooms, meetingId, (doc) => {
    const { openedAt } = readMeetingLifecycle(doc);
    written = roster.map((m) => ({ ...m, late: isLate(m, openedAt) }));
    writeRoster(doc, written);
  });
  return summarizeAttendance(written);
}
