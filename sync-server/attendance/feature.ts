import { meetingCaller } from '../meetings/caller';
import {
  AttendanceError,
  applyAttendanceMark,
  type AttendanceMark,
} from '../../core/meeting/attendance';
import { type MeetingAction } from '../../core/roles/permissions';
import { HttpError } from '../http/router';
import { lifecycleRefusal, readLifecycle } from '../meetings/lifecycle';
import type { ServerFeature } from '../feature';
import type { RequestContext } from '../http/router';
import { route } from '../http/route';
import type { Auth } from '../identity/auth-feature';
import type { Logger } from '../log';
import type { MeetingDirectory } from '../meetings/directory';
import type { Rooms } from '../rooms/manager';
import type { AuditLog, RecordStore } from '../store/types';
import { AttendanceBook } from './book';
import { mirrorRoster } from './mirror';

export interface AttendanceDeps {
  auth: Auth;
  meetings: MeetingDirectory;
  rooms: Rooms;
  store: RecordStore & AuditLog;
  logger: Logger;
}

/**
 * Members check themselves in and out while the meeting is open; the chair marks anyone present,
 * absent or excused with a reason (core/meeting/attendance.ts). The record store holds the truth
 * and the control document's `attendance` map mirrors the whole roster (role, votes, status,
 * reason, arrival and departure), so every client can show who is present and the quorum live.
 */
export function attendanceFeature(deps: AttendanceDeps): ServerFeature {
  const { meetings, rooms, store, logger } = deps;
  const book = new AttendanceBook(store, meetings);
  // One meeting's check-ins run one at a time, so the record store and the document agree.
  const chains = new Map<string, Promise<unknown>>();
  function serially<T>(meetingId: string, fn: () => Promise<T>): Promise<T> {
    const run = (chains.get(meetingId) ?? Promise.resolve()).then(fn, fn);
    const tail = run.catch(() => undefined);
    chains.set(meetingId, tail);
    void tail.then(() => {
      if (chains.get(meetingId) === tail) chains.delete(meetingId);
    });
    return run;
  }

  const mirror = (meetingId: string) => mirrorRoster({ rooms, store, meetings }, meetingId);

  // A crash between the record and the document write leaves the document behind: repair it.
  const repaired = (async () => {
    for (const meeting of await meetings.list())
      await serially(meeting.id, () => mirror(meeting.id));
  })().catch((error: unknown) =>
    logger.log('error', 'attendance.repair-failed', { error: String(error) }),
  );

  async function allowed(ctx: RequestContext, action: MeetingAction) {
    await repaired;
    return meetingCaller(deps, ctx, action);
  }

  /** Applies one mark against the stored record and the meeting's state; a refusal writes nothing. */
  function mark(meetingId: string, memberId: string, given: AttendanceMark, self: boolean) {
    return serially(meetingId, async () => {
      const [previous, meeting] = await Promise.all([
        book.get(meetingId, memberId),
        readLifecycle(rooms, meetingId),
      ]);
      let record;
      try {
        record = applyAttendanceMark(previous, given, meeting, self);
      } catch (error) {
        if (error instanceof AttendanceError) throw new HttpError(400, error.code, error.message);
        return lifecycleRefusal(error);
      }
      await Promise.all([
        book.set(meetingId, memberId, record),
        store.appendAudit({
          at: record.at,
          memberId: given.by,
          action: self ? 'attendance.set' : 'attendance.mark',
          meetingId,
          ...(self ? {} : { target: memberId }),
          status: record.status,
          ...(record.reason === null ? {} : { reason: record.reason }),
        }),
      ]);
      return mirror(meetingId);
    });
  }

  return {
    name: 'attendance',
    routes: [
      route('checkIn', {
        guard: (ctx) => allowed(ctx, 'attendance.checkIn'),
        handler: async (ctx) => {
          const { member, meeting } = ctx.guard;
          const { present } = ctx.body;
          const at = new Date().toISOString();
          const status = present ? 'present' : 'absent';
          return mark(meeting.id, member.id, { status, reason: null, at, by: member.id }, true);
        },
      }),
      route('markAttendance', {
        guard: async (ctx) => {
          const caller = await allowed(ctx, 'attendance.mark');
          const target = ctx.params.memberId;
          if ((await meetings.roleOf(caller.meeting.id, target)) === null)
            throw new HttpError(404, 'member-not-found', 'That member is not in this meeting.');
          return { ...caller, target };
        },
        handler: async (ctx) => {
          const { member, meeting, target } = ctx.guard;
          const { status, reason, late } = ctx.body;
          const at = new Date().toISOString();
          const given = { status, reason, at, by: member.id, ...(late ? { late } : {}) };
          return mark(meeting.id, target, given, false);
        },
      }),
      route('attendance', async (ctx) => {
        const { meeting } = await allowed(ctx, 'meeting.view');
        return book.view(meeting.id, (await readLifecycle(rooms, meeting.id)).openedAt);
      }),
    ],
    async close() {
      await repaired;
      await Promise.all([...chains.values()]);
    },
  };
}
