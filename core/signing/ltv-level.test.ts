import { describe, expect, it } from 'vitest';
import { claimLevel } from './ltv-level';

const signerNotAfter = new Date(Date.UTC(2027, 0, 1));
const tsa = (year: number) => ({
  status: 'valid' as const,
  time: new Date(Date.UTC(2026, 11, 2)),
  tsaCertificateNotAfter: new Date(Date.UTC(year, 0, 1)),
});

describe('claimLevel', () => {
  const cases = [
    ['no timestamp', { timestamp: undefined, dssCovers: true, later: [] }, 'B-B', 2027],
    [
      'an invalid timestamp counts for nothing',
      { timestamp: { status: 'invalid' as const }, dssCovers: true, later: [tsa(2040)] },
      'B-B',
      2027,
    ],
    [
      'a valid timestamp',
      { timestamp: tsa(2031), dssCovers: false, later: [tsa(2040)] },
      'B-T',
      2031,
    ],
    ['timestamp and DSS', { timestamp: tsa(2031), dssCovers: true, later: [] }, 'B-LT', 2031],
    [
      'and document timestamps: the last one bounds it',
      {
        timestamp: tsa(2031),
        dssCovers: true,
        later: [tsa(2036), { status: 'invalid' as const }, tsa(2041)],
      },
      'B-LTA',
      2041,
    ],
  ] as const;
  for (const [name, input, level, year] of cases) {
    it(name, () => {
      const claim = claimLevel({
        signerNotAfter,
        timestamp: input.timestamp,
        dssCovers: input.dssCovers,
        laterDocumentTimestamps: input.later,
      });
      expect(claim).toEqual({ level, verifiableUntil: new Date(Date.UTC(year, 0, 1)) });
    });
  }
});
