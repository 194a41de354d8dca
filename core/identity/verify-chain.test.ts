import forge from 'node-forge';
import { beforeAll, describe, expect, it } from 'vitest';
import { utf8Encode } from '../crypto/encoding';
import { createCa, issueMemberCertificate, type CertificateWithKey } from './ca';
import { certificateDerFromPem, parseCertificate } from './certificate';
import { IdentityError, type IdentityErrorCode } from './errors';
import { forgeKeyPairGenerator } from './keys';
import { makeTestPki, TEST_MEMBER_NAME, type TestPki } from './testing';
import { issueTestCertificate, type TestCertificate } from './testing-webcrypto-pki';
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
  // A dozen RSA keys generated in pure JavaScript (forge): a loaded two-core machine needs more than the
  // default 30 s.
}, 120_000);

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
    expect(caught instanceof IdentityError ? caught.code : caught).toBe(code);
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

describe('verifyCertificateChain with ECDSA, RSA-PSS and mixed chains', () => {
  const now = new Date('2026-06-01T08:00:00Z');
  let p384Root: TestCertificate;
  let p256Sub: TestCertificate;
  let p256Leaf: TestCertificate;
  let rsaRoot: TestCertificate;
  let ecUnderRsa: TestCertificate;
  let rsaUnderEc: TestCertificate;
  let pssRoot: TestCertificate;
  let pssLeaf: TestCertificate;
  let sha1EcLeaf: TestCertificate;

  beforeAll(async () => {
    const ca = { isCa: true, now };
    const leaf = { isCa: false, now };
    p384Root = await issueTestCertificate({
      ...ca,
      commonName: 'Gốc P-384',
      keyType: 'P-384',
      signature: { hash: 'SHA-384' },
    });
    p256Sub = await issueTestCertificate({
      ...ca,
      commonName: 'Trung gian P-256',
      keyType: 'P-256',
      signature: { hash: 'SHA-384' },
      issuer: p384Root,
    });
    p256Leaf = await issueTestCertificate({
      ...leaf,
      commonName: TEST_MEMBER_NAME,
      keyType: 'P-256',
      signature: { hash: 'SHA-256' },
      issuer: p256Sub,
    });
    rsaRoot = await issueTestCertificate({
      ...ca,
      commonName: 'Gốc RSA',
      keyType: 'RSA',
      signature: { hash: 'SHA-256' },
    });
    ecUnderRsa = await issueTestCertificate({
      ...leaf,
      commonName: 'EC dưới RSA',
      keyType: 'P-384',
      signature: { hash: 'SHA-512' },
      issuer: rsaRoot,
    });
    rsaUnderEc = await issueTestCertificate({
      ...leaf,
      commonName: 'RSA dưới EC',
      keyType: 'RSA',
      signature: { hash: 'SHA-384' },
      issuer: p384Root,
    });
    pssRoot = await issueTestCertificate({
      ...ca,
      commonName: 'Gốc PSS',
      keyType: 'RSA',
      signature: { hash: 'SHA-256', pss: true },
    });
    pssLeaf = await issueTestCertificate({
      ...leaf,
      commonName: 'Lá PSS',
      keyType: 'RSA',
      signature: { hash: 'SHA-512', pss: true },
      issuer: pssRoot,
    });
    sha1EcLeaf = await issueTestCertificate({
      ...leaf,
      commonName: 'SHA-1',
      keyType: 'P-256',
      signature: { hash: 'SHA-1' },
      issuer: p384Root,
    });
  }, 60_000);

  const verify = (chain: TestCertificate[], root: TestCertificate) =>
    verifyCertificateChain({
      chainDer: chain.map((c) => c.der),
      trustedCaPem: [root.pem],
      now,
      requireKeyUsage: 'digitalSignature',
    });
  const codeOf = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      return error instanceof IdentityError ? error.code : error;
    }
    return 'accepted';
  };

  it('accepts an all-ECDSA chain: P-256 leaf → P-256 intermediate → P-384 root', async () => {
    const result = verify([p256Leaf, p256Sub], p384Root);
    expect(result.leaf.subjectCommonName).toBe(TEST_MEMBER_NAME);
    expect(result.path.map((c) => c.subjectCommonName)).toEqual([
      TEST_MEMBER_NAME,
      'Trung gian P-256',
      'Gốc P-384',
    ]);
    const spki = await globalThis.crypto.subtle.exportKey('spki', p256Leaf.keys.publicKey);
    expect(result.leaf.spkiDer).toEqual(new Uint8Array(spki));
    expect(result.leaf.keyUsage?.digitalSignature).toBe(true);
  });

  it('accepts mixed chains and an RSA-PSS chain', () => {
    expect(verify([ecUnderRsa], rsaRoot).path).toHaveLength(2);
    expect(verify([rsaUnderEc], p384Root).path).toHaveLength(2);
    expect(verify([pssLeaf], pssRoot).path).toHaveLength(2);
  });

  it('refuses a tampered ECDSA, PSS or mixed certificate as a bad signature', () => {
    const cases: [TestCertificate, TestCertificate[], TestCertificate][] = [
      [p256Leaf, [p256Sub], p384Root],
      [pssLeaf, [], pssRoot],
      [ecUnderRsa, [], rsaRoot],
      [rsaUnderEc, [], p384Root],
    ];
    for (const [cert, rest, root] of cases) {
      const at = cert.der.length - 3; // inside the signature value
      const sig = cert.der.slice();
      sig[at] = (sig[at] ?? 0) ^ 0x01;
      const chainDer = [sig, ...rest.map((c) => c.der)];
      expect(
        codeOf(() => verifyCertificateChain({ chainDer, trustedCaPem: [root.pem], now })),
      ).toBe('cert-bad-signature');
    }
    const renamed = [tamperName(p256Leaf.der), p256Sub.der];
    expect(
      codeOf(() =>
        verifyCertificateChain({ chainDer: renamed, trustedCaPem: [p384Root.pem], now }),
      ),
    ).toBe('cert-bad-signature');
  });

  it('refuses an ECDSA chain from another root: untrusted with that root, incomplete without', () => {
    expect(codeOf(() => verify([p256Leaf, p256Sub, p384Root], rsaRoot))).toBe('cert-untrusted');
    // The intermediate's issuer was not sent and is known nowhere: the chain cannot be finished.
    expect(codeOf(() => verify([p256Leaf, p256Sub], rsaRoot))).toBe('cert-chain-incomplete');
  });

  it('completes a chain from the intermediate cache when the signer sends only the leaf', () => {
    expect(codeOf(() => verify([p256Leaf], p384Root))).toBe('cert-untrusted');
    const result = verifyCertificateChain({
      chainDer: [p256Leaf.der],
      intermediatesDer: [p256Sub.der],
      trustedCaPem: [p384Root.pem],
      now,
    });
    expect(result.path.map((c) => c.fingerprintSha256Hex)).toHaveLength(3);
  });

  it('calls ecdsa-with-SHA1 unsupported, not a bad signature', () => {
    let caught: unknown;
    try {
      verify([sha1EcLeaf], p384Root);
    } catch (error) {
      caught = error;
    }
    expect(caught instanceof IdentityError && caught.code === 'cert-unsupported').toBe(true);
    expect((caught as Error).message).toMatch(/SHA-1/);
  });

  it('still decodes EC certificates as unsupported where an RSA key is required', () => {
    expect(codeOf(() => parseCertificate(p256Leaf.pem))).toBe('cert-unsupported');
    expect(codeOf(() => parseCertificate(rsaRoot.pem))).toBe('accepted');
  });
});
