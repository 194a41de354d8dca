/**
 * The speakers list, with the server as the only authority: each step is decided by
 * core/speakers/floor.ts against the item's list *and* the meeting's state inside one control
 * transaction (so a step never races with another or with bế mạc), written to the control
 * document's `speakers` part for every screen, and put in the audit log. A delegate can ask
 * and withdraw for themselves only; giving the floor and accepting a point of order is the chair's.
 */
import type { FloorManageRequest } from '../../core/api/speakers';
import { readAgenda } from '../../core/docs/control/agenda';
import { readMeetingLifecycle } from '../../core/docs/control/meta';
import { readSpeakers, writeFloor } from '../../core/docs/control/speakers';
import { requireAllowed, type LifecycleGated } from '../../core/meeting/lifecycle';
import {
  EMPTY_FLOOR,
  FloorError,
  acceptPointOfOrder,
  giveFloor,
  moveRequest,
  removeRequest,
  requestFloor,
  setSpeakingLimit,
  stopSpeaker,
  withdrawFloor,
  type FloorState,
} from '../../core/speakers/floor';
import type { ServerFeature } from '../feature';
import { route } from '../http/route';
import { HttpError } from '../http/router';
import type { Auth } from '../identity/auth-feature';
import { newId } from '../ids';
import { meetingCaller } from '../meetings/caller';
import { transactControl } from '../meetings/control-doc';
import type { MeetingDirectory } from '../meetings/directory';
import { lifecycleRefusal } from '../meetings/lifecycle';
import type { Rooms } from '../rooms/manager';
import type { AuditLog } from '../store/types';

export interface SpeakersDeps {
  auth: Auth;
  meetings: MeetingDirectory;
  rooms: Rooms;
  audit: AuditLog;
  /** Epoch ms; injected so tests never read today's clock. */
  now?: () => number;
}

function floorRefusal(error: unknown): never {
  if (error instanceof FloorError)
    throw new HttpError(error.code === 'floor-bad-limit' ? 400 : 409, error.code, error.message);
  if (error instanceof HttpError) throw error;
  return lifecycleRefusal(error);
}

export function speakersFeature(deps: SpeakersDeps): ServerFeature {
  const { rooms, audit } = deps;
  const now = deps.now ?? Date.now;

  /** Decides on the item's current list and the meeting's state; a refusal writes nothing. */
  async function update(
    meetingId: string,
    itemId: string,
    gated: LifecycleGated,
    decide: (floor: FloorState, at: number) => FloorState,
  ): Promise<FloorState> {
    let outcome: { ok: FloorState } | { error: unknown } | null = null;
    await transactControl(rooms, meetingId, (doc) => {
      try {
        if (!readAgenda(doc).some((item) => item.id === itemId))
          throw new HttpError(404, 'agenda-item-not-found', 'No such agenda item.');
        requireAllowed(readMeetingLifecycle(doc).lifecycle, gated);
        const next = decide(readSpeakers(doc)[itemId] ?? EMPTY_FLOOR, now());
        writeFloor(doc, itemId, next);
        outcome = { ok: next };
      } catch (error) {
        outcome = { error };
      }
    });
    const result = outcome as { ok: FloorState } | { error: unknown } | null;
    if (result === null) throw new Error('speakers update did not run');
    if ('error' in result) return floorRefusal(result.error);
    return result.ok;
  }

  const manage = (body: FloorManageRequest) => (floor: FloorState, at: number) => {
    switch (body.action) {
      case 'give':
        return giveFloor(floor, {
          ...(body.requestId ? { requestId: body.requestId } : {}),
          turnId: newId('t'),
          now: at,
        });
      case 'stop':
        return stopSpeaker(floor, at);
      case 'accept':
        return acceptPointOfOrder(floor, body.requestId);
      case 'move':
        return moveRequest(floor, body.requestId, body.index);
      case 'remove':
        return removeRequest(floor, body.requestId);
      case 'limit':
        return setSpeakingLimit(floor, body.limitSeconds, body.warnSeconds);
    }
  };

  const record = (memberId: string, meetingId: string, action: string, itemId: string) =>
    audit.appendAudit({
      at: new Date(now()).toISOString(),
      memberId,
      action,
      meetingId,
      target: itemId,
    });

  return {
    name: 'speakers',
    routes: [
      route('askFloor', {
        guard: (ctx) => meetingCaller(deps, ctx, 'floor.request'),
        handler: async (ctx) => {
          const { member, meeting } = ctx.guard;
          const itemId = ctx.params.itemId;
          const floor = await update(meeting.id, itemId, 'floor.request', (f, at) =>
            requestFloor(f, { id: newId('r'), memberId: member.id, kind: ctx.body.kind, now: at }),
          );
          await record(member.id, meeting.id, `floor.request.${ctx.body.kind}`, itemId);
          return floor;
        },
      }),
      route('withdrawFloor', {
        guard: (ctx) => meetingCaller(deps, ctx, 'floor.request'),
        handler: async (ctx) => {
          const { member, meeting } = ctx.guard;
          const itemId = ctx.params.itemId;
          // Withdrawing is always allowed while the list exists: a member may leave in a break.
          const floor = await update(meeting.id, itemId, 'floor.manage', (f) =>
            withdrawFloor(f, member.id),
          );
          await record(member.id, meeting.id, 'floor.withdraw', itemId);
          return floor;
        },
      }),
      route('manageFloor', {
        guard: (ctx) => meetingCaller(deps, ctx, 'floor.manage'),
        handler: async (ctx) => {
          const { member, meeting } = ctx.guard;
          const itemId = ctx.params.itemId;
          const floor = await update(meeting.id, itemId, 'floor.manage', manage(ctx.body));
          await record(member.id, meeting.id, `floor.${ctx.body.action}`, itemId);
          return floor;
        },
      }),
    ],
  };
}
