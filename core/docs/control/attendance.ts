/**
 * `attendance` (Y.Map memberId → Y.Map) of the control document: every member of the meeting
 * (the roster), whether or not they have checked in — status ('present' | 'absent' | 'excused'),
 * at (ISO time of the last change, or null), role, votes (has a voting right), reason, arrivedAt,
 * late, leftAt, markedBy (core/meeting/attendance.ts). Counts for the quorum come from it.
 */
import type * as Y from 'yjs';
import type { AttendanceMemberView, AttendanceState, AttendanceView } from '../../api/votes';
import { isAttendanceStatus } from '../../meeting/attendance';
import { isMeetingRole, type MeetingRole } from '../../roles/permissions';
import { nestedMap, readNestedMaps, readString } from '../values';

export const ATTENDANCE = 'attendance';

export const attendanceMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap<unknown>(ATTENDANCE);

const isAttendanceState = (v: unknown): v is AttendanceState => isAttendanceStatus(v);

/** Everyone the server has listed in the attendance map, with the quorum head counts. */
export function readAttendanceView(doc: Y.Doc): AttendanceView {
  const members: AttendanceMemberView[] = [];
  for (const [memberId, entry] of readNestedMaps(attendanceMap(doc))) {
    const status = entry.get('status');
    const role = entry.get('role');
    if (!isAttendanceState(status) || !isMeetingRole(role)) continue;
    members.push({
      memberId,
      role,
      votes: entry.get('votes') === true,
      status,
      at: readString(entry, 'at'),
      reason: readString(entry, 'reason'),
      arrivedAt: readString(entry, 'arrivedAt'),
      late: entry.get('late') === true,
      leftAt: readString(entry, 'leftAt'),
      markedBy: readString(entry, 'markedBy'),
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
    reason: member.reason,
    arrivedAt: member.arrivedAt,
    late: member.late,
    leftAt: member.leftAt,
    markedBy: member.markedBy,
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
