/**
 * `attendance` (Y.Map memberId → Y.Map) of the control document: every member of the meeting
 * (the roster), whether or not they have checked in — status ('present' | 'absent'), at (ISO
 * time of check-in, or null), role, votes (has a voting right). Counts for the quorum come from it.
 */
import type * as Y from 'yjs';
import type { AttendanceMemberView, AttendanceState, AttendanceView } from '../../api/votes';
import { isMeetingRole, type MeetingRole } from '../../roles/permissions';
import { nestedMap, readNestedMaps } from '../values';

export const ATTENDANCE = 'attendance';

export const attendanceMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap<unknown>(ATTENDANCE);

const ATTENDANCE_STATES: readonly AttendanceState[] = ['present', 'absent'];
const isAttendanceState = (v: unknown): v is AttendanceState =>
  typeof v === 'string' && (ATTENDANCE_STATES as readonly string[]).includes(v);

/** Everyone the server has listed in the attendance map, with the quorum head counts. */
export function readAttendanceView(doc: Y.Doc): AttendanceView {
  const members: AttendanceMemberView[] = [];
  for (const [memberId, entry] of readNestedMaps(attendanceMap(doc))) {
    const status = entry.get('status');
    const role = entry.get('role');
    const at = entry.get('at');
    if (!isAttendanceState(status) || !isMeetingRole(role)) continue;
    members.push({
      memberId,
      role,
      votes: entry.get('votes') === true,
      status,
      at: typeof at === 'string' ? at : null,
    });
  }
  return summarizeAttendance(members);
}

/** Sorts the members and counts who is present and who counts towards a quorum. */
export function summarizeAttendance(members: AttendanceMemberView[]): AttendanceView {
  const sorted = [...members].sort((a, b) => a.memberId.localeCompare(b.memberId));
  return {
    members: sorted,
    present: sorted.filter((m) => m.status === 'present').length,
    presentVoting: sorted.filter((m) => m.status === 'present' && m.votes).length,
    votingMembers: sorted.filter((m) => m.votes).length,
  };
}

/** Server side: writes one member's attendance entry, touching only what changed. */
export function writeAttendance(doc: Y.Doc, member: AttendanceMemberView): void {
  const map = nestedMap(attendanceMap(doc), member.memberId);
  const fields: Record<string, string | boolean | null> = {
    status: member.status,
    at: member.at,
    role: member.role satisfies MeetingRole,
    votes: member.votes,
  };
  for (const [key, value] of Object.entries(fields)) {
    if (map.get(key) !== value) map.set(key, value);
  }
}

/**
 * Server side: makes the attendance map hold exactly `roster` — one entry per member, touching
 * only what changed; a member removed from the meeting leaves it.
 */
export function writeRoster(doc: Y.Doc, roster: readonly AttendanceMemberView[]): void {
  for (const member of roster) writeAttendance(doc, member);
  const current = new Set(roster.map((m) => m.memberId));
  const attendance = attendanceMap(doc);
  for (const memberId of [...attendance.keys()])
    if (!current.has(memberId)) attendance.delete(memberId);
}
