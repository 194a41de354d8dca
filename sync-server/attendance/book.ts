import type { AttendanceMemberView, AttendanceView } from '../../core/api/votes';
import { summarizeAttendance } from '../../core/docs/control/attendance';
import { isAttendanceStatus, isLate, type AttendanceRecord } from '../../core/meeting/attendance';
import { participates, votes, type MeetingRole } from '../../core/roles/permissions';
import type { MeetingDirectory } from '../meetings/directory';
import type { JsonValue, RecordStore } from '../store/types';

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

  async set(meetingId: string, memberId: string, record: AttendanceRecord): Promise<void> {
    await this.records.put(`${prefix(meetingId)}${memberId}`, { ...record } as JsonValue);
  }

  /** One member's stored record; null when they were never marked. */
  async get(meetingId: string, memberId: string): Promise<AttendanceRecord | null> {
    return upgrade(await this.records.get(`${prefix(meetingId)}${memberId}`));
  }

  /**
   * Every member of the meeting with their role and presence (absent if never checked in);
   * `late` compares the arrival with `openedAt` (khai mạc) when given.
   */
  async roster(meetingId: string, openedAt: string | null = null): Promise<AttendanceMemberView[]> {
    const stored = new Map<string, AttendanceRecord>();
    const p = prefix(meetingId);
    for await (const [key, value] of this.records.iterate(p)) {
      const record = upgrade(value);
      if (record) stored.set(key.slice(p.length), record);
    }
    const out: AttendanceMemberView[] = [];
    for (const [memberId, role] of await this.meetings.roles(meetingId)) {
      if (!participates(role)) continue;
      out.push(entry(memberId, role, stored.get(memberId), openedAt));
    }
    return out;
  }

  async view(meetingId: string, openedAt: string | null = null): Promise<AttendanceView> {
    return summarizeAttendance(await this.roster(meetingId, openedAt));
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

/** Reads a stored record; records written before marks existed hold only status and at. */
function upgrade(value: JsonValue | undefined | null): AttendanceRecord | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const v = value as Record<string, JsonValue | undefined>;
  if (!isAttendanceStatus(v.status) || typeof v.at !== 'string') return null;
  const str = (x: JsonValue | undefined) => (typeof x === 'string' ? x : null);
  return {
    status: v.status,
    at: v.at,
    reason: str(v.reason),
    arrivedAt: 'arrivedAt' in v ? str(v.arrivedAt) : v.status === 'present' ? v.at : null,
    leftAt: str(v.leftAt),
    by: str(v.by) ?? '',
    markedLate: v.markedLate === true,
  };
}

function entry(
  memberId: string,
  role: MeetingRole,
  record: AttendanceRecord | undefined,
  openedAt: string | null,
): AttendanceMemberView {
  return {
    memberId,
    role,
    votes: votes(role),
    status: record?.status ?? 'absent',
    at: record?.at ?? null,
    reason: record?.reason ?? null,
    arrivedAt: record?.arrivedAt ?? null,
    late: record ? isLate(record, openedAt) : false,
    leftAt: record?.leftAt ?? null,
    markedBy: record ? record.by || null : null,
  };
}
