import forge from 'node-forge';
import { beforeAll, describe, expect, it } from 'vitest';
import { binaryStringToBytes, bytesToBinaryString } from '../crypto/encoding';
import { issueMemberCertificate } from './ca';
import { certificateDerFromPem, parseCertificate } from './certificate';
import { IdentityError } from './errors';
import { buildP12, parseP12 } from './p12';
import { verifyCertificateChain } from './verify-chain';
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

/** A .p12 made by forge itself with its own defaults, for contents buildP12 refuses to write. */
function forgeP12(key: string | null, certs: string[], password: string): Uint8Array {
  const p12 = forge.pkcs12.toPkcs12Asn1(
    key === null ? null : forge.pki.privateKeyFromPem(key),
    certs.length === 0
      ? (null as unknown as forge.pki.Certificate)
      : certs.map((c) => forge.pki.certificateFromPem(c)),
    password,
    { algorithm: '3des' },
  );
  return binaryStringToBytes(forge.asn1.toDer(p12).getBytes());
}

describe('buildP12 and parseP12', () => {
  it('round-trips key, certificate and chain, keeping the Vietnamese name', () => {
    const bytes = buildP12({
      certificatePem: pki.member.certificatePem,
      privateKeyPem: pki.member.privateKeyPem,
      chainPem: [pki.ca.certificatePem],
      password: 'correct horse',
      friendlyName: TEST_MEMBER_NAME,
    });
    const parsed = parseP12(bytes, 'correct horse');
    expect(parsed.subjectName).toBe(TEST_MEMBER_NAME);
    // The friendly name is stored as a BMPString: UTF-16BE of the name.
    const utf16be = [...TEST_MEMBER_NAME].flatMap((c) => [
      c.charCodeAt(0) >> 8,
      c.charCodeAt(0) & 0xff,
    ]);
    expect(bytesToBinaryString(bytes).includes(String.fromCharCode(...utf16be))).toBe(true);
    expect(parsed.certificatePem).toBe(pki.member.certificatePem);
    expect(parsed.chainPem).toEqual([pki.ca.certificatePem]);
    expect(parsed.privateKeyPem).toBe(pki.member.privateKeyPem);
    // What the rest of the app sees: the same name, and a chain the server trusts.
    expect(parseCertificate(parsed.certificatePem).subjectCommonName).toBe(TEST_MEMBER_NAME);
    const verified = verifyCertificateChain({
      chainDer: [parsed.certificatePem, ...parsed.chainPem].map(certificateDerFromPem),
      trustedCaPem: [pki.ca.certificatePem],
      now: pki.now,
    });
    expect(verified.leaf.subjectCommonName).toBe(TEST_MEMBER_NAME);
  });

  it('works with a Vietnamese password', () => {
    const bytes = buildP12({ ...pki.member, password: 'mật khẩu Đ', iterations: 2048 });
    expect(parseP12(bytes, 'mật khẩu Đ').subjectName).toBe(TEST_MEMBER_NAME);
    expect(codeOf(() => parseP12(bytes, 'mat khau D'))).toBe('p12-bad-password');
  });

  it('salts every file differently', () => {
    const a = buildP12({ ...pki.member, password: 'x', iterations: 2048 });
    const b = buildP12({ ...pki.member, password: 'x', iterations: 2048 });
    expect(a).not.toEqual(b);
  });

  it('refuses a wrong password with p12-bad-password', () => {
    const bytes = buildP12({ ...pki.member, password: 'right', iterations: 2048 });
    expect(codeOf(() => parseP12(bytes, 'wrong'))).toBe('p12-bad-password');
    expect(codeOf(() => parseP12(bytes, ''))).toBe('p12-bad-password');
  });

  it('refuses what is not a .p12 file with p12-malformed', () => {
    const bytes = buildP12({ ...pki.member, password: 'right', iterations: 2048 });
    expect(codeOf(() => parseP12(new Uint8Array(0), 'x'))).toBe('p12-malformed');
    expect(codeOf(() => parseP12(new TextEncoder().encode('hello, world'), 'x'))).toBe(
      'p12-malformed',
    );
    expect(codeOf(() => parseP12(certificateDerFromPem(pki.member.certificatePem), 'x'))).toBe(
      'p12-malformed',
    );
    expect(codeOf(() => parseP12(bytes.slice(0, bytes.length - 40), 'right'))).toBe(
      'p12-malformed',
    );
  });

  it('notices a damaged file through its MAC', () => {
    const bytes = buildP12({ ...pki.member, password: 'right', iterations: 2048 });
    const damaged = bytes.slice();
    damaged[200]! ^= 0xff;
    expect(['p12-bad-password', 'p12-malformed']).toContain(
      codeOf(() => parseP12(damaged, 'right')),
    );
  });

  it('refuses a file without key or without certificate with p12-incomplete', () => {
    expect(codeOf(() => parseP12(forgeP12(null, [pki.member.certificatePem], 'pw'), 'pw'))).toBe(
      'p12-incomplete',
    );
    expect(codeOf(() => parseP12(forgeP12(pki.member.privateKeyPem, [], 'pw'), 'pw'))).toBe(
      'p12-incomplete',
    );
  });

  it('refuses a key that belongs to none of the certificates with p12-key-mismatch', () => {
    const bytes = forgeP12(pki.ca.privateKeyPem, [pki.member.certificatePem], 'pw');
    expect(codeOf(() => parseP12(bytes, 'pw'))).toBe('p12-key-mismatch');
    expect(
      codeOf(() =>
        buildP12({
          certificatePem: pki.member.certificatePem,
          privateKeyPem: pki.ca.privateKeyPem,
          password: 'pw',
        }),
      ),
    ).toBe('p12-key-mismatch');
  });

  it('picks the certificate that fits the key and orders the chain upwards', async () => {
    const other = await issueMemberCertificate({
      ca: pki.ca,
      name: 'Khác',
      email: 'k@x.vn',
      validDays: 30,
      now: pki.now,
    });
    // CA first, a stranger's certificate, and the member's own last: forge's legacy 3DES format.
    const bytes = forgeP12(
      pki.member.privateKeyPem,
      [pki.ca.certificatePem, other.certificatePem, pki.member.certificatePem],
      'pw',
    );
    const parsed = parseP12(bytes, 'pw');
    expect(parsed.certificatePem).toBe(pki.member.certificatePem);
    expect(parsed.chainPem[0]).toBe(pki.ca.certificatePem);
    expect(parsed.chainPem).toHaveLength(2);
  });
});
