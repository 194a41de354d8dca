import { VoteError } from './errors';
import { checkTime, MAX_ID_LENGTH, type Poll } from './poll';

/*
 * draft → open → closed → published; draft/open → cancelled, closed/published → cancelled with
 * a reason. Each step returns a new poll
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

export const MAX_CANCEL_REASON_LENGTH = 500;

/**
 * Why a poll is cancelled, cleaned: NFC, trimmed, inner whitespace runs (line breaks too) made
 * one space so it prints as one line, 1 to MAX_CANCEL_REASON_LENGTH characters, no control
 * characters. Throws 'bad-cancel-reason'.
 */
export function parseCancelReason(value: unknown): string {
  if (typeof value !== 'string') {
    throw new VoteError('bad-cancel-reason', 'The reason must be text.');
  }
  const text = value.normalize('NFC').replace(/\s+/gu, ' ').trim();
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/u.test(text)) {
    throw new VoteError('bad-cancel-reason', 'The reason holds control characters.');
  }
  if (text.length === 0 || text.length > MAX_CANCEL_REASON_LENGTH) {
    throw new VoteError(
      'bad-cancel-reason',
      `The reason must be 1 to ${MAX_CANCEL_REASON_LENGTH} characters.`,
    );
  }
  return text;
}

/**
 * A draft or open poll may be cancelled as it is (a reason is kept if given). Once closed (or
 * published) it has a result that the room has seen, so it is cancelled only with a reason,
 * which is recorded on the poll and printed in the minutes.
 */
export function cancelPoll(poll: Poll, now: number, reason?: string | null): Poll {
  if (poll.state === 'cancelled') {
    throw new VoteError('poll-not-cancellable', 'This poll is already cancelled.');
  }
  const afterClose = poll.state === 'closed' || poll.state === 'published';
  if (afterClose && (reason === undefined || reason === null)) {
    throw new VoteError(
      'cancel-reason-required',
      'A closed poll can only be cancelled with a reason, which the minutes print.',
    );
  }
  const cleaned = reason === undefined || reason === null ? null : parseCancelReason(reason);
  checkTime(now);
  return {
    ...poll,
    state: 'cancelled',
    cancelledAt: now,
    ...(cleaned !== null ? { cancelledReason: cleaned } : {}),
  };
}
