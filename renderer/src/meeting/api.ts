import type { AttendanceStatus } from '../../../core/meeting/attendance';
import type { LifecycleEventKind } from '../../../core/meeting/lifecycle';
import { call } from '../api/client';

/** The meeting lifecycle and the chair's attendance routes (core/api/routes-lifecycle.ts). */
export const meetingApi = {
  step: (meetingId: string, step: LifecycleEventKind) =>
    call('stepMeeting', { params: { id: meetingId }, body: { step } }),
  setCurrentItem: (meetingId: string, itemId: string | null) =>
    call('setCurrentItem', { params: { id: meetingId }, body: { itemId } }),
  mark: (
    meetingId: string,
    memberId: string,
    status: AttendanceStatus,
    reason: string | null,
    late = false,
  ) =>
    call('markAttendance', {
      params: { id: meetingId, memberId },
      body: { status, reason, late },
    }),
  admit: (meetingId: string, pollId: string, memberId: string) =>
    call('admitToPoll', { params: { id: meetingId, pollId }, body: { memberId } }),
};

/** hh:mm of an ISO time, in the reader's language and zone. */
export function clock(iso: string | null, language: string): string {
  if (iso === null) return '';
  return new Date(iso).toLocaleTimeString(language === 'vi' ? 'vi-VN' : 'en-GB', {
    hour: '2-digit',
    minute: '2-digit',
  });
}
