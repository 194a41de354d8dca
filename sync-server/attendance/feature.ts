import { meetingCaller } from '../meetings/caller';
import { type MeetingAction } from '../../core/roles/permissions';
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
 * Members check themselves in and out; the record store holds the truth and the control
 * document's `attendance` map mirrors the whole roster (role, votes, status), so every client
 * can show who is present and the quorum indicator live.
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

  return {
    name: 'attendance',
    routes: [
      route('checkIn', {
        guard: (ctx) => allowed(ctx, 'attendance.checkIn'),
        handler: async (ctx) => {
          const { member, meeting } = ctx.guard;
          const { present } = ctx.body;
          const view = await serially(meeting.id, async () => {
            const at = new Date().toISOString();
            const status = present ? 'present' : 'absent';
            await Promise.all([
              book.set(meeting.id, member.id, status, at),
              store.appendAudit({
                at,
                memberId: member.id,
                action: 'attendance.set',
                meetingId: meeting.id,
                status,
              }),
            ]);
            return mirror(meeting.id);
          });
          return view;
        },
      }),
      route('attendance', async (ctx) => {
        const { meeting } = await allowed(ctx, 'meeting.view');
        return book.view(meeting.id);
      }),
    ],
    async close() {
      await repaired;
      await Promise.all([...chains.values()]);
    },
  };
}
