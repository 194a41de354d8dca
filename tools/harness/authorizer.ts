/** The in-memory authorizer the sync tests and benchmarks use, with fixed tokens. */
import { parseDocName } from '../../core/docs/names';
import type { Authorize } from '../../sync-server/rooms/authorize';

export interface TestMember {
  memberId: string;
  /** The name presence is stamped with (the member id when absent). */
  name?: string;
  /** Observers may read the shared document but not write it. */
  observer?: boolean;
}

export const TEST_MEMBERS: Record<string, TestMember> = {
  'tok-alice': { memberId: 'alice', name: 'Nguyễn Thị Ánh' },
  'tok-bob': { memberId: 'bob', name: 'Nguyễn Tiến Sỹ' },
  'tok-olga': { memberId: 'olga', name: 'Ô Lê Ga', observer: true },
};

/**
 * A small real authorizer: unknown token → 401, unknown meeting → 404, the control document is
 * read-only for everyone, shared is writable except for observers, private is the owner's only.
 */
export function memoryAuthorizer(
  members = TEST_MEMBERS,
  meetings: readonly string[] = ['m1', 'm2'],
): Authorize {
  return async (token, docName) => {
    const member = members[token];
    if (!member) return { ok: false, status: 401, code: 'invalid-token' };
    const doc = parseDocName(docName);
    if (!doc || !meetings.includes(doc.meetingId))
      return { ok: false, status: 404, code: 'unknown-meeting' };
    const memberId = member.memberId;
    const memberName = member.name ?? memberId;
    switch (doc.kind) {
      case 'control':
        return { ok: true, memberId, memberName, access: 'read' };
      case 'shared':
        return { ok: true, memberId, memberName, access: member.observer ? 'read' : 'write' };
      case 'private':
        return doc.memberId === memberId
          ? { ok: true, memberId, memberName, access: 'write' }
          : { ok: false, status: 403, code: 'not-your-document' };
    }
  };
}
