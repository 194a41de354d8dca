import { describe, expect, it } from 'vitest';
import type { DocName } from '../docs/names';
import {
  can,
  documentAccess,
  MEETING_ACTIONS,
  MEETING_ROLES,
  participates,
  principalOf,
  type MeetingAction,
  type MeetingRole,
  type Principal,
  votes,
  canInElection,
  COMMITTEE_ACTIONS,
} from './permissions';

const as = (role: MeetingRole | null, memberId = 'm1', isAdmin = false): Principal => ({
  memberId,
  role,
  isAdmin,
});

describe('can', () => {
  // Every action × every role: the table is the specification.
  const table: [
    MeetingAction,
    chair: boolean,
    secretary: boolean,
    delegate: boolean,
    observer: boolean,
    display: boolean,
  ][] = [
    ['meeting.view', true, true, true, true, true],
    ['meeting.manage', false, false, false, false, false],
    ['agenda.edit', true, true, false, false, false],
    ['document.attach', true, true, false, false, false],
    ['document.edit', true, true, false, false, false],
    ['shared.write', true, true, true, false, false],
    ['attendance.checkIn', true, true, true, true, false],
    ['attendance.viewRoster', true, true, false, false, false],
    ['attendance.mark', true, false, false, false, false],
    ['meeting.run', true, false, false, false, false],
    ['poll.admit', true, false, false, false, false],
    ['poll.manage', true, false, false, false, false],
    ['ballot.cast', true, true, true, false, false],
    ['presenter.set', true, false, false, false, false],
    ['floor.request', true, true, true, true, false],
    ['floor.manage', true, false, false, false, false],
    ['minutes.insertRecords', false, true, false, false, false],
    ['minutes.finalize', false, true, false, false, false],
    ['minutes.sign', true, true, false, false, false],
    ['minutes.reopen', true, false, false, false, false],
    ['results.export', true, true, true, true, false],
    ['election.manage', true, false, false, false, false],
    // Granted by the committee designation only (canInElection), never by a role:
    ['election.count.open', false, false, false, false, false],
    ['election.count.close', false, false, false, false, false],
    ['election.count.confirm', false, false, false, false, false],
    ['election.live-count', false, false, false, false, false],
  ];

  it('the table above names every action', () => {
    expect(table.map(([action]) => action).sort()).toEqual([...MEETING_ACTIONS].sort());
  });
  it.each(table)(
    '%s: chair %s, secretary %s, delegate %s, observer %s, display %s',
    (action, ...expected) => {
      expect(
        (['chair', 'secretary', 'delegate', 'observer', 'display'] as const).map((r) =>
          can(as(r), action),
        ),
      ).toEqual(expected);
    },
  );

  it('refuses everything to a non-member', () => {
    for (const [action] of table) expect(can(as(null), action)).toBe(false);
  });

  it('lets an administrator manage and view, but not vote, write or sign', () => {
    const admin = as(null, 'admin', true);
    expect(can(admin, 'meeting.manage')).toBe(true);
    expect(can(admin, 'meeting.view')).toBe(true);
    for (const action of MEETING_ACTIONS.filter(
      (a) => a !== 'meeting.manage' && a !== 'meeting.view',
    )) {
      expect(can(admin, action)).toBe(false);
    }
  });

  it('an administrator who is also a delegate votes as a delegate', () => {
    expect(can(as('delegate', 'm1', true), 'ballot.cast')).toBe(true);
  });

  it('only voting roles count', () => {
    expect([
      votes('chair'),
      votes('secretary'),
      votes('delegate'),
      votes('observer'),
      votes('display'),
    ]).toEqual([true, true, true, false, false]);
  });

  it("the room's screen takes no part: not in attendance, not in the minutes", () => {
    expect(MEETING_ROLES.filter((r) => !participates(r))).toEqual(['display']);
  });
});

describe('principalOf', () => {
  it('builds the principal from a member and their role here', () => {
    expect(principalOf({ id: 'm7', isAdmin: true }, 'secretary')).toEqual({
      memberId: 'm7',
      isAdmin: true,
      role: 'secretary',
    });
    expect(principalOf({ id: 'm8', isAdmin: false }, null)).toEqual(as(null, 'm8'));
  });
});

describe('documentAccess', () => {
  const control: DocName = { kind: 'control', meetingId: 'h1' };
  const shared: DocName = { kind: 'shared', meetingId: 'h1' };
  const mine: DocName = { kind: 'private', meetingId: 'h1', memberId: 'm1' };
  const theirs: DocName = { kind: 'private', meetingId: 'h1', memberId: 'm2' };

  it.each<[string, Principal, DocName, string]>([
    ['chair reads control', as('chair'), control, 'read'],
    ['delegate reads control', as('delegate'), control, 'read'],
    ['observer reads control', as('observer'), control, 'read'],
    ['non-member: no control', as(null), control, 'none'],
    ['admin reads control', as(null, 'a', true), control, 'read'],
    ['delegate writes shared', as('delegate'), shared, 'write'],
    ['secretary writes shared', as('secretary'), shared, 'write'],
    ['observer reads shared', as('observer'), shared, 'read'],
    ['non-member: no shared', as(null), shared, 'none'],
    ['admin: no shared', as(null, 'a', true), shared, 'none'],
    ['own private', as('delegate'), mine, 'write'],
    ['observer owns private too', as('observer'), mine, 'write'],
    ["chair cannot read another's private", as('chair', 'm1'), theirs, 'none'],
    ["admin cannot read another's private", as(null, 'a', true), theirs, 'none'],
    ['former member: no private', as(null, 'm1'), mine, 'none'],
    ['the room screen reads control', as('display'), control, 'read'],
    ['the room screen: no shared', as('display'), shared, 'none'],
    ['the room screen: no private', as('display'), mine, 'none'],
  ])('%s', (_label, principal, doc, access) => {
    expect(documentAccess(principal, doc)).toBe(access);
  });
});

describe('canInElection (vote-counting committee)', () => {
  const committee = ['m2', 'm3'];
  const table: [string, Principal, MeetingAction, boolean][] = [
    [
      'a delegate on the committee opens the count',
      as('delegate', 'm2'),
      'election.count.open',
      true,
    ],
    [
      'a delegate on the committee sees the live count',
      as('delegate', 'm3'),
      'election.live-count',
      true,
    ],
    ['a committee member confirms', as('delegate', 'm3'), 'election.count.confirm', true],
    ['a committee member still votes as a delegate', as('delegate', 'm2'), 'ballot.cast', true],
    [
      'a committee member does not manage the election',
      as('delegate', 'm2'),
      'election.manage',
      false,
    ],
    [
      'the chair not on the committee cannot close the count',
      as('chair', 'm1'),
      'election.count.close',
      false,
    ],
    ['the chair manages the election', as('chair', 'm1'), 'election.manage', true],
    [
      'a delegate off the committee sees no live count',
      as('delegate', 'm4'),
      'election.live-count',
      false,
    ],
    [
      'a listed id no longer in the meeting is refused',
      as(null, 'm2'),
      'election.count.open',
      false,
    ],
    [
      'an administrator is not the committee',
      as(null, 'admin', true),
      'election.count.confirm',
      false,
    ],
  ];
  it.each(table)('%s', (_, principal, action, expected) => {
    expect(canInElection(principal, committee, action)).toBe(expected);
  });
  it('every committee action is in the table of actions', () => {
    for (const action of COMMITTEE_ACTIONS) expect(MEETING_ACTIONS).toContain(action);
  });
});
