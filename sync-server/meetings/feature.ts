import type { MeetingMemberView, MeetingView } from '../../core/api/meetings';
import type { MeetingAction, MeetingRole } from '../../core/roles/permissions';
import type { ServerFeature } from '../feature';
import { HttpError, sessionOf, type RequestContext } from '../http/router';
import { route } from '../http/route';
import type { Auth } from '../identity/auth-feature';
import type { MemberDirectory, MemberRecord } from '../identity/members';
import type { Rooms } from '../rooms/manager';
import type { AuditLog, RecordStore } from '../store/types';
import { mirrorRoster } from '../attendance/mirror';
import { meetingCaller } from './caller';
import { mirrorMeeting } from './control-mirror';
import { minutesLayoutOf, type MeetingDirectory, type MeetingRecord } from './directory';

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
  documentNumber: m.documentNumber ?? null,
  place: m.place ?? null,
  myRole,
});

/** The meeting as the API shows it to a member with `myRole` (also the agenda routes' answer). */
export { view as meetingView };

/** Meetings, members' roles and the agenda over HTTP; every action checked by core/roles. */
export function meetingsFeature(deps: MeetingsDeps): ServerFeature {
  const { meetings, members, rooms, audit } = deps;

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
      route('meetings', async (ctx) => {
        const { member } = sessionOf(ctx);
        const mine = await meetings.meetingsOf(member.id);
        const all = await meetings.list();
        const visible = all.filter((m) => member.isAdmin || mine.has(m.id));
        return visible.map((m) => view(m, mine.get(m.id) ?? null));
      }),
      route('createMeeting', {
        guard: (ctx) => {
          const { member } = sessionOf(ctx);
          if (!member.isAdmin)
            throw new HttpError(403, 'forbidden', 'Only an administrator creates meetings.');
          return member;
        },
        handler: async (ctx) => {
          const member = ctx.guard;
          const meeting = await meetings.create(ctx.body);
          await mirrorMeeting(rooms, meeting);
          await record(member, 'meeting.create', { meetingId: meeting.id });
          return view(meeting, null);
        },
      }),
      route('meeting', async (ctx) => {
        const { meeting, role } = await allowed(ctx, 'meeting.view');
        return view(meeting, role);
      }),
      route('updateMeetingSettings', {
        guard: (ctx) => allowed(ctx, 'meeting.manage'),
        handler: async (ctx) => {
          const { member, meeting } = ctx.guard;
          const updated = await meetings.updateSettings(meeting.id, ctx.body);
          await record(member, 'meeting.settings', { meetingId: meeting.id });
          return view(updated, await meetings.roleOf(meeting.id, member.id));
        },
      }),
      route('minutesLayout', async (ctx) => {
        const { meeting } = await allowed(ctx, 'meeting.view');
        return minutesLayoutOf(meeting);
      }),
      route('updateMinutesLayout', {
        guard: (ctx) => allowed(ctx, 'meeting.manage'),
        handler: async (ctx) => {
          const { member, meeting } = ctx.guard;
          const updated = await meetings.updateMinutesLayout(meeting.id, ctx.body);
          await record(member, 'meeting.minutes-layout', { meetingId: meeting.id });
          return minutesLayoutOf(updated);
        },
      }),
      route('setMemberPosition', {
        guard: (ctx) => {
          const { member } = sessionOf(ctx);
          if (!member.isAdmin)
            throw new HttpError(403, 'forbidden', 'Only an administrator edits member records.');
          return member;
        },
        handler: async (ctx) => {
          const target = await members.get(ctx.params.memberId);
          if (!target) throw new HttpError(404, 'member-not-found', 'No such member.');
          const updated = await members.setPosition(target.id, ctx.body.position);
          await record(ctx.guard, 'member.position', { target: target.id });
          return { id: updated.id, name: updated.name, position: updated.position ?? null };
        },
      }),
      route('members', async (ctx) => {
        const { meeting } = await allowed(ctx, 'meeting.view');
        const list: MeetingMemberView[] = [];
        for (const [memberId, role] of await meetings.roles(meeting.id)) {
          const m = await members.get(memberId);
          if (m)
            list.push({
              id: m.id,
              name: m.name,
              email: m.email,
              role,
              position: m.position ?? null,
            });
        }
        list.sort((a, b) => a.name.localeCompare(b.name, 'vi'));
        return list;
      }),
      route('setMemberRole', {
        guard: (ctx) => allowed(ctx, 'meeting.manage'),
        handler: async (ctx) => {
          const { member, meeting } = ctx.guard;
          const { role } = ctx.body;
          const target = await members.get(ctx.params.memberId);
          if (!target) throw new HttpError(404, 'member-not-found', 'No such member.');
          await meetings.setRole(meeting.id, target.id, role);
          await mirrorRoster({ rooms, store: deps.records, meetings }, meeting.id);
          await record(member, 'meeting.role', { meetingId: meeting.id, target: target.id, role });
          return {
            id: target.id,
            name: target.name,
            email: target.email,
            role,
            position: target.position ?? null,
          };
        },
      }),
      route('removeMember', async (ctx) => {
        const { member, meeting } = await allowed(ctx, 'meeting.manage');
        const target = await members.get(ctx.params.memberId);
        if (!target || (await meetings.roleOf(meeting.id, target.id)) === null)
          throw new HttpError(404, 'member-not-found', 'No such member in this meeting.');
        // setRole closes the removed member's open connections to this meeting before it returns.
        await meetings.setRole(meeting.id, target.id, null);
        await mirrorRoster({ rooms, store: deps.records, meetings }, meeting.id);
        await record(member, 'meeting.remove', { meetingId: meeting.id, target: target.id });
        return { id: target.id, removed: true } as const;
      }),
      route('addAgendaItem', {
        guard: (ctx) => allowed(ctx, 'agenda.edit'),
        handler: async (ctx) => {
          const { member, meeting } = ctx.guard;
          const { title } = ctx.body;
          const updated = await meetings.addAgendaItem(meeting.id, title);
          await mirrorMeeting(rooms, updated);
          await record(member, 'agenda.add', { meetingId: meeting.id, title });
          return view(updated, await meetings.roleOf(meeting.id, member.id));
        },
      }),
    ],
  };
}
