/**
 * HTTP requests of the meeting lifecycle and the chair's attendance controls (routes in
 * routes-lifecycle.ts; rules in core/meeting). The acting member always comes from the session.
 *
 * | route | who | body → answer |
 * |---|---|---|
 * | `POST /api/meetings/:id/lifecycle` | chair (meeting.run) | LifecycleStepRequest → MeetingLifecycleState |
 * | `PUT  /api/meetings/:id/current-item` | chair (meeting.run) | CurrentItemRequest → MeetingLifecycleState |
 * | `PUT  /api/meetings/:id/attendance/:memberId` | chair (attendance.mark) | AttendanceMarkRequest → AttendanceView |
 * | `POST /api/meetings/:id/polls/:pollId/admit` | chair (poll.admit) | AdmitRequest → PollView |
 */
import { isAttendanceStatus, type AttendanceStatus } from '../meeting/attendance';
import { isLifecycleEventKind, type LifecycleEventKind } from '../meeting/lifecycle';
import { ApiValidationError } from './meetings';
import { objectBody } from './request-body';

export type { MeetingLifecycleState } from '../meeting/lifecycle';

export interface LifecycleStepRequest {
  step: LifecycleEventKind;
}

export interface CurrentItemRequest {
  /** An agenda item of the meeting; null clears the current item. */
  itemId: string | null;
}

export interface AttendanceMarkRequest {
  status: AttendanceStatus;
  /** Required for 'excused'; optional for 'absent'; ignored for 'present'. */
  reason: string | null;
  /** With 'present': the member arrived late (recorded with the time). */
  late?: boolean;
}

export interface AdmitRequest {
  memberId: string;
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;

export function parseLifecycleStep(body: unknown): LifecycleStepRequest {
  const { step } = objectBody(body, ['step']);
  if (!isLifecycleEventKind(step))
    throw new ApiValidationError(
      'invalid-field',
      'step',
      'step must be open, pause, resume or close.',
    );
  return { step };
}

export function parseCurrentItem(body: unknown): CurrentItemRequest {
  const { itemId = null } = objectBody(body, ['itemId']);
  if (itemId !== null && (typeof itemId !== 'string' || !ID.test(itemId)))
    throw new ApiValidationError('invalid-field', 'itemId', 'itemId must name an agenda item.');
  return { itemId };
}

export function parseAttendanceMark(body: unknown): AttendanceMarkRequest {
  const { status, reason = null, late = false } = objectBody(body, ['status', 'reason', 'late']);
  if (!isAttendanceStatus(status))
    throw new ApiValidationError(
      'invalid-field',
      'status',
      'status must be present, absent or excused.',
    );
  if (reason !== null && typeof reason !== 'string')
    throw new ApiValidationError('invalid-field', 'reason', 'reason must be text or null.');
  if (typeof late !== 'boolean')
    throw new ApiValidationError('invalid-field', 'late', 'late must be true or false.');
  return { status, reason, late };
}

export function parseAdmit(body: unknown): AdmitRequest {
  const { memberId } = objectBody(body, ['memberId']);
  if (typeof memberId !== 'string' || !ID.test(memberId))
    throw new ApiValidationError('invalid-field', 'memberId', 'memberId must name a member.');
  return { memberId };
}
