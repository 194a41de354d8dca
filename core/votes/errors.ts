import { CodedError } from '../errors/coded-error';

/**
 * Every refusal the vote model can give, as a stable code. The UI shows `votes.error.<code>`
 * (Vietnamese and English); the message is for logs and developers.
 */
export type VoteErrorCode =
  // parsePollDraft
  | 'bad-draft'
  | 'unknown-field'
  | 'bad-title'
  | 'bad-agenda-item'
  | 'unknown-kind'
  | 'bad-options'
  | 'too-few-options'
  | 'too-many-options'
  | 'bad-option-id'
  | 'bad-option-label'
  | 'duplicate-option'
  | 'unknown-rule'
  | 'unknown-base'
  | 'bad-quorum'
  | 'bad-allow-change'
  | 'secret-change-not-allowed'
  // createPoll, lifecycle
  | 'bad-poll-id'
  | 'bad-time'
  | 'bad-member-id'
  | 'no-eligible-members'
  | 'poll-not-draft'
  | 'poll-not-open'
  | 'poll-not-closed'
  | 'poll-not-cancellable'
  | 'cancel-reason-required'
  | 'bad-cancel-reason'
  | 'already-eligible'
  // castBallot
  | 'ballot-box-mismatch'
  | 'not-eligible'
  | 'unknown-option'
  | 'already-voted'
  // tally
  | 'bad-tally-context'
  | 'inconsistent-ballots';

export class VoteError extends CodedError<VoteErrorCode> {
  override readonly name = 'VoteError';
}
