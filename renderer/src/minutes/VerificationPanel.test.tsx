import i18next from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type {
  PdfSignatureReport,
  PermittedChange,
  RefusedChangeCode,
  SignatureVerdict,
  SignerRevocationStatus,
} from '../../../core/signing';
import { en, vi } from '../i18n/catalog';
import { VerificationPanel } from './VerificationPanel';

// Records, so the type checker fails when core gains a word the panel cannot say.
const VERDICTS: Record<SignatureVerdict | 'unsigned', true> = {
  valid: true,
  'valid-with-permitted-changes': true,
  'changed-after-signing': true,
  'trust-unknown': true,
  'unsupported-algorithm': true,
  revoked: true,
  unsigned: true,
};
const REVOCATION: Record<SignerRevocationStatus, true> = {
  good: true,
  revoked: true,
  'revoked-after-signing': true,
  unknown: true,
  'not-checked': true,
};
const PERMITTED: Record<PermittedChange, true> = {
  'signature-added': true,
  'signature-field-created': true,
  'document-timestamp-added': true,
  'widget-joined-annots': true,
  'form-fields-grew': true,
  'dss-updated': true,
  'catalog-references': true,
  'document-info-updated': true,
};
const REFUSED: Record<RefusedChangeCode, true> = {
  'page-changed': true,
  'page-content-changed': true,
  'annotation-added': true,
  'font-changed': true,
  'signed-field-changed': true,
  'signature-rewritten': true,
  'form-changed': true,
  'catalog-changed': true,
  'metadata-changed': true,
  'object-freed': true,
  'object-changed': true,
  'data-appended': true,
  'docmdp-forbids': true,
  'not-a-revision': true,
};

function report(overrides: Partial<PdfSignatureReport>): PdfSignatureReport {
  return {
    fieldName: 'secretary',
    subFilter: 'ETSI.CAdES.detached',
    signerCommonName: 'Nguyễn Tiến Sỹ',
    claimedName: undefined,
    signingTime: undefined,
    byteRange: [0, 10, 20, 30],
    byteRangeWellFormed: true,
    signedLength: 50,
    coversWholeDocument: false,
    digestValid: true,
    signatureValid: true,
    issuedByTrustedCa: true,
    certificateValidAtSigningTime: true,
    hasSigningCertificateV2: true,
    hasSigningTimeAttribute: false,
    algorithmSupported: true,
    revision: 1,
    laterChanges: { level: 'none', permitted: [], refused: [] },
    docMdp: undefined,
    revocation: { status: 'not-checked', problems: [] },
    verdict: 'valid',
    problems: [],
    ...overrides,
  };
}

const render = (reports: PdfSignatureReport[]): string =>
  renderToStaticMarkup(
    <I18nextProvider i18n={i18next}>
      <VerificationPanel reports={reports} />
    </I18nextProvider>,
  );

beforeAll(async () => {
  await i18next.use(initReactI18next).init({
    resources: { vi: { translation: vi }, en: { translation: en } },
    lng: 'vi',
    keySeparator: false,
    nsSeparator: false,
  });
});

