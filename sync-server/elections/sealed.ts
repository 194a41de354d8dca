/**
 * An election ballot in the urn (../votes/urn.ts): the commitment (32 bytes) and one bit per
 * candidate of the round, in ballot order (1 = kept), padded to one size for every round of
 * every election, so a sealed ballot is random bytes of one length whatever it keeps.
 */
import type { ElectionBallot, Round } from '../../core/elections/ballot';
import { MAX_CANDIDATES } from '../../core/elections/election';
import type { KeyObject } from 'node:crypto';
import { openBytes, sealBytes, UrnError } from '../votes/urn';

const COMMITMENT_BYTES = 32;
const PLAIN = COMMITMENT_BYTES + Math.ceil(MAX_CANDIDATES / 8);

export interface OpenedBallot {
  commitment: string;
  ballot: ElectionBallot;
}

export function sealElectionBallot(
  publicKey: string,
  round: Round,
  commitment: string,
  ballot: ElectionBallot,
): string {
  const plain = Buffer.alloc(PLAIN);
  Buffer.from(commitment, 'hex').copy(plain, 0);
  round.candidateIds.forEach((id, i) => {
    if (!ballot.kept.includes(id)) return;
    const at = COMMITMENT_BYTES + (i >> 3);
    plain[at] = (plain[at] ?? 0) | (1 << (i & 7));
  });
  return sealBytes(publicKey, plain);
}

export function openElectionBallots(
  privateKey: KeyObject,
  publicKey: string,
  round: Round,
  sealed: readonly string[],
): OpenedBallot[] {
  return openBytes(privateKey, publicKey, sealed, PLAIN).map((plain) => {
    const kept = round.candidateIds.filter(
      (_, i) => ((plain[COMMITMENT_BYTES + (i >> 3)] ?? 0) >> (i & 7)) & 1,
    );
    for (let i = round.candidateIds.length; i < MAX_CANDIDATES; i += 1) {
      if (((plain[COMMITMENT_BYTES + (i >> 3)] ?? 0) >> (i & 7)) & 1)
        throw new UrnError('urn-corrupt', 'A sealed ballot keeps a name the round does not have.');
    }
    return { commitment: plain.subarray(0, COMMITMENT_BYTES).toString('hex'), ballot: { kept } };
  });
}
