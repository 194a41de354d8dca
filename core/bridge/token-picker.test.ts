import { describe, expect, it } from 'vitest';
import type { TokenCertificate, TokenList, TokenSummary } from './contract';
import {
  choiceProblems,
  keyPresence,
  preselectedChoice,
  tokenChoices,
  tokenKeyRef,
} from './token-picker';

// A fixed instant, not today.
const now = new Date('2026-12-02T08:00:00Z');

function cert(over: Partial<TokenCertificate> & { keyId: string }): TokenCertificate {
  return {
    label: '',
    subject: `CN=${over.subjectCommonName ?? 'Nguyễn Tiến Sỹ'}`,
    subjectCommonName: 'Nguyễn Tiến Sỹ',
    issuer: 'CN=VNPT-CA',
    issuerCommonName: 'VNPT-CA',
    serialNumber: '5a',
    notBefore: '2026-01-01T00:00:00Z',
    notAfter: '2028-01-01T00:00:00Z',
    fingerprintSha256: over.keyId.padEnd(64, '0'),
    ...over,
  };
}

function token(over: Partial<TokenSummary>): TokenSummary {
  return {
    slot: '1',
    tokenLabel: 'Máy họp 1',
    manufacturer: 'SoftHSM project',
    model: 'SoftHSM v2',
    serialNumber: 'abc',
    certificates: [],
    keyIds: [],
    ...over,
  };
}

describe('keyPresence', () => {
  it.each([
    [['11', '22'], '11', 'present'],
    [['AB'], 'ab', 'present'],
    [['22'], '11', 'missing'],
    // The token hides its keys until the PIN: cannot be told, so not refused.
    [[], '11', 'unknown'],
    // No CKA_ID on the certificate: no key can be named.
    [[], '', 'missing'],
    [['11'], 'zz', 'missing'],
  ] as const)('keys %j, certificate %s: %s', (keyIds, keyId, expected) => {
    expect(keyPresence({ keyIds: [...keyIds] }, { keyId })).toBe(expected);
  });
});

describe('choiceProblems', () => {
  const withKey = { keyIds: ['11'] };
  it('a valid certificate with its key has none', () => {
    expect(choiceProblems(withKey, cert({ keyId: '11' }), now)).toEqual([]);
  });
  it('marks expired and not yet valid by the injected clock', () => {
    expect(
      choiceProblems(withKey, cert({ keyId: '11', notAfter: '2026-12-02T07:59:59Z' }), now),
    ).toEqual(['expired']);
    expect(
      choiceProblems(withKey, cert({ keyId: '11', notBefore: '2026-12-02T08:00:01Z' }), now),
    ).toEqual(['not-yet-valid']);
    // The bounds themselves are inside the validity.
    expect(
      choiceProblems(
        withKey,
        cert({
          keyId: '11',
          notBefore: '2026-12-02T08:00:00Z',
          notAfter: '2026-12-02T08:00:00Z',
        }),
        now,
      ),
    ).toEqual([]);
  });
  it('lists every reason at once', () => {
    expect(
      choiceProblems(withKey, cert({ keyId: '99', notAfter: '2020-01-01T00:00:00Z' }), now),
    ).toEqual(['expired', 'key-missing']);
  });
});

describe('tokenChoices', () => {
  const list: TokenList = {
    moduleConfigured: true,
    tokens: [
      token({
        slot: '7',
        tokenLabel: 'Máy họp 1',
        keyIds: ['11', '22', '33'],
        certificates: [
          cert({ keyId: '22', subjectCommonName: 'Trần Thị Hồng Nhung' }),
          cert({ keyId: '33', subjectCommonName: 'Ánh', notAfter: '2026-06-01T00:00:00Z' }),
          cert({ keyId: '11', subjectCommonName: 'Đặng Văn Bình' }),
          cert({ keyId: '44', subjectCommonName: 'Bùi Lan' }),
        ],
      }),
      token({
        slot: '3',
        tokenLabel: 'Dự phòng',
        certificates: [cert({ keyId: 'ca01', subjectCommonName: 'Nguyễn Tiến Sỹ' })],
      }),
    ],
  };
  const choices = tokenChoices(list, now);

  it('puts selectable ones first, then by token and holder in Vietnamese order', () => {
    expect(
      choices.map((c) => [c.tokenLabel, c.certificate.subjectCommonName, c.selectable]),
    ).toEqual([
      ['Dự phòng', 'Nguyễn Tiến Sỹ', true],
      ['Máy họp 1', 'Đặng Văn Bình', true],
      ['Máy họp 1', 'Trần Thị Hồng Nhung', true],
      ['Máy họp 1', 'Ánh', false],
      ['Máy họp 1', 'Bùi Lan', false],
    ]);
    expect(choices.find((c) => c.certificate.keyId === '33')?.problems).toEqual(['expired']);
    expect(choices.find((c) => c.certificate.keyId === '44')?.problems).toEqual(['key-missing']);
  });

  it('gives each choice a distinct id and the key ref signPdf needs', () => {
    expect(new Set(choices.map((c) => c.id)).size).toBe(choices.length);
    const binh = choices.find((c) => c.certificate.keyId === '11')!;
    expect(tokenKeyRef(binh)).toEqual({ keyId: '11', slot: '7', tokenLabel: 'Máy họp 1' });
  });

  it('preselects the member’s own certificate, else the first selectable, else none', () => {
    expect(preselectedChoice(choices, 'Trần Thị Hồng Nhung')?.certificate.keyId).toBe('22');
    // NFD input (as some keyboards type it) still finds the NFC name.
    expect(
      preselectedChoice(choices, 'Trần Thị Hồng Nhung'.normalize('NFD'))?.certificate.keyId,
    ).toBe('22');
    expect(preselectedChoice(choices, 'Ánh')?.certificate.keyId).toBe('ca01');
    expect(
      preselectedChoice(
        choices.filter((c) => !c.selectable),
        'Ánh',
      ),
    ).toBeNull();
    expect(tokenChoices({ moduleConfigured: true, tokens: [] }, now)).toEqual([]);
  });
});
