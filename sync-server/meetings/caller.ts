import {
  can,
  principalOf,
  type MeetingAction,
  type MeetingRole,
  type Principal,
} from '../../core/roles/permissions';
import { HttpError, type RequestContext } from '../http/router';
import type { Auth } from '../identity/auth-feature';
import type { MemberRecord } from '../identity/members';
import type { MeetingDirectory, MeetingRecord } from './directory';

export interface MeetingCaller {
  member: MemberRecord;
  meeting: MeetingRecord;
  role: MeetingRole | null;
  principal: Principal;
}

/**
 * Who is calling a meeting-scoped route (`/api/meetings/:id/…`): authenticates, loads the
 * meeting and the caller's role, and refuses unless `action` is allowed (core/roles). A
 * non-member learns nothing about whether a meeting exists: 404 either way.
 */
export async function meetingCaller(
  deps: { auth: Auth; meetings: MeetingDirectory },
  ctx: RequestContext,
  action: MeetingAction,
): Promise<MeetingCaller> {
  const { member } = ctx.session ?? (await deps.auth.authenticate(ctx.req, ctx.url));
  const meeting = await deps.meetings.get(ctx.params.id ?? '');
  const role = meeting ? await deps.meetings.roleOf(meeting.id, member.id) : null;
  if (!meeting || (role === null && !member.isAdmin)) {
    throw new HttpError(404, 'meeting-not-found', 'No such meeting.');
  }
  const principal = principalOf(member, role);
  if (!can(principal, action)) {
    throw new HttpError(403, 'forbidden', `Your role may not do this (${action}).`);
  }
  return { member, meeting, role, principal };
}
