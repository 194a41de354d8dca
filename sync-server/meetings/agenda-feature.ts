/**
 * Editing an existing agenda over HTTP (core/api/routes-agenda.ts): rename, move and remove an
 * item, decided by core/meeting/agenda-edit.ts. Whether an item is in use (documents, polls,
 * speeches) is read from the control document inside the same control transaction that writes
 * the new agenda, so an item never loses what was attached to it meanwhile; the meeting record
 * follows, and if it cannot be stored the control document is put back.
 */
import { readAgenda } from '../../core/docs/control/agenda';
import { readPolls } from '../../core/docs/control/polls';
import { readSpeakers } from '../../core/docs/control/speakers';
import {
  AgendaEditError,
  editAgenda,
  type AgendaEdit,
  type AgendaEntry,
} from '../../core/meeting/agenda-edit';
import type { ServerFeature } from '../feature';
import { route } from '../http/route';
import { HttpError, type RequestContext } from '../http/router';
import type { Auth } from '../identity/auth-feature';
import type { Rooms } from '../rooms/manager';
import type { AuditLog } from '../store/types';
import { meetingCaller } from './caller';
import { mirrorMeeting } from './control-mirror';
import { transactControl } from './control-doc';
import type { MeetingDirectory } from './directory';
import { writeAgendaItems } from '../../core/docs/control/agenda';
import { meetingView } from './feature';

export interface AgendaDeps {
  auth: Auth;
  meetings: MeetingDirectory;
  rooms: Rooms;
  audit: AuditLog;
}

export function agendaFeature(deps: AgendaDeps): ServerFeature {
  const { meetings, rooms, audit } = deps;

  async function apply(ctx: RequestContext, edit: (itemId: string) => AgendaEdit) {
    const { member, meeting, role } = await meetingCaller(deps, ctx, 'agenda.edit');
    const change = edit(ctx.params.itemId ?? '');
    let outcome: { ok: AgendaEntry[] } | { error: unknown } | null = null;
    await transactControl(rooms, meeting.id, (doc) => {
      try {
        const items = readAgenda(doc);
        const polls = readPolls(doc);
        const speakers = readSpeakers(doc);
        const inUse = (itemId: string) => {
          const floor = speakers[itemId];
          const item = items.find((i) => i.id === itemId);
          // A removed document stays in the item's history: the item keeps its place too.
          return (
            (item?.documents.length ?? 0) > 0 ||
            (item?.history?.length ?? 0) > 0 ||
            polls.some((p) => p.agendaItemId === itemId) ||
            (floor !== undefined &&
              (floor.spoken.length > 0 || floor.queue.length > 0 || floor.current !== null))
          );
        };
        const next = editAgenda(meeting.agenda, change, inUse);
        writeAgendaItems(doc, next);
        outcome = { ok: next };
      } catch (error) {
        outcome = { error };
      }
    });
    const result = outcome as { ok: AgendaEntry[] } | { error: unknown } | null;
    if (result === null) throw new Error('agenda edit did not run');
    if ('error' in result) {
      const error = result.error;
      if (error instanceof AgendaEditError)
        throw new HttpError(
          error.code === 'agenda-item-not-found' ? 404 : 409,
          error.code,
          error.message,
        );
      throw error;
    }
    let updated;
    try {
      updated = await meetings.setAgenda(meeting.id, result.ok);
    } catch (error) {
      await mirrorMeeting(rooms, meeting); // the record stays as it was: so does every screen
      throw error;
    }
    await audit.appendAudit({
      at: new Date().toISOString(),
      memberId: member.id,
      action: `agenda.${change.kind}`,
      meetingId: meeting.id,
      target: change.itemId,
    });
    return meetingView(updated, role);
  }

  return {
    name: 'agenda',
    routes: [
      route('renameAgendaItem', (ctx) =>
        apply(ctx, (itemId) => ({ kind: 'rename', itemId, title: ctx.body.title })),
      ),
      route('moveAgendaItem', (ctx) =>
        apply(ctx, (itemId) => ({ kind: 'move', itemId, index: ctx.body.index })),
      ),
      route('removeAgendaItem', (ctx) => apply(ctx, (itemId) => ({ kind: 'remove', itemId }))),
    ],
  };
}
