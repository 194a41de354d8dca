/**
 * Enrolling a member by a certificate they already hold (a licensed CA's, on a token): what an
 * administrator is shown before and after mapping it, by SHA-256 fingerprint, to a member.
 */
import { certificateInfo, type CertificateInfo } from './certificate';
import type { TrustPurpose } from './purpose';

/** The certificate as the admin CLI prints it and the admin route answers it. */
export interface CertificateSummary {
  fingerprintSha256: string;
  subject: string;
  subjectCommonName: string;
  issuer: string;
  serial: string;
  notBefore: string;
  notAfter: string;
  /** Certificate policy OIDs ([] when the certificate asserts none). */
  policies: string[];
  extendedKeyUsage: string[] | null;
  ocspUrls: string[];
  crlUrls: string[];
}

export function summariseCertificate(info: CertificateInfo): CertificateSummary {
  return {
    fingerprintSha256: info.fingerprintSha256Hex,
    subject: info.subjectDn,
    subjectCommonName: info.subjectCommonName,
    issuer: info.issuerDn,
    serial: info.serialHex,
    notBefore: info.notBefore.toISOString(),
    notAfter: info.notAfter.toISOString(),
    policies: info.policies ?? [],
    extendedKeyUsage: info.extendedKeyUsage,
    ocspUrls: info.ocspUrls,
    crlUrls: info.crlUrls,
  };
}

/** Reads a member certificate (PEM or DER, RSA or EC); throws IdentityError cert-malformed / cert-unsupported. */
export function readMemberCertificate(input: Uint8Array | string): CertificateInfo {
  return certificateInfo(input);
}

/** What enrolment answers: the member, the certificate, and for which purposes it is trusted now. */
export interface EnrolmentAnswer {
  memberId: string;
  certificate: CertificateSummary;
  /** Purposes whose trust list the certificate chains to today (empty: it cannot log in yet). */
  trustedFor: TrustPurpose[];
  /** Per purpose, the code of the refusal when it is not trusted. */
  refusals: Partial<Record<TrustPurpose, string>>;
}
