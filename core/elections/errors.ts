import { CodedError } from '../errors/coded-error';

/**
 * Every refusal the election model can give, as a stable code (`elections.error.<code>` in the
 * UI catalogues, added with the UI). The message is for logs and developers.
 */
export type ElectionErrorCode =
  // parseElection
  | 'bad-election'
  | 'bad-election-id'
  | 'bad-seats'
  | 'bad-candidates'
  | 'bad-candidate'
  | 'duplicate-candidate'
  | 'too-few-candidates'
  | 'bad-threshold'
  | 'unknown-tie-rule'
  | 'unknown-further-round-rule'
  | 'bad-round-limit'
  // ballots (refused at the edge, never counted)
  | 'bad-ballot'
  | 'unknown-candidate'
  | 'duplicate-choice'
  // rounds
  | 'bad-round'
  | 'tie-order-required'
  | 'bad-tie-order'
  | 'election-complete'
  // ballot file
  | 'bad-ballot-file'
  | 'unsupported-ballot-file-version'
  | 'duplicate-commitment'
  | 'result-mismatch'
  // receipt
  | 'bad-receipt'
  // conduct (the server's rounds, conduct.ts)
  | 'bad-committee'
  | 'election-published'
  | 'round-in-progress'
  | 'no-voters'
  | 'wrong-round'
  | 'round-not-open'
  | 'round-not-counted'
  | 'not-eligible'
  | 'already-voted'
  | 'bad-commitment'
  | 'urn-mismatch';

export class ElectionError extends CodedError<ElectionErrorCode> {
  override readonly name = 'ElectionError';
}
