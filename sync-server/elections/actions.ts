import { electionErrorStatus, type CastElectionBallotResponse } from '../../core/api/elections';
import { ApiValidationError } from '../../core/api/meetings';
import { ElectionError } from '../../core/elections';
import { HttpError } from '../http/router';
import { BallotKeyError } from '../votes/poll-keys';
import { UrnError } from '../votes/urn';

/** What a member asks of one election; `memberId` always comes from the session. */
export type ElectionAction =
  | { type: 'open' | 'publish'; memberId: string }
  | { type: 'close'; memberId: string; round: number }
  | { type: 'confirm'; memberId: string; round: number; tieOrder?: string[] }
  | { type: 'cast'; memberId: string; round: number; kept: unknown; commitment: unknown };

export type Outcome = { view: true } | { ballot: CastElectionBallotResponse };

export const TAG_DOMAIN = 'dienhong/election-commitment-tag/v1\u0000';

/** The key of a round's urn, in the round keys' folder. */
export const roundKeyId = (electionId: string, round: number) => `${electionId}.r${round}`;

/** Turns the errors a client or the operator can cause into HTTP refusals with their code. */
export async function refusals<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof ElectionError)
      throw new HttpError(electionErrorStatus(error.code), error.code, error.message);
    if (error instanceof ApiValidationError) throw new HttpError(400, error.code, error.message);
    if (error instanceof BallotKeyError || error instanceof UrnError)
      throw new HttpError(503, error.code, error.message);
    throw error;
  }
}
