/**
 * What Section II says after an attendee's name, from the attendance records alone, the way a
 * biên bản does: "(vắng có lý do: đi công tác)", "(đến muộn lúc 08 giờ 40 phút)", "(về sớm lúc
 * 10 giờ 15 phút)". Nothing recorded, nothing said: no note at all.
 */
import type { AttendanceState } from '../api/votes';
import { localTime, vietnameseClock } from './labels';

/** The parts of one member's attendance record the note is made from (AttendanceMemberView). */
export interface AttendanceFacts {
  readonly status: AttendanceState;
  readonly reason: string | null;
  readonly arrivedAt: string | null;
  /** The server's verdict (core/meeting/attendance.ts isLate): marked late, or came in late. */
  readonly late: boolean;
  readonly leftAt: string | null;
}

const clockAt = (iso: string, utcOffsetMinutes: number): string | null =>
  Number.isNaN(Date.parse(iso)) ? null : vietnameseClock(localTime({ iso, utcOffsetMinutes }));

/**
 * Whether Section II lists the member as attending: present now, or present earlier and gone
 * before bế mạc ("về sớm") — they took part, so they are not "vắng mặt".
 */
export function attended(facts: Pick<AttendanceFacts, 'status' | 'leftAt'>): boolean {
  return (
    facts.status === 'present' || (facts.leftAt !== null && !Number.isNaN(Date.parse(facts.leftAt)))
  );
}

/** The note in brackets' words (without the brackets), or undefined when nothing was recorded. */
export function attendanceNote(
  facts: AttendanceFacts,
  utcOffsetMinutes: number,
): string | undefined {
  const parts: string[] = [];
  const arrived = facts.late && facts.arrivedAt ? clockAt(facts.arrivedAt, utcOffsetMinutes) : null;
  if (arrived) parts.push(`đến muộn lúc ${arrived}`);
  // leftAt is cleared when the member comes back: set, it is a departure that still stands.
  const left =
    facts.status !== 'present' && facts.leftAt ? clockAt(facts.leftAt, utcOffsetMinutes) : null;
  if (left) parts.push(`về sớm lúc ${left}`);
  // A reason may hold line breaks; the printed line has none.
  const reason = facts.reason?.replace(/\s+/gu, ' ').trim() || null;
  if (facts.status === 'excused') {
    const excused = left ? 'có lý do' : 'vắng có lý do';
    parts.push(reason ? `${excused}: ${reason}` : excused);
  } else if (facts.status === 'absent' && reason) {
    parts.push(`lý do: ${reason}`);
  }
  return parts.length > 0 ? parts.join('; ') : undefined;
}
