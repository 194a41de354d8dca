import { beforeAll, describe, expect, it } from 'vitest';
import { toHex } from '../util/hex';
import { certificateDerFromPem, certificatePemFromDer, parseCertificate } from './certificate';
import { decodeDirectoryString } from './directory-name';
import { IdentityError } from './errors';
import { makeTestPki, TEST_MEMBER_NAME, type TestPki } from './testing';

let pki: TestPki;
beforeAll(async () => {
  pki = await makeTestPki();
});

function codeOf(run: () => unknown): string {
  try {
    run();
    return 'no error';
  } catch (error) {
    return error instanceof IdentityError ? error.code : String(error);
  }
}

describe('parseCertificate', () => {
  it('reads PEM and DER alike', () => {
    const fromPem = parseCertificate(pki.member.certificatePem);
    const fromDer = parseCertificate(certificateDerFromPem(pki.member.certificatePem));
    expect(fromDer).toEqual(fromPem);
    expect(certificatePemFromDer(fromDer.der)).toBe(pki.member.certificatePem);
  });

  it('gives names as proper strings and a readable DN', () => {
    const info = parseCertificate(pki.member.certificatePem);
    expect(info.subjectCommonName).toBe(TEST_MEMBER_NAME);
    expect(info.subjectDn).toBe(`emailAddress=sy.nt@quochoi.vn,CN=${TEST_MEMBER_NAME},O=Quốc hội`);
    expect(info.issuerDn).toBe('CN=Văn phòng Quốc hội CA,O=Văn phòng Quốc hội');
  });

  it('fingerprints the DER with SHA-256, as WebCrypto computes it', async () => {
    const info = parseCertificate(pki.member.certificatePem);
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', info.der));
    expect(info.fingerprintSha256Hex).toBe(toHex(digest));
  });

  it('hands out the exact SubjectPublicKeyInfo, which WebCrypto can import', async () => {
    const info = parseCertificate(pki.member.certificatePem);
    const key = await crypto.subtle.importKey(
      'spki',
      info.spkiDer,
      { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
      true,
      ['verify'],
    );
    expect((key.algorithm as RsaHashedKeyAlgorithm).modulusLength).toBe(2048);
  });

  it('refuses what is not a certificate with cert-malformed', () => {
    expect(codeOf(() => parseCertificate('hello'))).toBe('cert-malformed');
    expect(codeOf(() => parseCertificate(new Uint8Array([1, 2, 3])))).toBe('cert-malformed');
    const der = certificateDerFromPem(pki.member.certificatePem);
    expect(codeOf(() => parseCertificate(der.slice(0, der.length - 1)))).toBe('cert-malformed');
    expect(codeOf(() => parseCertificate(Uint8Array.of(...der, 0)))).toBe('cert-malformed');
  });

  it('decodes the string types names come in', () => {
    expect(decodeDirectoryString('Nguy\xe1\xbb\x85n', 12)).toBe('Nguyễn'); // UTF8String bytes
    expect(decodeDirectoryString('Nguyễn', 30)).toBe('Nguyễn'); // BMPString: forge already decoded it
    expect(decodeDirectoryString('\0\0\0A\0\x01\xf6\x00', 28)).toBe('A😀'); // UniversalString
    expect(decodeDirectoryString('Hanoi', 19)).toBe('Hanoi'); // PrintableString
  });
});
