/**
 * Whether a signed revision of the minutes may replace the current one. Every check is on the
 * bytes: the new file must be the accepted PDF plus one appended revision that adds exactly
 * one valid, trusted signature in the expected field, by the caller's own certificate, and
 * changes nothing the difference analysis does not permit; every signature must then be
 * "valid" or "valid with permitted later changes" (core/signing/verdict.ts).
 */
import type { CryptoServices } from '../../core/crypto/types';
import { verifyCertificateChain } from '../../core/identity';
import { IdentityError } from '../../core/identity/errors';
import type { CertificateInfo } from '../../core/identity/certificate';
import type { MinutesField } from '../../core/api/minutes';
import { verifyPdfSignatures, type PdfSignatureReport } from '../../core/signing';
import { parseSignedData } from '../../core/signing/cms-parse';
import { analyseAfter } from '../../core/signing/diff-analysis';
import { readRevisions, revisionSignedBy } from '../../core/signing/pdf-revisions';
import { CodedError } from '../../core/errors/coded-error';
import { SigningError } from '../../core/signing/errors';
import {
  type CheckedTimestamp,
  type TimestampAuthority,
  TimestampError,
} from '../../core/signing/timestamp';
import { embedSignatureTimestamp } from '../../core/signing/timestamp-embed';

export class SignatureRefusal extends CodedError {
  override readonly name = 'SignatureRefusal';
  constructor(
    readonly status: number,
    code: string,
    message: string,
  ) {
    super(code, message);
  }
}

export interface AcceptInput {
  previous: Uint8Array;
  signed: Uint8Array;
  field: MinutesField;
  trustedCaPem: readonly string[];
  crypto: CryptoServices;
  now: Date;
  /**
   * The server's trust decision for signing (trust list, intermediates, KU/EKU/policies,
   * revocation by policy); throws IdentityError. Without it, only the chain is checked.
   */
  checkSigner?: (chainDer: Uint8Array[]) => Promise<CertificateInfo>;
}

export interface AcceptedSignature {
  report: PdfSignatureReport;
  /** SHA-256 (hex) of the signer certificate: maps to a member. */
  signerFingerprint: string;
  signerName: string;
}

const latin1 = (bytes: Uint8Array): string => {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return s;
};

