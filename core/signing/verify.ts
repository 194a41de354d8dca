/**
 * Checks every signature in a PDF: byte range, digest, CMS signature, and a MINIMAL chain
 * check (each certificate issued by the next, ending at a trusted CA, by any algorithm that
 * signature-algorithms.ts knows — no revocation, no extension checks). The full certificate verifier lives in
 * core/identity; this one answers "was this file changed, and who signed it".
 */
import type { CryptoServices } from '../crypto/types';
import { type CertificateFields, parseCertificate, pemToDerList } from './certificate';
import { OID } from './cms';
import { parseSignedData } from './cms-parse';
import { chainTrusted } from './chain';
import { bytesEqual, concatBytes } from './der';
import { analyseAfter } from './diff-analysis';
import { type ChangeAnalysis, NO_CHANGES } from './diff-vocabulary';
import { type DocMdpPermission, docMdpAllows, docMdpOfSignature, lockPermission } from './docmdp';
import { parsePdfDate } from './pdf-date';
import {
  type PdfRevision,
  type PdfRevisions,
  readRevisions,
  revisionSignedBy,
} from './pdf-revisions';
import { type SignatureVerdict, fileVerdict, signatureVerdict } from './verdict';
import { listFields, readCatalog } from './pdf-form';
import { PdfString, decodeTextString } from './pdf-objects';
import { readPdf, resolveDict } from './pdf-xref';
import { digestAlgorithm, signatureAlgorithm } from './signature-algorithms';
import {
  type SignatureTimestampReport,
  TimestampError,
  type TimestampErrorCode,
  checkTimestampToken,
} from './timestamp';
import { parseTimestampToken } from './timestamp-token';
import { checkDocumentTimestamp } from './doc-timestamp-verify';
import { type DssContents, readDss } from './dss';
import { type PadesLevel, claimLevel } from './ltv-level';
import { type LtvCoverage, dssCoverage } from './ltv-validate';
import {
  askRevocation,
  REVOCATION_NOT_CHECKED,
  type SignerRevocation,
  type SignerRevocationCheck,
} from './signer-revocation';

export interface VerifyPdfOptions {
  readonly crypto: Pick<CryptoServices, 'digest' | 'verify'>;
  readonly trustedCaPem: readonly string[];
  /** CAs trusted for the purpose "timestamping" (PEM); absent: no timestamp is trusted. */
  readonly trustedTimestampCaPem?: readonly string[];
  /** The verifier's clock, for `verifiableNow` (default: the system clock). */
  readonly now?: Date;
  /** The signer's revocation (OCSP/CRL by the signing policy); without it: not checked. */
  readonly revocation?: SignerRevocationCheck;
}

export type { SignatureTimestampReport };

