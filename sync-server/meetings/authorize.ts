import { parseDocName } from '../../core/docs/names';
import { documentAccess, principalOf } from '../../core/roles/permissions';
import type { MemberDirectory } from '../identity/members';
import { type SessionBook, sessionIdOf } from '../identity/sessions';
import type { SyncTickets } from '../identity/sync-tickets';
import type { Authorization, Authorize } from '../rooms/authorize';
import type { MeetingDirectory } from './directory';

/**
 * Decides each websocket upgrade: a live session (from a one-time ticket, or the session token),
 * an existing meeting, and the member's access to that document by their role (core/roles).
 * Refusals carry distinct codes. The answer's `recheck` decides again from the same session, so
 * open connections follow logouts, expiry and role changes.
 */
export function createAuthorize(deps: {
  sessions: SessionBook;
  members: MemberDirectory;
  meetings: MeetingDirectory;
  tickets?: SyncTickets;
  now?: () => number;
}): Authorize {
  const now = () => deps.now?.() ?? Date.now();

  async function decide(sessionId: string, docName: string): Promise<Authorization> {
    const found = await deps.sessions.lookupById(sessionId, now());
    if (!found.ok) return { ok: false, status: 401, code: found.code };
    const member = await deps.members.get(found.session.memberId);
    if (!member) return { ok: false, status: 401, code: 'session-invalid' };
    const doc = parseDocName(docName);
    if (!doc || !(await deps.meetings.get(doc.meetingId)))
      return { ok: false, status: 404, code: 'meeting-not-found' };
    const role = await deps.meetings.roleOf(doc.meetingId, member.id);
    const access = documentAccess(principalOf(member, role), doc);
    if (access === 'none') return { ok: false, status: 403, code: 'document-forbidden' };
    return {
      ok: true,
      memberId: member.id,
      memberName: member.name,
      access,
      sessionId,
      expiresAt: found.session.expiresAt,
      recheck: () => decide(sessionId, docName),
    };
  }

  return async (credential, docName, kind) => {
    if (kind === 'ticket') {
      const grant = deps.tickets?.redeem(credential, now());
      if (!grant) return { ok: false, status: 401, code: 'ticket-invalid' };
      return decide(grant.sessionId, docName);
    }
    if (credential === '') return { ok: false, status: 401, code: 'session-invalid' };
    return decide(sessionIdOf(credential), docName);
  };
}
