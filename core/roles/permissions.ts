import type { DocName } from '../docs/names';

/**
 * Who may do what in a meeting: least privilege per role. The server asks these pure
 * functions before every action; the UI asks them only to hide controls a role cannot use.
 */
/**
 * `display` is the room's big screen (projector): it follows the control document and nothing
 * else — no ballot, no attendance, no shared or private document, never in the minutes.
 */
export type MeetingRole = 'chair' | 'secretary' | 'delegate' | 'observer' | 'display';
export const MEETING_ROLES: readonly MeetingRole[] = [
  'chair',
  'secretary',
  'delegate',
  'observer',
  'display',
];

export function isMeetingRole(value: unknown): value is MeetingRole {
  return typeof value === 'string' && (MEETING_ROLES as readonly string[]).includes(value);
}

/** The caller as the server sees them: a member id, whether they administer the server, and their role here. */
export interface Principal {
  memberId: string;
  isAdmin: boolean;
  /** The role in this meeting; null when the member is not part of it. */
  role: MeetingRole | null;
}

export type MeetingAction =
  | 'meeting.view'
  | 'meeting.manage' // create/edit the meeting, its members and their roles
  | 'agenda.edit'
  | 'document.attach'
  | 'document.edit' // rename an attached document, replace its file, remove it (history kept)
  | 'shared.write' // shared annotations and the minutes draft
  | 'attendance.checkIn' // one's own check in / out
  | 'attendance.viewRoster' // see who is present and who is not, by name
  | 'attendance.mark' // mark another member present / absent / excused (with a reason)
  | 'meeting.run' // khai mạc, tạm dừng, tiếp tục, bế mạc; set the current agenda item
  | 'poll.admit' // admit a latecomer to an open poll
  | 'poll.manage' // create, open, close, publish, cancel
  | 'ballot.cast'
  | 'presenter.set'
  | 'floor.request' // ask for the floor on an agenda item, withdraw one's own request
  | 'floor.manage' // order the speakers list, accept a point of order, give and end the floor
  | 'minutes.insertRecords' // insert attendance, agenda and vote results into the draft
  | 'minutes.finalize'
  | 'minutes.sign' // which field each role signs: core/minutes/lifecycle.ts
  | 'minutes.reopen'
  | 'results.export' // published results as CSV/PDF (secret polls: counts only)
  | 'election.manage' // define an election, link its preliminary polls, open and close its rounds
  // The vote-counting committee's (ban kiểm phiếu) own actions: no role grants them; the
  // election's committee designation does (canInElection below).
  | 'election.count.open' // open the ballot box of a round
  | 'election.count.close' // close it and start counting
  | 'election.count.confirm' // confirm a round's count (each member in turn)
  | 'election.live-count'; // see ballots received while the round is open (never choices)

const ALLOWED: Record<MeetingAction, readonly MeetingRole[]> = {
  'meeting.view': ['chair', 'secretary', 'delegate', 'observer', 'display'],
  'meeting.manage': [],
  'agenda.edit': ['chair', 'secretary'],
  'document.attach': ['chair', 'secretary'],
  'document.edit': ['chair', 'secretary'],
  'shared.write': ['chair', 'secretary', 'delegate'],
  'attendance.checkIn': ['chair', 'secretary', 'delegate', 'observer'],
  'attendance.viewRoster': ['chair', 'secretary'],
  'attendance.mark': ['chair'],
  'meeting.run': ['chair'],
  'poll.admit': ['chair'],
  'poll.manage': ['chair'],
  'ballot.cast': ['chair', 'secretary', 'delegate'],
  'presenter.set': ['chair'],
  'floor.request': ['chair', 'secretary', 'delegate', 'observer'],
  'floor.manage': ['chair'],
  'minutes.insertRecords': ['secretary'],
  'minutes.finalize': ['secretary'],
  'minutes.sign': ['secretary', 'chair'],
  'minutes.reopen': ['chair'],
  'results.export': ['chair', 'secretary', 'delegate', 'observer'],
  'election.manage': ['chair'],
  'election.count.open': [],
  'election.count.close': [],
  'election.count.confirm': [],
  'election.live-count': [],
};

/** Every action, in the table's order (for table tests and exhaustive UIs). */
export const MEETING_ACTIONS = Object.keys(ALLOWED) as readonly MeetingAction[];

/** Server administrators manage meetings and may look at them, nothing more: they are not members. */
const ADMIN_ACTIONS: ReadonlySet<MeetingAction> = new Set(['meeting.manage', 'meeting.view']);

export function can(principal: Principal, action: MeetingAction): boolean {
  if (principal.isAdmin && ADMIN_ACTIONS.has(action)) return true;
  return principal.role !== null && ALLOWED[action].includes(principal.role);
}

/**
 * The one way to build the caller's principal, on the server (member record + role here) and
 * in the renderer (session member + the meeting view's `myRole`).
 */
export function principalOf(
  member: { id: string; isAdmin: boolean },
  role: MeetingRole | null,
): Principal {
  return { memberId: member.id, isAdmin: member.isAdmin, role };
}

/** Members who take part (attendance, minutes): everyone but the room's screen. */
export function participates(role: MeetingRole): boolean {
  return role !== 'display';
}

/** Roles whose members count towards a quorum and may be made eligible to vote. */
export function votes(role: MeetingRole): boolean {
  return ALLOWED['ballot.cast'].includes(role);
}

export type DocumentAccess = 'write' | 'read' | 'none';

/**
 * Access to a meeting's Yjs documents (DESIGN.md): the control document is read-only for
 * every member (only the server writes it); the shared one is writable by members with
 * write rights and readable by observers; a private document belongs to its member alone.
 */
export function documentAccess(principal: Principal, doc: DocName): DocumentAccess {
  switch (doc.kind) {
    case 'control':
      return can(principal, 'meeting.view') ? 'read' : 'none';
    case 'shared':
      if (principal.role === null || principal.role === 'display') return 'none';
      return can(principal, 'shared.write') ? 'write' : 'read';
    case 'private':
      return principal.role !== null &&
        principal.role !== 'display' &&
        principal.memberId === doc.memberId
        ? 'write'
        : 'none';
  }
}

/** What the vote-counting committee may do, by virtue of its designation alone. */
export const COMMITTEE_ACTIONS: ReadonlySet<MeetingAction> = new Set([
  'election.count.open',
  'election.count.close',
  'election.count.confirm',
  'election.live-count',
]);

/**
 * `can` for an election: the committee is a per-election list of member ids (its members are
 * delegates who also vote), not a role, so membership adds its actions to whatever the role
 * allows. A committee member must still be part of the meeting.
 */
export function canInElection(
  principal: Principal,
  committee: readonly string[],
  action: MeetingAction,
): boolean {
  if (COMMITTEE_ACTIONS.has(action)) {
    return principal.role !== null && committee.includes(principal.memberId);
  }
  return can(principal, action);
}