export interface PdfSignatureReport {
  readonly fieldName: string;
  readonly subFilter: string | undefined;
  /** Common name of the signing certificate (UTF-8 decoded), if the CMS names one. */
  readonly signerCommonName: string | undefined;
  /** /Name of the signature dictionary, as the signer claimed it. */
  readonly claimedName: string | undefined;
  /**
   * The signing time: the signature timestamp's time when it is valid, else the /M time the
   * signer claimed.
   */
  readonly signingTime: Date | undefined;
  /** The /M time, as claimed by the signer's clock. */
  readonly claimedSigningTime?: Date | undefined;
  /** The signature timestamp (B-T), if any. */
  readonly timestamp?: SignatureTimestampReport;
  readonly byteRange: readonly number[];
  /** The gap in /ByteRange is exactly the /Contents hex string, and the ranges start at 0. */
  readonly byteRangeWellFormed: boolean;
  /** Length of the revision this signature covers (byteRange[2] + byteRange[3]). */
  readonly signedLength: number;
  readonly coversWholeDocument: boolean;
  /** SHA-256 of the signed bytes equals the CMS messageDigest. */
  readonly digestValid: boolean;
  /** The CMS signature over the signed attributes verifies with the signer's key. */
  readonly signatureValid: boolean;
  /** Minimal chain check against trustedCaPem (see the module comment). */
  readonly issuedByTrustedCa: boolean;
  /** The signing time (the timestamp's, else /M) falls inside the signer certificate's validity. */
  readonly certificateValidAtSigningTime: boolean;
  readonly hasSigningCertificateV2: boolean;
  readonly hasSigningTimeAttribute: boolean;
  /**
   * False when the digest or signature algorithm of the signer, or of a certificate on the way
   * to a trusted CA, is not one we implement: then a false signatureValid / issuedByTrustedCa
   * means "could not check", not "tampered", and `problems` names the algorithm.
   */
  readonly algorithmSupported: boolean;
  /** Index of the revision the signature covers exactly (0 = the original file), if any. */
  readonly revision: number | undefined;
  /** What the revisions after the signed one changed, judged by the difference analysis. */
  readonly laterChanges: ChangeAnalysis;
  /** DocMDP /P when this is a certification signature (or its field's /Lock /P). */
  readonly docMdp: DocMdpPermission | undefined;
  /** The signer's revocation, placed against the signing time (core/signing/signer-revocation). */
  readonly revocation: SignerRevocation;
  readonly verdict: SignatureVerdict;
  /** Why a check failed, when it failed for a reason other than a plain mismatch. */
  readonly problems: readonly string[];
  /** The PAdES baseline level reached (signatures only, not document timestamps). */
  readonly level?: PadesLevel;
  /** Until when what the level rests on stays verifiable (the earliest expiry among it). */
  readonly verifiableUntil?: Date | undefined;
  /** Whether `verifiableUntil` is still ahead of the verifier's clock. */
  readonly verifiableNow?: boolean;
  /** What the embedded DSS proves, as of the timestamp's time (with a valid timestamp only). */
  readonly dss?: LtvCoverage;
}

export interface PdfVerification {
  /** The worst signature's verdict; "valid" also needs the last revision signed. */
  readonly verdict: SignatureVerdict | 'unsigned';
  readonly signatures: readonly PdfSignatureReport[];
}

/** Every signature judged, and the file's verdict. */
export async function verifyPdf(
  pdf: Uint8Array,
  options: VerifyPdfOptions,
): Promise<PdfVerification> {
  const signatures = await verifyPdfSignatures(pdf, options);
  return { verdict: fileVerdict(signatures), signatures };
}

async function readRevisionsOrNone(pdf: Uint8Array): Promise<PdfRevisions | undefined> {
  try {
    return await readRevisions(pdf);
  } catch {
    return undefined;
  }
}

/** A later revision that cannot even be read is a change nobody can vouch for. */
async function analyseAfterOrRefuse(
  revisions: PdfRevisions,
  revision: PdfRevision,
): Promise<ChangeAnalysis> {
  try {
    return await analyseAfter(revisions, revision);
  } catch (cause) {
    return {
      level: 'other',
      permitted: [],
      refused: [
        {
          code: 'object-changed',
          message: `a later revision cannot be read: ${(cause as Error).message}`,
        },
      ],
    };
  }
}

type MutableReport = { -readonly [K in keyof PdfSignatureReport]: PdfSignatureReport[K] };

