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
export {
  MAX_CANCEL_REASON_LENGTH,
  admitToPoll,
  cancelPoll,
  closePoll,
  openPoll,
  parseCancelReason,
  publishPoll,
} from './lifecycle';
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
export {
  ABSENT_LABEL,
  NOT_VOTED_LABEL,
  apportionHundredths,
  resultTable,
  type ResultRow,
  type ResultRowKind,
  type ResultTable,
  type TableCounts,
} from './result-rows';
