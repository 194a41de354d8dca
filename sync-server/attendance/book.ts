import type { AttendanceMemberView, AttendanceState } from '../../core/api/votes';
import { summarizeAttendance } from '../../core/docs/control/attendance';
import type { AttendanceView } from '../../core/api/votes';
import { votes, type MeetingRole } from '../../core/roles/permissions';
import type { MeetingDirectory } from '../meetings/directory';
import type { JsonValue, RecordStore } from '../store/types';

/** What the server decides by: one record per member who ever checked in or out. */
interface AttendanceRecord {
  status: AttendanceState;
  at: string;
}

const prefix = (meetingId: string) => `attendance/${meetingId}/`;

/**
 * Attendance in the record store, the truth the server decides by (who is present when a
 * poll opens); the control document mirrors it for clients.
 */
export class AttendanceBook {
  constructor(
    private readonly records: RecordStore,
    private readonly meetings: MeetingDirectory,
  ) {}

  async set(
    meetingId: string,
    memberId: string,
    status: AttendanceState,
    at: string,
  ): Promise<void> {
    const record: AttendanceRecord = { status, at };
    await this.records.put(`${prefix(meetingId)}${memberId}`, record as unknown as JsonValue);
  }

  /** Every member of the meeting with their role and presence (absent if never checked in). */
  async roster(meetingId: string): Promise<AttendanceMemberView[]> {
    const stored = new Map<string, AttendanceRecord>();
    const p = prefix(meetingId);
    for await (const [key, value] of this.records.iterate(p)) {
      stored.set(key.slice(p.length), value as unknown as AttendanceRecord);
    }
    const out: AttendanceMemberView[] = [];
    for (const [memberId, role] of await this.meetings.roles(meetingId)) {
      out.push(entry(memberId, role, stored.get(memberId)));
    }
    return out;
  }

  async view(meetingId: string): Promise<AttendanceView> {
    return summarizeAttendance(await this.roster(meetingId));
  }

  /**
   * Who may vote in a poll opened now, and the head count of the 'members' base: members
   * with a voting role, and those of them who are present.
   */
  async voters(meetingId: string): Promise<{ present: string[]; memberCount: number }> {
    const roster = await this.roster(meetingId);
    const voting = roster.filter((m) => m.votes);
    return {
      present: voting.filter((m) => m.status === 'present').map((m) => m.memberId),
      memberCount: voting.length,
    };
  }
}

function entry(
  memberId: string,
  role: MeetingRole,
  record: AttendanceRecord | undefined,
): AttendanceMemberView {
  return {
    memberId,
    role,
    votes: votes(role),
    status: record?.status === 'present' ? 'present' : 'absent',
    at: record?.at ?? null,
  };
}