export async function verifyPdfSignatures(
  pdf: Uint8Array,
  options: VerifyPdfOptions,
): Promise<PdfSignatureReport[]> {
  const file = await readPdf(pdf);
  const catalog = await readCatalog(file);
  const trusted = options.trustedCaPem.flatMap(pemToDerList).map(parseCertificate);
  const reports: PdfSignatureReport[] = [];
  const revisions = await readRevisionsOrNone(pdf);
  const dss = await readDss(file).catch(() => EMPTY_DSS);
  const signerNotAfter = new Map<PdfSignatureReport, Date>();
  for (const field of await listFields(file, catalog.acroForm)) {
    if (field.type !== 'Sig') continue;
    const sig = await resolveDict(file, field.dict.get('V'));
    if (!sig) continue;
    const problems: string[] = [];
    const br = await file.resolve(sig.get('ByteRange'));
    const byteRange = Array.isArray(br) ? br.map((x) => (typeof x === 'number' ? x : -1)) : [];
    const [a = -1, b = -1, c = -1, d = -1] = byteRange;
    const contents = sig.get('Contents');
    const rangesInFile =
      byteRange.length === 4 && a === 0 && b > 0 && c > b && d >= 0 && c + d <= pdf.length;
    const byteRangeWellFormed = rangesInFile && pdf[b] === 0x3c && pdf[c - 1] === 0x3e;
    if (!byteRangeWellFormed) problems.push('ByteRange does not frame the signature contents');
    const m = sig.get('M');
    const nameValue = sig.get('Name');
    const claimed = m instanceof PdfString ? parsePdfDate(decodeTextString(m)) : undefined;
    const report: MutableReport = {
      fieldName: field.name,
      subFilter: sig.nameOf('SubFilter'),
      signerCommonName: undefined as string | undefined,
      claimedName: nameValue instanceof PdfString ? decodeTextString(nameValue) : undefined,
      signingTime: claimed,
      claimedSigningTime: claimed,
      timestamp: { status: 'absent' },
      byteRange,
      byteRangeWellFormed,
      signedLength: c + d,
      coversWholeDocument: rangesInFile && c + d === pdf.length,
      digestValid: false,
      signatureValid: false,
      issuedByTrustedCa: false,
      certificateValidAtSigningTime: false,
      hasSigningCertificateV2: false,
      hasSigningTimeAttribute: false,
      algorithmSupported: true, // until a parsed CMS names an algorithm we cannot check
      revision: undefined,
      laterChanges: NO_CHANGES,
      docMdp: (await docMdpOfSignature(file, sig)) ?? (await lockPermission(file, field.dict)),
      revocation: REVOCATION_NOT_CHECKED,
      verdict: 'changed-after-signing',
      problems,
    };
    reports.push(report);
    const signedRevision = revisions && revisionSignedBy(revisions.revisions, c + d);
    report.revision = signedRevision?.index;
    if (revisions && signedRevision) {
      let changes = await analyseAfterOrRefuse(revisions, signedRevision);
      if (
        report.docMdp &&
        changes.refused.length === 0 &&
        !docMdpAllows(report.docMdp, changes.level)
      ) {
        changes = {
          ...changes,
          refused: [
            ...changes.refused,
            {
              code: 'docmdp-forbids',
              message: `the certification (DocMDP P=${report.docMdp}) forbids the later changes (${changes.level})`,
            },
          ],
        };
      }
      report.laterChanges = changes;
    } else problems.push('the signature does not end at the end of a revision');
    if (contents instanceof PdfString && rangesInFile) {
      if (report.subFilter === 'ETSI.RFC3161')
        await checkDocumentTimestamp(report, contents.bytes, pdf, byteRange, options);
      else {
        const notAfter = await checkCms(report, contents, pdf, trusted, options, dss);
        if (notAfter) signerNotAfter.set(report, notAfter);
      }
    }
    report.verdict = signatureVerdict({ ...report, coversRevision: !!signedRevision });
  }
  claimLevels(reports as MutableReport[], signerNotAfter, options.now ?? new Date());
  return reports;
}

const EMPTY_DSS: DssContents = { certificates: [], ocspResponses: [], crls: [] };

/** Each CMS signature's level, from its timestamp, the DSS and later document timestamps. */
function claimLevels(
  reports: MutableReport[],
  signerNotAfter: ReadonlyMap<PdfSignatureReport, Date>,
  now: Date,
): void {
  const docTimestamps = reports.filter((r) => r.subFilter === 'ETSI.RFC3161');
  for (const report of reports) {
    if (report.subFilter === 'ETSI.RFC3161') continue;
    const claim = claimLevel({
      signerNotAfter: signerNotAfter.get(report),
      timestamp: report.timestamp,
      dssCovers: report.dss?.covered === true,
      laterDocumentTimestamps: docTimestamps
        .filter((d) => d.signedLength > report.signedLength && d.timestamp)
        .sort((x, y) => x.signedLength - y.signedLength)
        .flatMap((d) => (d.timestamp ? [d.timestamp] : [])),
    });
    report.level = claim.level;
    report.verifiableUntil = claim.verifiableUntil;
    report.verifiableNow = !!claim.verifiableUntil && claim.verifiableUntil >= now;
  }
}

