import { VoteError } from './errors';
import { checkTime, MAX_ID_LENGTH, type Poll } from './poll';

/*
 * draft → open → closed → published, and draft/open → cancelled. Each step returns a new poll
 * and leaves its argument untouched, so the server can compute, check and only then write.
 */

/** Opens a draft and freezes who may vote: the members present now, once each. */
export function openPoll(poll: Poll, presentMemberIds: readonly string[], now: number): Poll {
  if (poll.state !== 'draft') {
    throw new VoteError('poll-not-draft', `Only a draft poll can be opened (it is ${poll.state}).`);
  }
  checkTime(now);
  const eligible: string[] = [];
  const seen = new Set<string>();
  for (const id of presentMemberIds) {
    if (typeof id !== 'string' || id === '' || id.length > MAX_ID_LENGTH) {
      throw new VoteError('bad-member-id', 'Member ids must be non-empty strings.');
    }
    if (!seen.has(id)) {
      seen.add(id);
      eligible.push(id);
    }
  }
  if (eligible.length === 0) {
    throw new VoteError('no-eligible-members', 'No member is present to vote.');
  }
  return { ...poll, state: 'open', openedAt: now, eligible };
}

/**
 * Admits a member who arrived after the poll opened (the chair's decision, recorded): they join
 * the eligible list, so they may vote and count in a 'present' base. Nothing about ballots changes.
 */
export function admitToPoll(poll: Poll, memberId: string, now: number): Poll {
  if (poll.state !== 'open') {
    throw new VoteError(
      'poll-not-open',
      `Only an open poll admits a member (it is ${poll.state}).`,
    );
  }
  checkTime(now);
  if (typeof memberId !== 'string' || memberId === '' || memberId.length > MAX_ID_LENGTH) {
    throw new VoteError('bad-member-id', 'Member ids must be non-empty strings.');
  }
  const eligible = poll.eligible ?? [];
  if (eligible.includes(memberId)) {
    throw new VoteError('already-eligible', 'This member may already vote in this poll.');
  }
  return {
    ...poll,
    eligible: [...eligible, memberId],
    admitted: [...(poll.admitted ?? []), { memberId, at: now }],
  };
}

export function closePoll(poll: Poll, now: number): Poll {
  if (poll.state !== 'open') {
    throw new VoteError('poll-not-open', `Only an open poll can be closed (it is ${poll.state}).`);
  }
  checkTime(now);
  return { ...poll, state: 'closed', closedAt: now };
}

export function publishPoll(poll: Poll, now: number): Poll {
  if (poll.state !== 'closed') {
    throw new VoteError(
      'poll-not-closed',
      `Only a closed poll can be published (it is ${poll.state}).`,
    );
  }
  checkTime(now);
  return { ...poll, state: 'published', publishedAt: now };
}

/** A closed poll has a result and is kept in the minutes, so it cannot be cancelled. */
export function cancelPoll(poll: Poll, now: number): Poll {
  if (poll.state !== 'draft' && poll.state !== 'open') {
    throw new VoteError(
      'poll-not-cancellable',
      `Only a draft or open poll can be cancelled (it is ${poll.state}).`,
    );
  }
  checkTime(now);
  return { ...poll, state: 'cancelled', cancelledAt: now };
}
