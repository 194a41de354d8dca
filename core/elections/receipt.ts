import type { Hasher } from '../crypto/types';
import { concatBytes } from '../util/bytes';
import { toHex } from '../util/hex';
import type { ElectionBallot } from './ballot';
import { ElectionError } from './errors';

/** Domain separation: a commitment here can never be mistaken for another hash of the project. */
export const BALLOT_COMMITMENT_DOMAIN = 'dienhong/election-ballot/v1';
export const RECEIPT_SECRET_BYTES = 32;

/**
 * c = SHA-256(UTF-8(JSON.stringify([domain, electionId, round, kept])) ‖ 0x00 ‖ r), lower-case
 * hex. Ids are [A-Za-z0-9._-], so the JSON text is canonical in every language. `r` is 32
 * random bytes the voter's client draws and keeps; without it nobody can test guesses of the
 * choices against c.
 */
export async function commitBallot(
  hasher: Hasher,
  electionId: string,
  round: number,
  ballot: ElectionBallot,
  secret: Uint8Array,
): Promise<string> {
  if (secret.length !== RECEIPT_SECRET_BYTES) {
    throw new ElectionError(
      'bad-receipt',
      `The receipt secret must be ${RECEIPT_SECRET_BYTES} bytes.`,
    );
  }
  const text = JSON.stringify([BALLOT_COMMITMENT_DOMAIN, electionId, round, ballot.kept]);
  return toHex(
    await hasher.sha256(concatBytes([new TextEncoder().encode(text), new Uint8Array([0]), secret])),
  );
}

/** What the voter keeps: enough to find and check their ballot, nothing the list does not show. */
export interface BallotReceipt {
  electionId: string;
  round: number;
  commitment: string;
  /** The secret r, hex. */
  secret: string;
  kept: string[];
}

/** One line of the published ballot list. */
export interface PublishedBallot {
  commitment: string;
  kept: string[];
}

export type ReceiptCheck =
  | 'counted' // listed with the same choices: the ballot is in the count, unchanged
  | 'not-listed' // no ballot with this commitment was published
  | 'choices-differ' // listed, but with other choices than the voter's
  | 'commitment-mismatch'; // the receipt itself does not open its commitment (r or choices wrong)

function hexBytes(hex: string): Uint8Array {
  if (!/^([0-9a-f]{2})*$/.test(hex))
    throw new ElectionError('bad-receipt', 'The receipt secret must be hex.');
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i += 1) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** Checks a receipt against the round's published list (the voter's own client runs this). */
export async function verifyReceipt(
  hasher: Hasher,
  receipt: BallotReceipt,
  published: readonly PublishedBallot[],
): Promise<ReceiptCheck> {
  const opened = await commitBallot(
    hasher,
    receipt.electionId,
    receipt.round,
    { kept: receipt.kept },
    hexBytes(receipt.secret),
  );
  if (opened !== receipt.commitment) return 'commitment-mismatch';
  const line = published.find((b) => b.commitment === receipt.commitment);
  if (line === undefined) return 'not-listed';
  const same =
    line.kept.length === receipt.kept.length && line.kept.every((id, i) => receipt.kept[i] === id);
  return same ? 'counted' : 'choices-differ';
}
