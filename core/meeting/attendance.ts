/**
 * Attendance as the meeting keeps it: each member present, absent or excused (with a reason),
 * by their own check-in or by the chair's mark (a member without a laptop, one who walks out).
 * Arrival and departure times are kept, so a late arrival and an early departure are facts the
 * minutes can state. Pure: the server stores what these return.
 */
import { CodedError } from '../errors/coded-error';
import { allows, requireAllowed, type MeetingLifecycleState } from './lifecycle';

export type AttendanceStatus = 'present' | 'absent' | 'excused';
export const ATTENDANCE_STATUSES: readonly AttendanceStatus[] = ['present', 'absent', 'excused'];

export const isAttendanceStatus = (v: unknown): v is AttendanceStatus =>
  typeof v === 'string' && (ATTENDANCE_STATUSES as readonly string[]).includes(v);

/**
 * Check-in opens at khai mạc, so everyone arrives after it: a member counts as late when they
 * arrive more than this after khai mạc, or when the chair marks them late.
 */
export const LATE_AFTER_MS = 10 * 60_000;

/** The most a reason may hold (it is printed in the minutes). */
export const MAX_REASON_LENGTH = 300;

/** One member's attendance as the server stores it. */
export interface AttendanceRecord {
  status: AttendanceStatus;
  /** ISO time of the last change. */
  at: string;
  /** Why absent or excused (required for excused); null otherwise. */
  reason: string | null;
  /** ISO time the member first came in while the meeting was running; null if never. */
  arrivedAt: string | null;
  /** ISO time the member left a running meeting after being present; null if they did not. */
  leftAt: string | null;
  /** Who made the change: the member themself, or the chair. */
  by: string;
  /** The chair recorded this arrival as late (whatever the clock says). */
  markedLate: boolean;
}

export interface AttendanceMark {
  status: AttendanceStatus;
  reason: string | null;
  /** The chair marks a present member as a late arrival. */
  late?: boolean;
  at: string;
  by: string;
}

export type AttendanceErrorCode = 'attendance-reason-required' | 'attendance-reason-too-long';

export class AttendanceError extends CodedError<AttendanceErrorCode> {
  override name = 'AttendanceError';
}

/** A reason, trimmed; null when empty. Throws when an excused absence has none or it is too long. */
export function checkReason(status: AttendanceStatus, reason: string | null): string | null {
  const trimmed = reason?.trim() ?? '';
  if (trimmed.length > MAX_REASON_LENGTH)
    throw new AttendanceError(
      'attendance-reason-too-long',
      `A reason holds at most ${MAX_REASON_LENGTH} characters.`,
    );
  if (status === 'excused' && trimmed === '')
    throw new AttendanceError('attendance-reason-required', 'An excused absence needs a reason.');
  if (status === 'present') return null;
  return trimmed === '' ? null : trimmed;
}

const running = (meeting: MeetingLifecycleState) =>
  meeting.lifecycle === 'open' || meeting.lifecycle === 'paused';

/**
 * The record after `mark`. Self check-in needs an open meeting (`self` true); the chair may also
 * mark before khai mạc (an excused absence known in advance) and during a break, never after bế mạc.
 */
export function applyAttendanceMark(
  previous: AttendanceRecord | null,
  mark: AttendanceMark,
  meeting: MeetingLifecycleState,
  self: boolean,
): AttendanceRecord {
  requireAllowed(meeting.lifecycle, self ? 'attendance.checkIn' : 'attendance.mark');
  const reason = checkReason(mark.status, mark.reason);
  const wasPresent = previous?.status === 'present';
  const arrivedAt =
    mark.status === 'present' && running(meeting)
      ? (previous?.arrivedAt ?? mark.at)
      : (previous?.arrivedAt ?? null);
  let leftAt = previous?.leftAt ?? null;
  if (mark.status === 'present') leftAt = null;
  else if (wasPresent && running(meeting)) leftAt = mark.at;
  // An arrival once recorded late stays late (arrivedAt keeps the first arrival).
  const markedLate =
    (mark.status === 'present' && !self && mark.late === true) || (previous?.markedLate ?? false);
  return { status: mark.status, at: mark.at, reason, arrivedAt, leftAt, by: mark.by, markedLate };
}

/** A late arrival: marked so by the chair, or came in more than LATE_AFTER_MS after khai mạc. */
export function isLate(
  record: Pick<AttendanceRecord, 'arrivedAt' | 'markedLate'>,
  openedAt: string | null,
): boolean {
  if (record.arrivedAt === null) return false;
  if (record.markedLate) return true;
  if (openedAt === null) return false;
  return Date.parse(record.arrivedAt) > Date.parse(openedAt) + LATE_AFTER_MS;
}

/** Whether self check-in is possible now (the UI says why not otherwise). */
export const selfCheckInAllowed = (meeting: MeetingLifecycleState): boolean =>
  allows(meeting.lifecycle, 'attendance.checkIn');
