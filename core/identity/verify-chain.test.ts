import forge from 'node-forge';
import { beforeAll, describe, expect, it } from 'vitest';
import { utf8Encode } from '../crypto/encoding';
import { createCa, issueMemberCertificate, type CertificateWithKey } from './ca';
import { certificateDerFromPem } from './certificate';
import { isIdentityError, type IdentityErrorCode } from './errors';
import { forgeKeyPairGenerator } from './keys';
import { makeTestPki, TEST_MEMBER_NAME, type TestPki } from './testing';
import { verifyCertificateChain } from './verify-chain';

const DAY = 24 * 60 * 60 * 1000;

/** Issues a certificate with forge directly, for shapes issueMemberCertificate refuses to make. */
async function forgeIssue(options: {
  issuer: CertificateWithKey;
  commonName: string;
  isCa: boolean;
  keyUsage: Record<string, boolean>;
  now: Date;
}): Promise<CertificateWithKey> {
  const keys = await forgeKeyPairGenerator(2048);
  const issuerCert = forge.pki.certificateFromPem(options.issuer.certificatePem);
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(keys.publicKeyPem);
  cert.serialNumber = '01';
  cert.validity.notBefore = new Date(options.now.getTime() - DAY);
  cert.validity.notAfter = new Date(options.now.getTime() + 365 * DAY);
  cert.setSubject([{ name: 'commonName', value: options.commonName }]);
  // forge reads UTF8String values as raw bytes but encodes them on output: decode them first.
  cert.setIssuer(
    issuerCert.subject.attributes.map((a) => ({
      ...a,
      value:
        (a.valueTagClass as unknown) === forge.asn1.Type.UTF8
          ? forge.util.decodeUtf8(String(a.value))
          : a.value,
    })),
  );
  cert.setExtensions([
    { name: 'basicConstraints', cA: options.isCa, critical: true },
    { name: 'keyUsage', critical: true, ...options.keyUsage },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(options.issuer.privateKeyPem), forge.md.sha256.create());
  return { certificatePem: forge.pki.certificateToPem(cert), privateKeyPem: keys.privateKeyPem };
}

function der(pem: string): Uint8Array {
  return certificateDerFromPem(pem);
}

/** Flips one letter of the member's name inside the signed part of the certificate. */
function tamperName(certDer: Uint8Array): Uint8Array {
  const needle = utf8Encode(TEST_MEMBER_NAME);
  const copy = certDer.slice();
  for (let i = 0; i + needle.length <= copy.length; i++) {
    if (needle.every((b, j) => copy[i + j] === b)) {
      copy[i] = 'M'.charCodeAt(0); // "Nguyễn" -> "Mguyễn"
      return copy;
    }
  }
  throw new Error('name not found in certificate');
}

let pki: TestPki;
let expiredMember: CertificateWithKey;
let expiredCaMember: CertificateWithKey;
let expiredCa: CertificateWithKey;
let foreignCa: CertificateWithKey;
let foreignMember: CertificateWithKey;
let sameNameCa: CertificateWithKey;
let sameNameMember: CertificateWithKey;
let intermediate: CertificateWithKey;
let viaIntermediate: CertificateWithKey;
let memberIssued: CertificateWithKey;
let encipherOnly: CertificateWithKey;

beforeAll(async () => {
  pki = await makeTestPki();
  const { now, ca } = pki;
  const longAgo = new Date(now.getTime() - 800 * DAY);
  expiredMember = await issueMemberCertificate({
    ca,
    name: TEST_MEMBER_NAME,
    email: 'a@b.vn',
    validDays: 365,
    now: longAgo,
  });
  expiredCa = await createCa({
    commonName: 'Old CA',
    organisation: 'Cũ',
    validDays: 30,
    now: longAgo,
  });
  expiredCaMember = await issueMemberCertificate({
    ca: expiredCa,
    name: TEST_MEMBER_NAME,
    email: 'a@b.vn',
    validDays: 3000,
    now: longAgo,
  });
  foreignCa = await createCa({
    commonName: 'Kẻ lạ CA',
    organisation: 'Kẻ lạ',
    validDays: 3650,
    now,
  });
  foreignMember = await issueMemberCertificate({
    ca: foreignCa,
    name: TEST_MEMBER_NAME,
    email: 'a@b.vn',
    validDays: 365,
    now,
  });
  sameNameCa = await createCa({
    commonName: 'Văn phòng Quốc hội CA',
    organisation: 'Văn phòng Quốc hội',
    validDays: 3650,
    now,
  });
  sameNameMember = await issueMemberCertificate({
    ca: sameNameCa,
    name: TEST_MEMBER_NAME,
    email: 'a@b.vn',
    validDays: 365,
    now,
  });
  intermediate = await forgeIssue({
    issuer: ca,
    commonName: 'Sub CA',
    isCa: true,
    keyUsage: { keyCertSign: true, cRLSign: true },
    now,
  });
  viaIntermediate = await forgeIssue({
    issuer: intermediate,
    commonName: 'Tran Van B',
    isCa: false,
    keyUsage: { digitalSignature: true },
    now,
  });
  memberIssued = await forgeIssue({
    issuer: pki.member,
    commonName: 'Mallory',
    isCa: false,
    keyUsage: { digitalSignature: true },
    now,
  });
  encipherOnly = await forgeIssue({
    issuer: ca,
    commonName: 'Encrypt Only',
    isCa: false,
    keyUsage: { keyEncipherment: true },
    now,
  });
});

describe('verifyCertificateChain', () => {
  it('accepts a member certificate issued by the trusted CA', () => {
    const result = verifyCertificateChain({
      chainDer: [der(pki.member.certificatePem)],
      trustedCaPem: [pki.ca.certificatePem],
      now: pki.now,
      requireKeyUsage: 'digitalSignature',
    });
    expect(result.ok).toBe(true);
    expect(result.leaf.subjectCommonName).toBe(TEST_MEMBER_NAME);
    expect(result.path.map((c) => c.subjectCommonName)).toEqual([
      TEST_MEMBER_NAME,
      'Văn phòng Quốc hội CA',
    ]);
  });

  it('accepts the chain with the root included, and a trust list with several CAs in one text', () => {
    const result = verifyCertificateChain({
      chainDer: [der(pki.member.certificatePem), der(pki.ca.certificatePem)],
      trustedCaPem: [foreignCa.certificatePem + pki.ca.certificatePem],
      now: pki.now,
    });
    expect(result.path).toHaveLength(2);
  });

  it('follows an intermediate CA sent by the client', () => {
    const result = verifyCertificateChain({
      chainDer: [der(viaIntermediate.certificatePem), der(intermediate.certificatePem)],
      trustedCaPem: [pki.ca.certificatePem],
      now: pki.now,
      requireKeyUsage: 'digitalSignature',
    });
    expect(result.path.map((c) => c.subjectCommonName)).toEqual([
      'Tran Van B',
      'Sub CA',
      'Văn phòng Quốc hội CA',
    ]);
  });

  const failures: {
    name: string;
    chain: () => Uint8Array[];
    trusted?: () => string[];
    at?: () => Date;
    code: IdentityErrorCode;
  }[] = [
    {
      name: 'a certificate from a foreign CA',
      chain: () => [der(foreignMember.certificatePem)],
      code: 'cert-untrusted',
    },
    {
      name: 'a foreign chain even when the client sends its CA along',
      chain: () => [der(foreignMember.certificatePem), der(foreignCa.certificatePem)],
      code: 'cert-untrusted',
    },
    {
      name: 'a foreign CA that copies the trusted CA name',
      chain: () => [der(sameNameMember.certificatePem), der(sameNameCa.certificatePem)],
      code: 'cert-untrusted',
    },
    {
      name: 'an empty trust list',
      chain: () => [der(pki.member.certificatePem)],
      trusted: () => [],
      code: 'cert-untrusted',
    },
    {
      name: 'a certificate issued by a member instead of a CA',
      chain: () => [der(memberIssued.certificatePem), der(pki.member.certificatePem)],
      code: 'cert-untrusted',
    },
    {
      name: 'an intermediate missing from the chain',
      chain: () => [der(viaIntermediate.certificatePem)],
      code: 'cert-untrusted',
    },
    {
      name: 'an expired member certificate',
      chain: () => [der(expiredMember.certificatePem)],
      code: 'cert-expired',
    },
    {
      name: 'a valid member certificate under an expired CA',
      chain: () => [der(expiredCaMember.certificatePem)],
      trusted: () => [expiredCa.certificatePem],
      code: 'cert-expired',
    },
    {
      name: 'a certificate used before it is valid',
      chain: () => [der(pki.member.certificatePem)],
      at: () => new Date(pki.now.getTime() - DAY),
      code: 'cert-not-yet-valid',
    },
    {
      name: 'a tampered name',
      chain: () => [tamperName(der(pki.member.certificatePem))],
      code: 'cert-bad-signature',
    },
    {
      name: 'a tampered signature',
      chain: () => {
        const bytes = der(pki.member.certificatePem).slice();
        bytes[bytes.length - 1]! ^= 0x01;
        return [bytes];
      },
      code: 'cert-bad-signature',
    },
    {
      name: 'a certificate without digitalSignature',
      chain: () => [der(encipherOnly.certificatePem)],
      code: 'cert-key-usage',
    },
    {
      name: 'the CA certificate itself used to log in',
      chain: () => [der(pki.ca.certificatePem)],
      code: 'cert-key-usage',
    },
    {
      name: 'garbage bytes',
      chain: () => [new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x00])],
      code: 'cert-malformed',
    },
    {
      name: 'a truncated certificate',
      chain: () => [der(pki.member.certificatePem).slice(0, 200)],
      code: 'cert-malformed',
    },
    { name: 'no certificate at all', chain: () => [], code: 'cert-malformed' },
    {
      name: 'an absurdly long chain',
      chain: () => Array(9).fill(der(pki.member.certificatePem)),
      code: 'cert-malformed',
    },
  ];

  it.each(failures)('refuses $name with $code', ({ chain, trusted, at, code }) => {
    let caught: unknown;
    try {
      verifyCertificateChain({
        chainDer: chain(),
        trustedCaPem: trusted ? trusted() : [pki.ca.certificatePem],
        now: at ? at() : pki.now,
        requireKeyUsage: 'digitalSignature',
      });
    } catch (error) {
      caught = error;
    }
    expect(isIdentityError(caught) ? caught.code : caught).toBe(code);
  });

  it('reports the expiry of the leaf with its date in the message', () => {
    expect(() =>
      verifyCertificateChain({
        chainDer: [der(expiredMember.certificatePem)],
        trustedCaPem: [pki.ca.certificatePem],
        now: pki.now,
      }),
    ).toThrow(/Nguyễn Tiến Sỹ expired on \d{4}-/);
  });
});
