import type { CastBallotResponse } from '../../core/api/votes';
import {
  cancelPoll,
  castBallot,
  closePoll,
  hasVoted,
  openPoll,
  publishPoll,
  voterIds,
} from '../../core/votes';
import type { JsonValue } from '../store/types';
import type { PollRecord } from './records';

/** What a member asks of one poll; `memberId` always comes from the session. */
export type PollAction =
  | { type: 'open' | 'close' | 'publish' | 'cancel'; memberId: string }
  | { type: 'cast'; memberId: string; optionId: string };

/** Who may vote if the poll opens now (present members with a voting role). */
export interface VotersNow {
  present: string[];
  memberCount: number;
}

export interface Applied {
  record: PollRecord;
  /** The audit entry; for a secret ballot it names the voter, never the choice. */
  audit: JsonValue;
  /** For a ballot, the answer to its caller; lifecycle actions answer with the poll view. */
  ballot: CastBallotResponse | null;
}

/**
 * Applies one action to a poll record with core/votes, throwing its VoteError on refusal.
 * Pure: the record passed in is left untouched, so a refused action changes nothing.
 */
export function applyAction(
  record: PollRecord,
  action: PollAction,
  now: number,
  votersNow: VotersNow | null,
): Applied {
  const { poll, box, meetingId } = record;
  const base = {
    at: new Date(now).toISOString(),
    memberId: action.memberId,
    meetingId,
    pollId: poll.id,
  };
  switch (action.type) {
    case 'open': {
      const present = votersNow?.present ?? [];
      const opened = openPoll(poll, present, now);
      return {
        record: { ...record, poll: opened, memberCount: votersNow?.memberCount ?? present.length },
        audit: { ...base, action: 'poll.open', eligible: opened.eligible?.length ?? 0 },
        ballot: null,
      };
    }
    case 'close':
      return {
        record: { ...record, poll: closePoll(poll, now) },
        audit: { ...base, action: 'poll.close', voted: voterIds(box).length },
        ballot: null,
      };
    case 'publish':
      return {
        record: { ...record, poll: publishPoll(poll, now) },
        audit: { ...base, action: 'poll.publish' },
        ballot: null,
      };
    case 'cancel':
      return {
        record: { ...record, poll: cancelPoll(poll, now) },
        audit: { ...base, action: 'poll.cancel' },
        ballot: null,
      };
    case 'cast': {
      const changed = hasVoted(box, action.memberId);
      const next = castBallot(poll, box, action.memberId, action.optionId, now);
      const secret = next.kind === 'secret';
      const audit: JsonValue = secret
        ? { ...base, action: 'ballot.cast' }
        : { ...base, action: changed ? 'ballot.change' : 'ballot.cast', optionId: action.optionId };
      return {
        record: { ...record, box: next },
        audit,
        ballot: {
          pollId: poll.id,
          optionId: secret ? null : action.optionId,
          changed,
          voted: voterIds(next).length,
          eligible: poll.eligible?.length ?? 0,
        },
      };
    }
  }
}
