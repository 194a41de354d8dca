import { describe, expect, it } from 'vitest';
import {
  applyAttendanceMark,
  isLate,
  MAX_REASON_LENGTH,
  type AttendanceRecord,
  type AttendanceStatus,
} from './attendance';
import { SCHEDULED, stepLifecycle, type MeetingLifecycleState } from './lifecycle';

const T0 = '2030-03-01T01:00:00.000Z';
const t = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();
const opened = stepLifecycle(SCHEDULED, 'open', t(0), 'chu-toa');
const paused = stepLifecycle(opened, 'pause', t(60), 'chu-toa');
const closed = stepLifecycle(opened, 'close', t(120), 'chu-toa');

const mark = (status: AttendanceStatus, at: number, reason: string | null = null, by = 'dung') => ({
  status,
  at: t(at),
  reason,
  by,
});

function run(
  steps: [AttendanceStatus, number, MeetingLifecycleState, boolean, string?][],
): AttendanceRecord | null {
  let record: AttendanceRecord | null = null;
  for (const [status, at, meeting, self, reason] of steps)
    record = applyAttendanceMark(
      record,
      mark(status, at, reason ?? null, self ? 'dung' : 'chu-toa'),
      meeting,
      self,
    );
  return record;
}

describe('attendance marks', () => {
  it('records a late arrival by its first arrival time', () => {
    const r = run([['present', 25, opened, true]]);
    expect(r).toMatchObject({ status: 'present', arrivedAt: t(25), leftAt: null, by: 'dung' });
    expect(isLate(r as AttendanceRecord, opened.openedAt)).toBe(true);
    // Checking in again later keeps the first arrival.
    const again = run([
      ['present', 25, opened, true],
      ['present', 40, opened, true],
    ]);
    expect(again?.arrivedAt).toBe(t(25));
  });

  it('allows a grace after khai mạc; the chair may record a late arrival explicitly', () => {
    const soon = run([['present', 5, opened, true]]);
    expect(isLate(soon as AttendanceRecord, opened.openedAt)).toBe(false);
    const marked = applyAttendanceMark(
      null,
      { ...mark('present', 5, null, 'chu-toa'), late: true },
      opened,
      false,
    );
    expect(isLate(marked, opened.openedAt)).toBe(true);
    // A member cannot mark themself late, and the mark stays through a departure.
    const selfMarked = applyAttendanceMark(
      null,
      { ...mark('present', 5), late: true },
      opened,
      true,
    );
    expect(isLate(selfMarked, opened.openedAt)).toBe(false);
    const left = applyAttendanceMark(marked, mark('absent', 50, null, 'chu-toa'), opened, false);
    expect(isLate(left, opened.openedAt)).toBe(true);
  });

  it('is not late when marked present by the chair before khai mạc', () => {
    const r = run([['present', -5, SCHEDULED, false]]);
    expect(r?.arrivedAt).toBeNull();
    expect(isLate(r as AttendanceRecord, opened.openedAt)).toBe(false);
    const on = run([['present', 0, opened, true]]);
    expect(isLate(on as AttendanceRecord, opened.openedAt)).toBe(false);
  });

  it('records an early departure, also during a break, and clears it on return', () => {
    const left = run([
      ['present', 1, opened, true],
      ['absent', 50, opened, false, 'Đi công tác gấp'],
    ]);
    expect(left).toMatchObject({ status: 'absent', leftAt: t(50), reason: 'Đi công tác gấp' });
    const onBreak = run([
      ['present', 1, opened, true],
      ['absent', 65, paused, false],
    ]);
    expect(onBreak?.leftAt).toBe(t(65));
    const back = run([
      ['present', 1, opened, true],
      ['absent', 50, opened, false],
      ['present', 70, opened, true],
    ]);
    expect(back).toMatchObject({ status: 'present', leftAt: null, arrivedAt: t(1), reason: null });
  });

  it('needs a reason for an excused absence, and keeps it trimmed', () => {
    expect(() => run([['excused', -10, SCHEDULED, false]])).toThrow(
      expect.objectContaining({ code: 'attendance-reason-required' }),
    );
    expect(() => run([['excused', -10, SCHEDULED, false, '   ']])).toThrow(
      expect.objectContaining({ code: 'attendance-reason-required' }),
    );
    expect(() =>
      run([['excused', -10, SCHEDULED, false, 'x'.repeat(MAX_REASON_LENGTH + 1)]]),
    ).toThrow(expect.objectContaining({ code: 'attendance-reason-too-long' }));
    const r = run([['excused', -10, SCHEDULED, false, '  Ốm, có đơn xin phép ']]);
    expect(r).toMatchObject({ status: 'excused', reason: 'Ốm, có đơn xin phép', leftAt: null });
  });

  it('lets a member check in only while open; the chair marks until bế mạc', () => {
    const cases: [MeetingLifecycleState, boolean, string | null][] = [
      [SCHEDULED, true, 'meeting-not-opened'],
      [opened, true, null],
      [paused, true, 'meeting-paused'],
      [closed, true, 'meeting-closed'],
      [SCHEDULED, false, null],
      [opened, false, null],
      [paused, false, null],
      [closed, false, 'meeting-closed'],
    ];
    for (const [meeting, self, code] of cases) {
      const attempt = () => applyAttendanceMark(null, mark('present', 130), meeting, self);
      if (code === null) expect(attempt).not.toThrow();
      else expect(attempt).toThrow(expect.objectContaining({ code }));
    }
  });
});