describe('verification panel', () => {
  it('has Vietnamese and English words for every verdict and change', () => {
    const keys = [
      ...Object.keys(VERDICTS).map((v) => `minutes.verify.file.${v}`),
      ...Object.keys(VERDICTS)
        .filter((v) => v !== 'unsigned')
        .map((v) => `minutes.verify.verdict.${v}`),
      ...Object.keys(PERMITTED).map((p) => `minutes.verify.permitted.${p}`),
      ...Object.keys(REVOCATION).map((s) => `minutes.verify.revocation.${s}`),
      ...Object.keys(REFUSED).map((c) => `minutes.verify.refused.${c}`),
      ...['B-B', 'B-T', 'B-LT', 'B-LTA'].map((l) => `minutes.verify.level.${l}`),
    ];
    for (const key of keys) {
      expect(vi[key as keyof typeof vi], key).toBeTruthy();
      expect(en[key as keyof typeof en], key).toBeTruthy();
    }
  });

  it('says who timestamped, the level in plain words, and until when it stays verifiable', () => {
    const html = render([
      report({
        signingTime: new Date(Date.UTC(2026, 11, 2, 8, 0)),
        timestamp: {
          status: 'valid',
          time: new Date(Date.UTC(2026, 11, 2, 8, 0)),
          tsaSubject: 'TSA Ban Cơ yếu',
        },
        level: 'B-LT',
        verifiableUntil: new Date(Date.UTC(2036, 0, 1)),
        verifiableNow: true,
      }),
      report({
        fieldName: 'chair',
        level: 'B-B',
        verifiableUntil: new Date(Date.UTC(2026, 0, 1)),
        verifiableNow: false,
        signingTime: new Date(Date.UTC(2025, 11, 1)),
      }),
    ]);
    expect(html).toContain('theo dấu thời gian của TSA Ban Cơ yếu');
    expect(html).toContain('Có dấu thời gian, kèm dữ liệu kiểm tra lâu dài');
    expect(html).toContain('Còn kiểm tra được đến');
    expect(html).toContain('theo đồng hồ máy người ký');
    expect(html).toContain('đã quá hạn: không còn kiểm tra được');
  });

  it('shows a co-signed file as valid and says what the co-sign changed', () => {
    const html = render([
      report({
        verdict: 'valid-with-permitted-changes',
        laterChanges: { level: 'form-filling', permitted: ['signature-added'], refused: [] },
      }),
      report({ fieldName: 'chair', verdict: 'valid', coversWholeDocument: true }),
    ]);
    expect(html).toContain('Kết luận: tệp hợp lệ<');
    expect(html).toContain('Chữ ký hợp lệ, có thay đổi được phép sau khi ký');
    expect(html).toContain('Thêm chữ ký mới');
  });

  it('says whose timestamp vouches for the signing time, or that the signer clock does', () => {
    const html = render([
      report({
        timestamp: { status: 'valid', time: new Date(0), tsaSubject: 'TSA Ban Cơ yếu' },
      }),
      report({ fieldName: 'chair', timestamp: { status: 'absent' } }),
    ]);
    expect(html).toContain('Thời điểm ký do TSA Ban Cơ yếu xác nhận');
    expect(html).toContain('Không có: thời điểm ký theo đồng hồ máy người ký');
  });

  it('shows content changed after signing as not valid, naming the change', () => {
    const html = render([
      report({
        verdict: 'changed-after-signing',
        laterChanges: {
          level: 'other',
          permitted: [],
          refused: [{ code: 'page-content-changed', message: 'x' }],
        },
      }),
    ]);
    expect(html).toContain('Kết luận: tệp bị thay đổi sau khi ký, không hợp lệ');
    expect(html).toContain('Chữ ký KHÔNG hợp lệ: tài liệu bị thay đổi sau khi ký');
    expect(html).toContain('Nội dung một trang bị thay đổi');
  });

  it('names a revoked signer, and a revocation after signing as still valid', () => {
    const revokedAt = new Date(Date.UTC(2026, 5, 1, 8, 0, 0));
    const html = render([
      report({ verdict: 'revoked', revocation: { status: 'revoked', revokedAt, problems: [] } }),
      report({
        fieldName: 'chair',
        coversWholeDocument: true,
        revocation: { status: 'revoked-after-signing', revokedAt, problems: [] },
      }),
    ]);
    expect(html).toContain('Kết luận: tệp có chữ ký bằng chứng thư đã bị thu hồi');
    expect(html).toContain('Chữ ký KHÔNG hợp lệ: chứng thư đã bị thu hồi trước khi ký');
    expect(html).toContain('Đã bị thu hồi lúc');
    expect(html).toContain('sau thời điểm ký: chữ ký vẫn hợp lệ');
  });

  it('says "unsupported algorithm", never "broken", for a signature it cannot check', () => {
    const html = render([
      report({
        verdict: 'unsupported-algorithm',
        coversWholeDocument: true,
        algorithmSupported: false,
        signatureValid: false,
      }),
    ]);
    expect(html).toContain('Chữ ký dùng thuật toán chưa được hỗ trợ');
    expect(html).not.toContain('phá vỡ');
  });
});
