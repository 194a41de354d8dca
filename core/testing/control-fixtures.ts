/** Well-formed control-document views for tests, overridden field by field. */
import type { AttendanceMemberView, PollView } from '../api/votes';

/** A named draft poll on agenda item `item-1` with the default for/against options. */
export function samplePoll(patch: Partial<PollView> = {}): PollView {
  return {
    id: 'p1',
    agendaItemId: 'item-1',
    title: 'Nghị quyết',
    kind: 'named',
    options: [
      { id: 'for', label: 'Tán thành' },
      { id: 'against', label: 'Không tán thành' },
    ],
    rule: 'simple',
    base: 'cast',
    quorum: 0,
    allowChange: false,
    state: 'draft',
    createdAt: 1,
    openedAt: null,
    closedAt: null,
    publishedAt: null,
    cancelledAt: null,
    cancelledReason: null,
    eligible: [],
    admitted: [],
    memberCount: null,
    voters: [],
    ballotsCast: 0,
    result: null,
    ...patch,
  };
}

/** A delegate with a vote who has not checked in. */
export function sampleMember(
  memberId: string,
  patch: Partial<AttendanceMemberView> = {},
): AttendanceMemberView {
  return {
    memberId,
    role: 'delegate',
    votes: true,
    status: 'absent',
    at: null,
    reason: null,
    arrivedAt: null,
    late: false,
    leftAt: null,
    markedBy: null,
    ...patch,
  };
}
