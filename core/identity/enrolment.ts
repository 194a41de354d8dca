/**
 * Enrolling a member by a certificate they already hold (a licensed CA's, on a token): what an
 * administrator is shown before and after mapping it, by SHA-256 fingerprint, to a member.
 */
import { certificateInfo, type CertificateInfo } from './certificate';
import { IdentityError } from './errors';
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

/** `POST /api/admin/members/:memberId/certificates` body. */
export interface EnrolmentRequest {
  /** The member's certificate, PEM. */
  certificatePem: string;
  /** Intermediates the member's CA publishes, PEM (optional). */
  chainPem?: string[];
  /** Creates the member when it does not exist yet. */
  name?: string;
  email?: string;
}

const MAX_PEM = 16 * 1024;

/** Checks untrusted JSON; throws IdentityError cert-malformed (the edge answers 400). */
export function parseEnrolmentRequest(body: unknown): EnrolmentRequest {
  const bad = (detail: string) => new IdentityError('cert-malformed', `Bad enrolment: ${detail}.`);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw bad('not an object');
  const { certificatePem, chainPem, name, email, ...rest } = body as Record<string, unknown>;
  if (Object.keys(rest).length > 0) throw bad(`unknown field ${Object.keys(rest)[0]}`);
  if (typeof certificatePem !== 'string' || certificatePem.length > MAX_PEM)
    throw bad('certificatePem must be a PEM text');
  if (
    chainPem !== undefined &&
    (!Array.isArray(chainPem) ||
      chainPem.length > 8 ||
      chainPem.some((c) => typeof c !== 'string' || c.length > MAX_PEM))
  )
    throw bad('chainPem must list up to 8 PEM texts');
  if (name !== undefined && (typeof name !== 'string' || name.length > 200)) throw bad('bad name');
  if (email !== undefined && (typeof email !== 'string' || email.length > 200))
    throw bad('bad email');
  return {
    certificatePem,
    ...(chainPem !== undefined ? { chainPem: chainPem as string[] } : {}),
    ...(name !== undefined ? { name: name as string } : {}),
    ...(email !== undefined ? { email: email as string } : {}),
  };
}
