/**
 * What a member certificate must allow for each purpose it is used for: key usage, extended key
 * usage and certificate policies, each refused with its own code. Pure rules as data.
 */
import type { CertificateInfo, KeyUsageFlags } from './certificate';
import { IdentityError } from './errors';

/**
 * What a certificate is being used for: logging in, signing the minutes, or (for a TSA's CA)
 * issuing the time-stamping authorities whose timestamps the server and verifiers accept.
 */
export type TrustPurpose = 'login' | 'signing' | 'timestamping';
export const TRUST_PURPOSES: readonly TrustPurpose[] = ['login', 'signing', 'timestamping'];
/** The purposes a member's own certificate serves (a member is never a TSA). */
export const MEMBER_PURPOSES: readonly TrustPurpose[] = ['login', 'signing'];

export const EKU = {
  any: '2.5.29.37.0',
  clientAuth: '1.3.6.1.5.5.7.3.2',
  emailProtection: '1.3.6.1.5.5.7.3.4',
  documentSigning: '1.3.6.1.5.5.7.3.36',
  msDocumentSigning: '1.3.6.1.4.1.311.10.3.12',
  adobeAuthenticDocuments: '1.2.840.113583.1.1.5',
  ocspSigning: '1.3.6.1.5.5.7.3.9',
  timeStamping: '1.3.6.1.5.5.7.3.8',
} as const;

interface PurposeRule {
  /** One of these keyUsage bits must be set when the certificate has a keyUsage extension. */
  keyUsage: readonly (keyof KeyUsageFlags)[];
  /** One of these must be listed when the certificate has an extKeyUsage extension. */
  eku: readonly string[];
}

/**
 * Login signs a challenge (TLS-client-like); signing the minutes is a document signature, which
 * licensed CAs mark as nonRepudiation and with e-mail / document-signing EKUs.
 */
export const PURPOSE_RULES: Readonly<Record<TrustPurpose, PurposeRule>> = {
  login: {
    keyUsage: ['digitalSignature'],
    eku: [EKU.any, EKU.clientAuth, EKU.emailProtection],
  },
  signing: {
    keyUsage: ['digitalSignature', 'nonRepudiation'],
    eku: [
      EKU.any,
      EKU.emailProtection,
      EKU.documentSigning,
      EKU.msDocumentSigning,
      EKU.adobeAuthenticDocuments,
      EKU.clientAuth,
    ],
  },
  // RFC 3161 §2.3: a TSA certificate has exactly the critical EKU timeStamping.
  timestamping: {
    keyUsage: ['digitalSignature', 'nonRepudiation'],
    eku: [EKU.timeStamping],
  },
};

function label(cert: CertificateInfo): string {
  return cert.subjectCommonName || cert.subjectDn || cert.serialHex;
}

/**
 * Throws cert-key-usage, cert-eku or cert-policy when `leaf` may not be used for `purpose`.
 * `requiredPolicies` (from the trust anchor): when non-empty, the leaf must assert one of them.
 */
export function checkPurpose(
  leaf: CertificateInfo,
  purpose: TrustPurpose,
  requiredPolicies: readonly string[] = [],
): void {
  const rule = PURPOSE_RULES[purpose];
  if (leaf.keyUsage !== null && !rule.keyUsage.some((bit) => leaf.keyUsage![bit])) {
    throw new IdentityError(
      'cert-key-usage',
      `The certificate of ${label(leaf)} may not be used for ${purpose} (key usage lacks ${rule.keyUsage.join(' or ')}).`,
    );
  }
  const eku = leaf.extendedKeyUsage;
  if (eku !== null && !eku.some((oid) => rule.eku.includes(oid))) {
    throw new IdentityError(
      'cert-eku',
      `The certificate of ${label(leaf)} is not meant for ${purpose} (extended key usage ${eku.join(', ') || 'empty'}).`,
    );
  }
  if (requiredPolicies.length > 0) {
    const held = leaf.policies ?? [];
    if (!held.some((oid) => requiredPolicies.includes(oid))) {
      throw new IdentityError(
        'cert-policy',
        `The certificate of ${label(leaf)} asserts none of the required certificate policies (${requiredPolicies.join(', ')}).`,
      );
    }
  }
}
