import { readMeetingLifecycle, writeMeetingLifecycle } from '../../core/docs/control/meta';
import { readPolls } from '../../core/docs/control/polls';
import {
  setCurrentItem,
  stepLifecycle,
  type MeetingLifecycleState,
} from '../../core/meeting/lifecycle';
import type { ServerFeature } from '../feature';
import { HttpError } from '../http/router';
import { route } from '../http/route';
import type { Auth } from '../identity/auth-feature';
import type { Rooms } from '../rooms/manager';
import type { AuditLog } from '../store/types';
import { meetingCaller } from './caller';
import { transactControl } from './control-doc';
import type { MeetingDirectory } from './directory';
import { lifecycleRefusal } from './lifecycle';

export interface LifecycleDeps {
  auth: Auth;
  meetings: MeetingDirectory;
  rooms: Rooms;
  audit: AuditLog;
}

/**
 * The chair runs the meeting: khai mạc, tạm dừng, tiếp tục, bế mạc and the current agenda item,
 * decided by core/meeting/lifecycle.ts against the control document's `meta` inside the same
 * control transaction (so two steps never race) and written there for every screen. Every step
 * is in the audit log.
 */
export function lifecycleFeature(deps: LifecycleDeps): ServerFeature {
  const { rooms, audit } = deps;

  /** Decides on the current state and writes the outcome; a refusal writes nothing. */
  async function update(
    meetingId: string,
    decide: (current: MeetingLifecycleState, pollOpen: boolean) => MeetingLifecycleState,
  ): Promise<MeetingLifecycleState> {
    let outcome: { ok: MeetingLifecycleState } | { error: unknown } | null = null;
    await transactControl(rooms, meetingId, (doc) => {
      try {
        const pollOpen = readPolls(doc).some((p) => p.state === 'open');
        const next = decide(readMeetingLifecycle(doc), pollOpen);
        writeMeetingLifecycle(doc, next);
        outcome = { ok: next };
      } catch (error) {
        outcome = { error };
      }
    });
    const result = outcome as { ok: MeetingLifecycleState } | { error: unknown } | null;
    if (result === null) throw new Error('lifecycle update did not run');
    if ('error' in result) {
      if (result.error instanceof HttpError) throw result.error;
      return lifecycleRefusal(result.error);
    }
    return result.ok;
  }

  return {
    name: 'lifecycle',
    routes: [
      route('stepMeeting', {
        guard: (ctx) => meetingCaller(deps, ctx, 'meeting.run'),
        handler: async (ctx) => {
          const { member, meeting } = ctx.guard;
          const { step } = ctx.body;
          const at = new Date().toISOString();
          const state = await update(meeting.id, (current, pollOpen) => {
            if (step === 'close' && pollOpen)
              throw new HttpError(
                409,
                'meeting-poll-open',
                'A poll is still open: close or cancel it before bế mạc.',
              );
            const next = stepLifecycle(current, step, at, member.id);
            // Khai mạc puts everyone on the first item unless the chair already chose one.
            if (step === 'open' && next.currentItemId === null)
              return { ...next, currentItemId: meeting.agenda[0]?.id ?? null };
            return next;
          });
          await audit.appendAudit({
            at,
            memberId: member.id,
            action: `meeting.${step}`,
            meetingId: meeting.id,
          });
          return state;
        },
      }),
      route('setCurrentItem', {
        guard: (ctx) => meetingCaller(deps, ctx, 'meeting.run'),
        handler: async (ctx) => {
          const { member, meeting } = ctx.guard;
          const { itemId } = ctx.body;
          if (itemId !== null && !meeting.agenda.some((item) => item.id === itemId))
            throw new HttpError(404, 'agenda-item-not-found', 'This meeting has no such item.');
          const state = await update(meeting.id, (current) => setCurrentItem(current, itemId));
          await audit.appendAudit({
            at: new Date().toISOString(),
            memberId: member.id,
            action: 'meeting.currentItem',
            meetingId: meeting.id,
            itemId,
          });
          return state;
        },
      }),
    ],
  };
}
