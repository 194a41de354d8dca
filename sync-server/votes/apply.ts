import type { CastBallotResponse } from '../../core/api/votes';
import {
  admitToPoll,
  cancelPoll,
  castBallot,
  closePoll,
  countChoices,
  hasVoted,
  openPoll,
  publishPoll,
  uncountedBox,
  voterIds,
} from '../../core/votes';
import type { JsonValue } from '../store/types';
import type { PollRecord } from './records';
import { dropInUrn, type SealedUrn } from './urn';

/** What a member asks of one poll; `memberId` always comes from the session. */
export type PollAction =
  | { type: 'open' | 'close' | 'publish'; memberId: string }
  | { type: 'cancel'; memberId: string; reason: string | null }
  | { type: 'cast'; memberId: string; optionId: string }
  /** The chair (`memberId`) admits a latecomer (`target`) to an open poll. */
  | { type: 'admit'; memberId: string; target: string };

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

/** What a secret poll's urn needs from outside: its key at open, its opening at close. */
export interface UrnAccess {
  /** The public key made for a secret poll about to open; null when none was made. */
  publicKey: string | null;
  /** Opens the sealed choices (the poll key, unsealed for this close); null when not unsealed. */
  open: ((urn: SealedUrn) => string[]) | null;
}

const NO_URN: UrnAccess = { publicKey: null, open: null };

/**
 * Applies one action to a poll record with core/votes, throwing its VoteError on refusal.
 * Pure: the record passed in is left untouched, so a refused action changes nothing.
 */
export function applyAction(
  record: PollRecord,
  action: PollAction,
  now: number,
  votersNow: VotersNow | null,
  urn: UrnAccess = NO_URN,
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
      const sealed = poll.kind === 'secret';
      if (sealed && urn.publicKey === null) throw new Error('a secret poll opens with a poll key');
      return {
        record: {
          ...record,
          poll: opened,
          memberCount: votersNow?.memberCount ?? present.length,
          ...(sealed ? { urn: { publicKey: urn.publicKey as string, ballots: [] } } : {}),
        },
        audit: { ...base, action: 'poll.open', eligible: opened.eligible?.length ?? 0 },
        ballot: null,
      };
    }
    case 'close': {
      const closed = closePoll(poll, now);
      let counted = box;
      if (box.kind === 'secret' && record.urn) {
        if (!urn.open) throw new Error('a secret poll closes with its poll key');
        // The one moment counts come to exist: every ballot at once, none by itself.
        counted = countChoices(closed, box, urn.open(record.urn));
      }
      return {
        record: { ...record, poll: closed, box: counted, urn: null },
        audit: { ...base, action: 'poll.close', voted: voterIds(box).length },
        ballot: null,
      };
    }
    case 'publish':
      return {
        record: { ...record, poll: publishPoll(poll, now) },
        audit: { ...base, action: 'poll.publish' },
        ballot: null,
      };
    case 'cancel': {
      const cancelled = cancelPoll(poll, now, action.reason);
      const reason = cancelled.cancelledReason;
      return {
        record: { ...record, poll: cancelled, urn: null },
        audit: {
          ...base,
          action: 'poll.cancel',
          from: poll.state,
          ...(reason !== undefined ? { reason } : {}),
        },
        ballot: null,
      };
    }
    case 'admit':
      return {
        record: { ...record, poll: admitToPoll(poll, action.target, now) },
        audit: { ...base, action: 'poll.admit', target: action.target },
        ballot: null,
      };
    case 'cast': {
      const changed = hasVoted(box, action.memberId);
      const next = castBallot(poll, box, action.memberId, action.optionId, now);
      const secret = next.kind === 'secret';
      const audit: JsonValue = secret
        ? { ...base, action: 'ballot.cast' }
        : { ...base, action: changed ? 'ballot.change' : 'ballot.cast', optionId: action.optionId };
      // A sealed poll keeps no count until close; a poll opened before urns existed still does.
      const stored =
        next.kind === 'secret' && record.urn
          ? { box: uncountedBox(next), urn: dropInUrn(record.urn, action.optionId) }
          : { box: next };
      return {
        record: { ...record, ...stored },
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
