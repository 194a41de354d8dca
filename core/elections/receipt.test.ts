import { describe, expect, it } from 'vitest';
import { toHex } from '../util/hex';
import { testHasher } from './random-election';
import { commitBallot, verifyReceipt, type BallotReceipt } from './receipt';

const secret = Uint8Array.from({ length: 32 }, (_, i) => i * 7);

describe('ballot receipt', () => {
  it('is a fixed, documented hash (the Python recount and any client can recompute it)', async () => {
    // SHA-256 of '["dienhong/election-ballot/v1","e1",1,["c1","c3"]]' ‖ 0x00 ‖ secret
    const c = await commitBallot(testHasher, 'e1', 1, { kept: ['c1', 'c3'] }, secret);
    // Computed independently with Python's hashlib.
    expect(c).toBe('c905da1809a28437f1ebc400a4dddb6f8c0f3de72115637dbb39cd148de58463');
    expect(c).toBe(await commitBallot(testHasher, 'e1', 1, { kept: ['c1', 'c3'] }, secret));
    expect(c).not.toBe(await commitBallot(testHasher, 'e1', 2, { kept: ['c1', 'c3'] }, secret));
    expect(c).not.toBe(await commitBallot(testHasher, 'e2', 1, { kept: ['c1', 'c3'] }, secret));
    expect(c).not.toBe(await commitBallot(testHasher, 'e1', 1, { kept: ['c1'] }, secret));
  });
  it('refuses a secret of the wrong size', async () => {
    await expect(
      commitBallot(testHasher, 'e1', 1, { kept: [] }, new Uint8Array(8)),
    ).rejects.toMatchObject({ code: 'bad-receipt' });
  });
  it.each([
    [
      'counted',
      (r: BallotReceipt) => [
        { commitment: r.commitment, kept: ['c1', 'c3'] },
        { commitment: 'ff'.repeat(32), kept: [] },
      ],
    ],
    ['choices-differ', (r: BallotReceipt) => [{ commitment: r.commitment, kept: ['c1'] }]],
    ['not-listed', () => [{ commitment: 'ab'.repeat(32), kept: ['c1', 'c3'] }]],
  ] as const)('%s', async (expected, list) => {
    const receipt: BallotReceipt = {
      electionId: 'e1',
      round: 1,
      kept: ['c1', 'c3'],
      secret: toHex(secret),
      commitment: await commitBallot(testHasher, 'e1', 1, { kept: ['c1', 'c3'] }, secret),
    };
    expect(await verifyReceipt(testHasher, receipt, list(receipt))).toBe(expected);
  });
  it('a receipt whose r or choices were altered does not open its commitment', async () => {
    const commitment = await commitBallot(testHasher, 'e1', 1, { kept: ['c1'] }, secret);
    const receipt: BallotReceipt = {
      electionId: 'e1',
      round: 1,
      kept: ['c2'],
      secret: toHex(secret),
      commitment,
    };
    expect(await verifyReceipt(testHasher, receipt, [{ commitment, kept: ['c2'] }])).toBe(
      'commitment-mismatch',
    );
    await expect(verifyReceipt(testHasher, { ...receipt, secret: 'zz' }, [])).rejects.toMatchObject(
      { code: 'bad-receipt' },
    );
  });
});
