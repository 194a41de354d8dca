/**
 * Judging a document timestamp (/SubFilter /ETSI.RFC3161) as verifyPdfSignatures judges a
 * signature: its /Contents is a TimeStampToken whose imprint must be the SHA-256 (or the hash it
 * names) of the ByteRange bytes, signed by a TSA trusted for the purpose "timestamping".
 */
import type { CryptoServices } from '../crypto/types';
import { concatBytes } from './der';
import { type SignatureTimestampReport, TimestampError, checkTimestampToken } from './timestamp';
import { parseTimestampToken } from './timestamp-token';

/** The report fields a document timestamp sets. */
export interface DocumentTimestampFindings {
  signerCommonName: string | undefined;
  signingTime: Date | undefined;
  digestValid: boolean;
  signatureValid: boolean;
  issuedByTrustedCa: boolean;
  certificateValidAtSigningTime: boolean;
  timestamp?: SignatureTimestampReport;
  readonly problems: readonly string[];
}

export async function checkDocumentTimestamp(
  report: DocumentTimestampFindings,
  token: Uint8Array,
  pdf: Uint8Array,
  byteRange: readonly number[],
  options: {
    crypto: Pick<CryptoServices, 'digest' | 'verify'>;
    trustedTimestampCaPem?: readonly string[];
  },
): Promise<void> {
  const problems = report.problems as string[];
  const [a = 0, b = 0, c = 0, d = 0] = byteRange;
  const data = concatBytes([pdf.subarray(a, b), pdf.subarray(c, c + d)]);
  try {
    const parsed = parseTimestampToken(token);
    report.signerCommonName = parsed.signerCertificate?.subjectCommonName;
    report.signingTime = parsed.tstInfo.genTime;
  } catch (cause) {
    problems.push((cause as Error).message);
    report.timestamp = { status: 'invalid', code: 'tsa-bad-signature' };
    return;
  }
  try {
    const checked = await checkTimestampToken(token, {
      crypto: options.crypto,
      trustedCaPem: options.trustedTimestampCaPem ?? [],
      expected: { data },
    });
    Object.assign(report, {
      digestValid: true,
      signatureValid: true,
      issuedByTrustedCa: true,
      certificateValidAtSigningTime: true,
    });
    report.timestamp = {
      status: 'valid',
      time: checked.genTime,
      ...(checked.tsaSubject !== undefined ? { tsaSubject: checked.tsaSubject } : {}),
      tsaCertificateNotAfter: checked.tsaCertificateNotAfter,
    };
  } catch (cause) {
    if (!(cause instanceof TimestampError)) throw cause;
    problems.push(cause.message);
    // checkTimestampToken runs imprint, certificate EKU, signature, then trust: a later
    // failure means the earlier checks passed.
    const order = [
      'tsa-wrong-imprint',
      'tsa-not-timestamping-cert',
      'tsa-bad-signature',
      'tsa-untrusted',
    ];
    const at = order.indexOf(cause.code);
    report.digestValid = at !== 0;
    report.signatureValid = at > 2;
    report.issuedByTrustedCa = false;
    report.certificateValidAtSigningTime = at > 2;
    report.timestamp = {
      status: 'invalid',
      code: cause.code,
      ...(report.signingTime ? { time: report.signingTime } : {}),
    };
  }
}
