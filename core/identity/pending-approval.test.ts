import { describe, expect, it } from 'vitest';
import { checkFingerprint, parsePendingApproval } from './pending-approval';

const refusal = (body: unknown) => {
  try {
    parsePendingApproval(body);
    return 'accepted';
  } catch (error) {
    return (error as { code: string }).code;
  }
};

describe('parsePendingApproval', () => {
  it('takes an existing member or a new one, NFC-normalised', () => {
    expect(parsePendingApproval({ memberId: 'sy' })).toEqual({ memberId: 'sy' });
    expect(
      parsePendingApproval({
        newMember: { name: 'Pha\u0323m Thi\u0323 Ho\u0300a', position: 'Thư ký' },
      }),
    ).toEqual({ newMember: { name: 'Phạm Thị Hòa', position: 'Thư ký' } });
  });

  it('refuses both, neither, unknown fields, bad ids and empty names', () => {
    for (const body of [
      null,
      [],
      {},
      { memberId: 'sy', newMember: { name: 'x' } },
      { memberId: '../x' },
      { memberId: 7 },
      { newMember: { name: '  ' } },
      { newMember: { name: 'x', isAdmin: true } },
      { newMember: { name: 'x', email: 3 } },
      { newMember: 'x' },
      { memberId: 'sy', extra: 1 },
    ])
      expect(refusal(body), JSON.stringify(body)).toBe('pending-invalid');
  });
});

describe('checkFingerprint', () => {
  it('takes only a lower-case hex SHA-256', () => {
    expect(() => checkFingerprint('ab'.repeat(32))).not.toThrow();
    for (const bad of ['AB'.repeat(32), 'ab'.repeat(31), 'zz'.repeat(32), ''])
      expect(() => checkFingerprint(bad)).toThrow(
        expect.objectContaining({ code: 'fingerprint-invalid' }),
      );
  });
});
