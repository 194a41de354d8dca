import { describe, expect, it } from 'vitest';
import { type VerdictInput, fileVerdict, signatureVerdict } from './verdict';

const good: VerdictInput = {
  byteRangeWellFormed: true,
  digestValid: true,
  signatureValid: true,
  algorithmSupported: true,
  issuedByTrustedCa: true,
  certificateValidAtSigningTime: true,
  coversRevision: true,
  laterChanges: { level: 'none', permitted: [], refused: [] },
};
const refused = {
  level: 'other' as const,
  permitted: [],
  refused: [{ code: 'page-content-changed' as const, message: 'x' }],
};
const formFilling = {
  level: 'form-filling' as const,
  permitted: ['signature-added' as const],
  refused: [],
};

describe('signature verdict', () => {
  const cases: [string, Partial<VerdictInput>, ReturnType<typeof signatureVerdict>][] = [
    ['all good, nothing after', {}, 'valid'],
    ['a permitted co-sign after', { laterChanges: formFilling }, 'valid-with-permitted-changes'],
    ['a refused change after', { laterChanges: refused }, 'changed-after-signing'],
    ['digest mismatch', { digestValid: false }, 'changed-after-signing'],
    ['CMS signature wrong', { signatureValid: false }, 'changed-after-signing'],
    ['byte range not framing /Contents', { byteRangeWellFormed: false }, 'changed-after-signing'],
    ['does not end a revision', { coversRevision: false }, 'changed-after-signing'],
    ['untrusted CA', { issuedByTrustedCa: false }, 'trust-unknown'],
    ['certificate not valid then', { certificateValidAtSigningTime: false }, 'trust-unknown'],
    // An algorithm we cannot check is never called tampered, even though nothing verified.
    [
      'unsupported algorithm',
      { algorithmSupported: false, signatureValid: false, issuedByTrustedCa: false },
      'unsupported-algorithm',
    ],
    ['revoked before signing', { revocation: { status: 'revoked', problems: [] } }, 'revoked'],
    [
      'revoked after signing stays valid',
      { revocation: { status: 'revoked-after-signing', problems: [] } },
      'valid',
    ],
    [
      'no answer, policy refuse',
      { revocation: { status: 'not-checked', policy: 'refuse', problems: [] } },
      'trust-unknown',
    ],
    [
      'unknown, policy refuse',
      { revocation: { status: 'unknown', policy: 'refuse', problems: [] } },
      'trust-unknown',
    ],
    [
      'no answer, policy warn',
      { revocation: { status: 'not-checked', policy: 'warn', problems: [] } },
      'valid',
    ],
    ['no checker at all', { revocation: { status: 'not-checked', problems: [] } }, 'valid'],
    [
      'changed beats revoked',
      { laterChanges: refused, revocation: { status: 'revoked', problems: [] } },
      'changed-after-signing',
    ],
    [
      'changed beats untrusted',
      { laterChanges: refused, issuedByTrustedCa: false },
      'changed-after-signing',
    ],
  ];
  for (const [name, patch, want] of cases)
    it(name, () => expect(signatureVerdict({ ...good, ...patch })).toBe(want));
});

describe('file verdict', () => {
  it('is valid when every signature is and the last revision is signed', () => {
    expect(
      fileVerdict([
        { verdict: 'valid-with-permitted-changes', coversWholeDocument: false },
        { verdict: 'valid', coversWholeDocument: true },
      ]),
    ).toBe('valid');
  });
  it('is never valid with anything after the last signature', () => {
    expect(
      fileVerdict([{ verdict: 'valid-with-permitted-changes', coversWholeDocument: false }]),
    ).toBe('valid-with-permitted-changes');
  });
  it('takes the worst signature, and says unsigned for none', () => {
    expect(
      fileVerdict([
        { verdict: 'trust-unknown', coversWholeDocument: false },
        { verdict: 'changed-after-signing', coversWholeDocument: true },
      ]),
    ).toBe('changed-after-signing');
    expect(fileVerdict([])).toBe('unsigned');
  });
});
