export { VoteError, type VoteErrorCode } from './errors';
export {
  ABSTAIN,
  AGAINST,
  FOR,
  MAJORITY_BASES,
  MAJORITY_RULES,
  MAX_OPTIONS,
  MIN_OPTIONS,
  POLL_KINDS,
  createPoll,
  defaultOptions,
  parsePollDraft,
  quorumFor,
  type MajorityBase,
  type MajorityRule,
  type Poll,
  type PollDraft,
  type PollKind,
  type PollOption,
  type PollState,
} from './poll';
export { admitToPoll, cancelPoll, closePoll, openPoll, publishPoll } from './lifecycle';
export {
  castBallot,
  countChoices,
  countsByOption,
  emptyBallotBox,
  hasVoted,
  uncountedBox,
  voterIds,
  type BallotBox,
  type NamedBallot,
  type NamedBallotBox,
  type SecretBallotBox,
} from './ballot';
export { baseCount, meetsRule, percentOf, type BaseCounts } from './majority';
export { tally, type OptionTally, type Tally, type TallyContext, type TallyOutcome } from './tally';