function hexToBytes(hex: string): Uint8Array {
  const clean = hex.replace(/[^0-9a-fA-F]/g, '');
  const out = new Uint8Array(clean.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/**
 * The appended revision may only do what the difference analysis permits after a signature
 * (core/signing/diff-rules.ts): a new signature in its field and what goes with it. Judged on
 * parsed objects, object and xref streams included.
 */
async function checkRevisionScope(previous: Uint8Array, signed: Uint8Array): Promise<void> {
  const revisions = await readRevisions(signed);
  const accepted = revisionSignedBy(revisions.revisions, previous.length);
  const changes = accepted
    ? await analyseAfter(revisions, accepted)
    : { refused: [{ message: 'the accepted minutes do not end a revision of the signed file' }] };
  const refused = changes.refused[0];
  if (refused)
    throw new SignatureRefusal(
      422,
      'minutes-revision-changes-content',
      `The signed revision changes more than a signature: ${refused.message}.`,
    );
}

function signerOf(signed: Uint8Array, report: PdfSignatureReport) {
  const [, b = 0, c = 0] = report.byteRange;
  const cms = parseSignedData(hexToBytes(latin1(signed.subarray(b + 1, c - 1))));
  const leaf = cms.signerCertificate;
  if (!leaf)
    throw new SignatureRefusal(
      422,
      'minutes-signature-invalid',
      'The signer certificate is missing.',
    );
  const others = cms.certificates.filter((c) => c !== leaf).map((c) => c.der);
  return [leaf.der, ...others];
}

/** Refuses (SignatureRefusal) or returns who signed. */
export async function acceptSignedRevision(input: AcceptInput): Promise<AcceptedSignature> {
  const { previous, signed, field } = input;
  const prefixSame =
    signed.length > previous.length && previous.every((byte, i) => signed[i] === byte);
  if (!prefixSame)
    throw new SignatureRefusal(
      422,
      'minutes-earlier-bytes-changed',
      'The signed file does not start with the accepted minutes byte for byte.',
    );
  try {
    await checkRevisionScope(previous, signed);
  } catch (error) {
    if (error instanceof SignatureRefusal) throw error;
    throw new SignatureRefusal(422, 'minutes-signature-invalid', 'The signed file cannot be read.');
  }
  const before = await verifyPdfSignatures(previous, {
    crypto: input.crypto,
    trustedCaPem: input.trustedCaPem,
  });
  const reports = await verifyPdfSignatures(signed, {
    crypto: input.crypto,
    trustedCaPem: input.trustedCaPem,
  });
  const fresh = reports.filter((r) => !before.some((b) => b.fieldName === r.fieldName));
  const report = fresh[0];
  if (fresh.length !== 1 || !report || report.fieldName !== field)
    throw new SignatureRefusal(
      422,
      'minutes-signature-invalid',
      `The revision must add exactly one signature, in the field "${field}".`,
    );
  const unsupported = reports.find((r) => r.verdict === 'unsupported-algorithm');
  if (unsupported)
    throw new SignatureRefusal(
      422,
      'minutes-signature-unsupported-algorithm',
      `The signature in "${unsupported.fieldName}" uses an algorithm this server cannot check.`,
    );
  const broken = reports.find((r) => !r.digestValid || !r.signatureValid || !r.byteRangeWellFormed);
  if (broken)
    throw new SignatureRefusal(
      422,
      'minutes-signature-invalid',
      `The signature in "${broken.fieldName}" does not verify.`,
    );
  const changed = reports.find((r) => r.verdict === 'changed-after-signing');
  if (changed)
    throw new SignatureRefusal(
      422,
      'minutes-revision-changes-content',
      `The signature in "${changed.fieldName}" is no longer valid: ${
        changed.laterChanges.refused[0]?.message ?? changed.problems[0] ?? 'changed after signing'
      }.`,
    );
  if (
    report.verdict !== 'valid' ||
    !report.coversWholeDocument ||
    !report.issuedByTrustedCa ||
    !report.certificateValidAtSigningTime
  )
    throw new SignatureRefusal(
      422,
      'minutes-signature-invalid',
      `The new signature must cover the whole file, chain to a trusted CA and be made while its certificate was valid.`,
    );
  const chainDer = signerOf(signed, report);
  let leaf: CertificateInfo;
  try {
    leaf = input.checkSigner
      ? await input.checkSigner(chainDer)
      : verifyCertificateChain({
          chainDer,
          trustedCaPem: input.trustedCaPem,
          now: input.now,
          requireKeyUsage: 'digitalSignature',
        }).leaf;
  } catch (error) {
    if (error instanceof IdentityError)
      throw new SignatureRefusal(
        422,
        error.code === 'cert-revoked'
          ? 'minutes-certificate-revoked'
          : 'minutes-certificate-refused',
        error.message,
      );
    throw error;
  }
  return {
    report,
    signerFingerprint: leaf.fingerprintSha256Hex,
    signerName: leaf.subjectCommonName || leaf.subjectDn,
  };
}

/** What the server does when it cannot get (or check) a signature timestamp. */
export type TsaFailurePolicy = 'refuse' | 'sign-b-b';

export interface SignatureTimestamping {
  readonly tsa: TimestampAuthority;
  readonly whenUnavailable: TsaFailurePolicy;
  /** CAs trusted for the purpose "timestamping". */
  readonly trustedCas: () => Promise<string[]>;
}

export type TimestampOutcome =
  | { readonly level: 'B-T'; readonly pdf: Uint8Array; readonly timestamp: CheckedTimestamp }
  /** Accepted without a timestamp under policy sign-b-b; `code` says why. */
  | {
      readonly level: 'B-B';
      readonly pdf: Uint8Array;
      readonly code: string;
      readonly reason: string;
    };

/**
 * PAdES B-T for an accepted signature: the TSA timestamps its signature value, written into
 * the same /Contents placeholder (the signed bytes do not change). A signature that already
 * carries a timestamp (a remote provider's) has it checked instead. Any TSA failure follows
 * the policy: refuse (SignatureRefusal with the TSA's own code) or accept as B-B.
 */
export async function timestampAcceptedSignature(
  signed: Uint8Array,
  field: MinutesField,
  timestamping: SignatureTimestamping,
  crypto: CryptoServices,
): Promise<TimestampOutcome> {
  try {
    const { pdf, timestamp } = await embedSignatureTimestamp(signed, field, {
      tsa: timestamping.tsa,
      crypto,
      trustedCaPem: await timestamping.trustedCas(),
    });
    return { level: 'B-T', pdf, timestamp };
  } catch (error) {
    if (error instanceof SigningError && error.code === 'SIGNATURE_TOO_LARGE')
      throw new SignatureRefusal(
        422,
        'minutes-timestamp-too-large',
        'The signature leaves no room for its timestamp: sign again with a larger signature placeholder.',
      );
    if (!(error instanceof TimestampError)) throw error;
    if (timestamping.whenUnavailable === 'sign-b-b')
      return { level: 'B-B', pdf: signed, code: error.code, reason: error.message };
    throw new SignatureRefusal(
      error.code === 'tsa-unreachable' ? 503 : 502,
      error.code,
      `The signature is sound, but it was not accepted because it could not be timestamped: ${error.message}.`,
    );
  }
}
