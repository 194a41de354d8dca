import { beforeAll, describe, expect, it, vi } from 'vitest';
import { utf8Encode } from '../crypto/encoding';
import { CLOCK_SKEW_ALLOWANCE_MS, createCa, issueMemberCertificate } from './ca';
import { decodeCertificate, parseCertificate } from './certificate';
import { IdentityError } from './errors';
import { forgeKeyPairGenerator } from './keys';
import { makeTestPki, TEST_MEMBER_EMAIL, TEST_MEMBER_NAME, type TestPki } from './testing';

let pki: TestPki;
beforeAll(async () => {
  pki = await makeTestPki();
});

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'no error';
  } catch (error) {
    return error instanceof IdentityError ? error.code : String(error);
  }
}

describe('createCa', () => {
  it('makes a self-signed CA that may sign certificates and CRLs only', () => {
    const ca = parseCertificate(pki.ca.certificatePem);
    expect(ca.isCa).toBe(true);
    expect(ca.subjectCommonName).toBe('Văn phòng Quốc hội CA');
    expect(ca.subjectOrganisation).toBe('Văn phòng Quốc hội');
    expect(ca.issuerDn).toBe(ca.subjectDn);
    expect(ca.keyUsage).toEqual({
      digitalSignature: false,
      nonRepudiation: false,
      keyEncipherment: false,
      dataEncipherment: false,
      keyAgreement: false,
      keyCertSign: true,
      cRLSign: true,
    });
    const decoded = decodeCertificate(pki.ca.certificatePem);
    expect(decoded.subjectKeyIdHex).toMatch(/^[0-9a-f]{40}$/);
    expect(decoded.forgeCertificate.verify(decoded.forgeCertificate)).toBe(true);
    expect(decoded.forgeCertificate.getExtension('basicConstraints')).toMatchObject({
      cA: true,
      critical: true,
    });
  });

  it('uses the injected key generator with the asked size', async () => {
    const generate = vi.fn(forgeKeyPairGenerator);
    const ca = await createCa({
      commonName: 'CA',
      organisation: 'Org',
      validDays: 10,
      now: pki.now,
      keyBits: 3072,
      generateKeyPair: generate,
    });
    expect(generate).toHaveBeenCalledWith(3072);
    expect(parseCertificate(ca.certificatePem).spkiDer.length).toBeGreaterThan(390);
    expect(ca.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
  });

  it('refuses empty names and silly validity', async () => {
    expect(
      await codeOf(createCa({ commonName: '  ', organisation: 'O', validDays: 10, now: pki.now })),
    ).toBe('issue-invalid');
    expect(
      await codeOf(createCa({ commonName: 'CA', organisation: 'O', validDays: 0, now: pki.now })),
    ).toBe('issue-invalid');
    expect(
      await codeOf(
        createCa({ commonName: 'x'.repeat(65), organisation: 'O', validDays: 1, now: pki.now }),
      ),
    ).toBe('issue-invalid');
  });
});

describe('issueMemberCertificate', () => {
  it('puts the Vietnamese name in the subject as a UTF8String, byte for byte', () => {
    const info = parseCertificate(pki.member.certificatePem);
    expect(info.subjectCommonName).toBe(TEST_MEMBER_NAME);
    expect(info.subjectOrganisation).toBe('Quốc hội');
    const name = utf8Encode(TEST_MEMBER_NAME);
    // UTF8String tag 0x0c, then the length, then the UTF-8 bytes.
    expect(contains(info.der, Uint8Array.of(0x0c, name.length, ...name))).toBe(true);
  });

  it('marks the certificate for signing and login only, not as a CA', () => {
    const info = parseCertificate(pki.member.certificatePem);
    expect(info.isCa).toBe(false);
    expect(info.keyUsage).toMatchObject({
      digitalSignature: true,
      nonRepudiation: true,
      keyCertSign: false,
    });
    expect(info.extendedKeyUsage).toEqual(['1.3.6.1.5.5.7.3.2', '1.3.6.1.5.5.7.3.4']);
    expect(info.subjectEmail).toBe(TEST_MEMBER_EMAIL);
    const ku = decodeCertificate(pki.member.certificatePem).forgeCertificate.getExtension(
      'keyUsage',
    );
    expect(ku).toMatchObject({ critical: true });
  });

  it('links the member to the CA by name and key identifier', () => {
    const member = decodeCertificate(pki.member.certificatePem);
    const ca = decodeCertificate(pki.ca.certificatePem);
    expect(member.issuerNameDer).toBe(ca.subjectNameDer);
    expect(member.authorityKeyIdHex).toBe(ca.subjectKeyIdHex);
    expect(member.info.issuerCommonName).toBe('Văn phòng Quốc hội CA');
    expect(ca.forgeCertificate.verify(member.forgeCertificate)).toBe(true);
  });

  it('dates the certificate from a little before now for the asked number of days', () => {
    const info = parseCertificate(pki.member.certificatePem);
    expect(info.notBefore.getTime()).toBe(pki.now.getTime() - CLOCK_SKEW_ALLOWANCE_MS);
    expect(info.notAfter.getTime()).toBe(pki.now.getTime() + 365 * 24 * 3600 * 1000);
  });

  it('gives each certificate a different positive 16-byte serial', async () => {
    const again = await issueMemberCertificate({
      ca: pki.ca,
      name: 'B',
      email: 'b@x.vn',
      validDays: 1,
      now: pki.now,
    });
    const a = parseCertificate(pki.member.certificatePem).serialHex;
    const b = parseCertificate(again.certificatePem).serialHex;
    expect(a).not.toBe(b);
    for (const serial of [a, b]) expect(serial).toMatch(/^[4-7][0-9a-f]{31}$/);
  });

  it('refuses bad e-mail, a non-CA issuer and a CA key that does not fit', async () => {
    const base = { name: 'B', validDays: 1, now: pki.now };
    expect(
      await codeOf(issueMemberCertificate({ ...base, ca: pki.ca, email: 'not an email' })),
    ).toBe('issue-invalid');
    expect(await codeOf(issueMemberCertificate({ ...base, ca: pki.member, email: 'b@x.vn' }))).toBe(
      'issue-invalid',
    );
    const wrongKey = {
      certificatePem: pki.ca.certificatePem,
      privateKeyPem: pki.member.privateKeyPem,
    };
    expect(await codeOf(issueMemberCertificate({ ...base, ca: wrongKey, email: 'b@x.vn' }))).toBe(
      'issue-invalid',
    );
    const badPem = { certificatePem: pki.ca.certificatePem, privateKeyPem: 'nonsense' };
    expect(await codeOf(issueMemberCertificate({ ...base, ca: badPem, email: 'b@x.vn' }))).toBe(
      'key-malformed',
    );
  });
});
