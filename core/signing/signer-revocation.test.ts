import { describe, expect, it } from 'vitest';
import { revokedRelativeTo } from './signer-revocation';

describe('revocation placed against the signing time', () => {
  const revokedAt = new Date(Date.UTC(2026, 5, 1, 8, 0, 0));
  it.each([
    ['signed a second before', new Date(revokedAt.getTime() - 1000), 'revoked-after-signing'],
    ['signed at the revocation time', revokedAt, 'revoked'],
    ['signed after', new Date(revokedAt.getTime() + 1000), 'revoked'],
    ['no signing time', undefined, 'revoked'],
  ] as const)('%s', (_, signingTime, want) =>
    expect(revokedRelativeTo(revokedAt, signingTime)).toBe(want),
  );
  it('no revocation time: revoked', () =>
    expect(revokedRelativeTo(undefined, new Date(0))).toBe('revoked'));
});