async function checkCms(
  report: MutableReport,
  contents: PdfString,
  pdf: Uint8Array,
  trusted: readonly CertificateFields[],
  options: VerifyPdfOptions,
  dss: DssContents,
): Promise<Date | undefined> {
  const problems = report.problems as string[];
  const [a = -1, b = -1, c = -1, d = -1] = report.byteRange;
  try {
    const cms = parseSignedData(contents.bytes);
    report.hasSigningCertificateV2 = cms.attributeTypes.includes(OID.signingCertificateV2);
    report.hasSigningTimeAttribute = cms.attributeTypes.includes(OID.signingTime);
    const signer = cms.signerCertificate;
    report.signerCommonName = signer?.subjectCommonName;
    const digestAlg = digestAlgorithm(cms.digestAlgorithm);
    if (!digestAlg.supported) {
      report.algorithmSupported = false;
      problems.push(digestAlg.reason);
    } else if (cms.messageDigest) {
      const digest = await options.crypto.digest(
        digestAlg.hash,
        concatBytes([pdf.subarray(a, b), pdf.subarray(c, c + d)]),
      );
      report.digestValid = bytesEqual(digest, cms.messageDigest);
    }
    if (!signer) problems.push('the signer certificate is not included');
    else {
      const params = signatureAlgorithm(
        cms.signatureAlgorithmDer,
        signer.spkiDer,
        cms.digestAlgorithm,
      );
      if (!params.supported) {
        report.algorithmSupported = false;
        problems.push(params.reason);
      } else {
        report.signatureValid = await options.crypto.verify(
          params,
          signer.spkiDer,
          cms.signedAttributesDer,
          cms.signature,
        );
      }
      const chain = await chainTrusted(signer, cms.certificates, trusted, options.crypto);
      report.issuedByTrustedCa = chain.trusted;
      if (!chain.trusted && chain.unsupported) {
        report.algorithmSupported = false;
        problems.push(chain.unsupported);
      }
      if (cms.signatureTimestampToken)
        report.timestamp = await signatureTimestamp(
          cms.signatureTimestampToken,
          cms.signature,
          options,
        );
      if (report.timestamp?.status === 'valid') report.signingTime = report.timestamp.time;
      if (report.timestamp?.status === 'valid' && report.timestamp.time)
        report.dss = dssCoverage(
          signer.der,
          cms.certificates.map((c) => c.der),
          trusted.map((t) => t.der),
          dss,
          report.timestamp.time,
        );
      const t = report.signingTime;
      report.certificateValidAtSigningTime = !!t && t >= signer.notBefore && t <= signer.notAfter;
      // Revocation only means something for a signature that is otherwise sound and trusted.
      if (options.revocation && chain.trusted && report.signatureValid)
        report.revocation = await askRevocation(
          options.revocation,
          signer.der,
          cms.certificates,
          t,
        );
      return signer.notAfter;
    }
  } catch (cause) {
    problems.push((cause as Error).message);
  }
  return undefined;
}

async function signatureTimestamp(
  token: Uint8Array,
  signatureValue: Uint8Array,
  options: VerifyPdfOptions,
): Promise<SignatureTimestampReport> {
  try {
    const checked = await checkTimestampToken(token, {
      crypto: options.crypto,
      trustedCaPem: options.trustedTimestampCaPem ?? [],
      expected: { data: signatureValue },
    });
    return {
      status: 'valid',
      time: checked.genTime,
      ...(checked.tsaSubject !== undefined ? { tsaSubject: checked.tsaSubject } : {}),
      tsaCertificateNotAfter: checked.tsaCertificateNotAfter,
    };
  } catch (cause) {
    const code: TimestampErrorCode =
      cause instanceof TimestampError ? cause.code : 'tsa-bad-signature';
    let time: Date | undefined;
    let tsaSubject: string | undefined;
    try {
      const parsed = parseTimestampToken(token);
      time = parsed.tstInfo.genTime;
      tsaSubject = parsed.signerCertificate?.subjectCommonName;
    } catch {
      // unreadable: nothing more to say than the code
    }
    return {
      status: 'invalid',
      code,
      ...(time ? { time } : {}),
      ...(tsaSubject !== undefined ? { tsaSubject } : {}),
    };
  }
}
