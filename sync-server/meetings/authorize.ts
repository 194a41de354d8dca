import { parseDocName } from '../../core/docs/names';
import { documentAccess } from '../../core/roles/permissions';
import type { MemberDirectory } from '../identity/members';
import type { SessionBook } from '../identity/sessions';
import type { Authorize } from '../rooms/authorize';
import type { MeetingDirectory } from './directory';

/**
 * Decides each websocket upgrade: a live session, an existing meeting, and the member's
 * access to that document by their role (core/roles). Refusals carry distinct codes.
 */
export function createAuthorize(deps: {
  sessions: SessionBook;
  members: MemberDirectory;
  meetings: MeetingDirectory;
  now?: () => number;
}): Authorize {
  return async (token, docName) => {
    const found = await deps.sessions.lookup(token, deps.now?.() ?? Date.now());
    if (!found.ok) return { ok: false, status: 401, code: found.code };
    const member = await deps.members.get(found.session.memberId);
    if (!member) return { ok: false, status: 401, code: 'session-invalid' };
    const doc = parseDocName(docName);
    if (!doc || !(await deps.meetings.get(doc.meetingId)))
      return { ok: false, status: 404, code: 'meeting-not-found' };
    const role = await deps.meetings.roleOf(doc.meetingId, member.id);
    const access = documentAccess({ memberId: member.id, isAdmin: member.isAdmin, role }, doc);
    if (access === 'none') return { ok: false, status: 403, code: 'document-forbidden' };
    return { ok: true, memberId: member.id, access };
  };
}
