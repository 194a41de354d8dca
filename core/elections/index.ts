export { ElectionError, type ElectionErrorCode } from './errors';
export {
  DEFAULT_MAX_ROUNDS,
  DEFAULT_THRESHOLD,
  FURTHER_ROUND_RULES,
  isElectionId,
  parseElection,
  parseThreshold,
  TIE_RULES,
  type Candidate,
  type Election,
  type FurtherRoundRule,
  type ThresholdRule,
  type TieRule,
} from './election';
export {
  ballotValidity,
  parseElectionBallot,
  type BallotValidity,
  type ElectionBallot,
  type Round,
} from './ballot';
export { basisPointsOfValid, countRound, formatBasisPoints, type RoundCount } from './count';
export { minimumVotes, reachesThreshold, type ThresholdBases } from './threshold';
export {
  ageOrder,
  decideRound,
  nextRound,
  runElection,
  type ElectionResult,
  type ElectionStatus,
  type RoundDecision,
  type RoundInput,
} from './rounds';
export { maySee, ROUND_VISIBILITY, type RoundState, type RoundView } from './committee';
export { preliminariesPending, preliminaryPollDraft, type PreliminaryKind } from './preliminaries';
export {
  BALLOT_COMMITMENT_DOMAIN,
  commitBallot,
  RECEIPT_SECRET_BYTES,
  verifyReceipt,
  type BallotReceipt,
  type PublishedBallot,
  type ReceiptCheck,
} from './receipt';
export {
  BALLOT_FILE_FORMAT,
  BALLOT_FILE_VERSION,
  exportBallotFile,
  recountBallotFile,
  type BallotFile,
  type BallotFileRound,
  type DeclaredRound,
} from './export';
export {
  castElectionBallot,
  closeRound,
  confirmRound,
  currentRound,
  electedSoFar,
  electionStatus,
  newElectionRecord,
  openRound,
  publishElection,
  type ElectionRecord,
  type OpenUrn,
  type RoundRecord,
} from './conduct';
