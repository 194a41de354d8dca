import {
  ApiValidationError,
  parseAgendaItemDraft,
  parseMeetingDraft,
  type MeetingMemberView,
  type MeetingView,
} from '../../core/api/meetings';
import { isMeetingRole, type MeetingAction, type MeetingRole } from '../../core/roles/permissions';
import type { ServerFeature } from '../feature';
import { HttpError, readJson, sendJson, type RequestContext } from '../http/router';
import type { Auth } from '../identity/auth-feature';
import type { MemberDirectory, MemberRecord } from '../identity/members';
import type { Rooms } from '../rooms/manager';
import type { AuditLog, RecordStore } from '../store/types';
import { mirrorRoster } from '../attendance/mirror';
import { meetingCaller } from './caller';
import { mirrorMeeting } from './control-mirror';
import type { MeetingDirectory, MeetingRecord } from './directory';

interface MeetingsDeps {
  auth: Auth;
  members: MemberDirectory;
  meetings: MeetingDirectory;
  rooms: Rooms;
  audit: AuditLog;
  records: RecordStore;
}

const view = (m: MeetingRecord, myRole: MeetingRole | null): MeetingView => ({
  id: m.id,
  title: m.title,
  startsAt: m.startsAt,
  location: m.location,
  organisation: m.organisation,
  agenda: m.agenda,
  myRole,
});

async function validated<T>(parse: () => T | Promise<T>): Promise<T> {
  try {
    return await parse();
  } catch (error) {
    if (error instanceof ApiValidationError) throw new HttpError(400, error.code, error.message);
    throw error;
  }
}

/** Meetings, members' roles and the agenda over HTTP; every action checked by core/roles. */
export function meetingsFeature(deps: MeetingsDeps): ServerFeature {
  const { auth, meetings, members, rooms, audit } = deps;

  const allowed = (ctx: RequestContext, action: MeetingAction) => meetingCaller(deps, ctx, action);

  async function record(member: MemberRecord, action: string, details: Record<string, string>) {
    await audit.appendAudit({
      at: new Date().toISOString(),
      memberId: member.id,
      action,
      ...details,
    });
  }

  return {
    name: 'meetings',
    routes: [
      {
        method: 'GET',
        path: '/api/meetings',
        handler: async ({ req, res, url }) => {
          const { member } = await auth.authenticate(req, url);
          const mine = await meetings.meetingsOf(member.id);
          const all = await meetings.list();
          const visible = all.filter((m) => member.isAdmin || mine.has(m.id));
          sendJson(
            res,
            200,
            visible.map((m) => view(m, mine.get(m.id) ?? null)),
          );
        },
      },
      {
        method: 'POST',
        path: '/api/meetings',
        handler: async ({ req, res, url }) => {
          const { member } = await auth.authenticate(req, url);
          if (!member.isAdmin)
            throw new HttpError(403, 'forbidden', 'Only an administrator creates meetings.');
          const draft = await validated(async () => parseMeetingDraft(await readJson(req)));
          const meeting = await meetings.create(draft);
          await mirrorMeeting(rooms, meeting);
          await record(member, 'meeting.create', { meetingId: meeting.id });
          sendJson(res, 201, view(meeting, null));
        },
      },
      {
        method: 'GET',
        path: '/api/meetings/:id',
        handler: async (ctx) => {
          const { meeting, role } = await allowed(ctx, 'meeting.view');
          sendJson(ctx.res, 200, view(meeting, role));
        },
      },
      {
        method: 'GET',
        path: '/api/meetings/:id/members',
        handler: async (ctx) => {
          const { meeting } = await allowed(ctx, 'meeting.view');
          const list: MeetingMemberView[] = [];
          for (const [memberId, role] of await meetings.roles(meeting.id)) {
            const m = await members.get(memberId);
            if (m) list.push({ id: m.id, name: m.name, email: m.email, role });
          }
          list.sort((a, b) => a.name.localeCompare(b.name, 'vi'));
          sendJson(ctx.res, 200, list);
        },
      },
      {
        method: 'PUT',
        path: '/api/meetings/:id/members/:memberId',
        handler: async (ctx) => {
          const { member, meeting } = await allowed(ctx, 'meeting.manage');
          const body = await readJson(ctx.req);
          const role = (body as { role?: unknown } | null)?.role;
          if (!isMeetingRole(role))
            throw new HttpError(
              400,
              'invalid-field',
              'role must be chair, secretary, delegate or observer.',
            );
          const target = await members.get(ctx.params.memberId ?? '');
          if (!target) throw new HttpError(404, 'member-not-found', 'No such member.');
          await meetings.setRole(meeting.id, target.id, role);
          await mirrorRoster({ rooms, store: deps.records, meetings }, meeting.id);
          await record(member, 'meeting.role', { meetingId: meeting.id, target: target.id, role });
          sendJson(ctx.res, 200, { id: target.id, name: target.name, email: target.email, role });
        },
      },
      {
        method: 'DELETE',
        path: '/api/meetings/:id/members/:memberId',
        handler: async (ctx) => {
          const { member, meeting } = await allowed(ctx, 'meeting.manage');
          const target = await members.get(ctx.params.memberId ?? '');
          if (!target || (await meetings.roleOf(meeting.id, target.id)) === null)
            throw new HttpError(404, 'member-not-found', 'No such member in this meeting.');
          // setRole closes the removed member's open connections to this meeting before it returns.
          await meetings.setRole(meeting.id, target.id, null);
          await mirrorRoster({ rooms, store: deps.records, meetings }, meeting.id);
          await record(member, 'meeting.remove', { meetingId: meeting.id, target: target.id });
          sendJson(ctx.res, 200, { id: target.id, removed: true });
        },
      },
      {
        method: 'POST',
        path: '/api/meetings/:id/agenda',
        handler: async (ctx) => {
          const { member, meeting } = await allowed(ctx, 'agenda.edit');
          const { title } = await validated(async () =>
            parseAgendaItemDraft(await readJson(ctx.req)),
          );
          const updated = await meetings.addAgendaItem(meeting.id, title);
          await mirrorMeeting(rooms, updated);
          await record(member, 'agenda.add', { meetingId: meeting.id, title });
          sendJson(ctx.res, 201, view(updated, await meetings.roleOf(meeting.id, member.id)));
        },
      },
    ],
  };
}
