/**
 * OpenSSL as the independent judge of core/identity: it must read our certificates and .p12
 * files, and we must read the .p12 files it writes (OpenSSL 3 default and -legacy).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCa, issueMemberCertificate, type CertificateWithKey } from '../../core/identity/ca';
import { parseCertificate } from '../../core/identity/certificate';
import { IdentityError } from '../../core/identity/errors';
import { buildP12, parseP12 } from '../../core/identity/p12';

const NAME = 'Nguyễn Tiến Sỹ';
const NOW = new Date();
let dir: string;
let ca: CertificateWithKey;
let member: CertificateWithKey;

function openssl(args: string[]): string {
  return execFileSync('openssl', args, {
    cwd: dir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Runs openssl and returns exit status with both streams, for commands expected to fail. */
function opensslRaw(args: string[]): { status: number | null; output: string } {
  const run = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

function codeOf(run: () => unknown): string {
  try {
    run();
    return 'no error';
  } catch (error) {
    return error instanceof IdentityError ? error.code : String(error);
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dienhong-identity-'));
  ca = await createCa({
    commonName: 'Văn phòng Quốc hội CA',
    organisation: 'Văn phòng Quốc hội',
    validDays: 3650,
    now: NOW,
  });
  member = await issueMemberCertificate({
    ca,
    name: NAME,
    email: 'sy.nt@quochoi.vn',
    organisation: 'Quốc hội',
    validDays: 365,
    now: NOW,
  });
  writeFileSync(join(dir, 'ca.pem'), ca.certificatePem);
  writeFileSync(join(dir, 'member.pem'), member.certificatePem);
  writeFileSync(join(dir, 'member.key'), member.privateKeyPem);
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('certificates as OpenSSL sees them', () => {
  it('prints the Vietnamese name unchanged from a UTF8String', () => {
    const subject = openssl([
      'x509',
      '-in',
      'member.pem',
      '-noout',
      '-subject',
      '-nameopt',
      'utf8',
    ]);
    expect(subject).toContain(`CN=${NAME}`);
    expect(openssl(['asn1parse', '-in', 'member.pem'])).toContain(`UTF8STRING        :${NAME}`);
  });

  it('verifies the member against the CA, for client authentication and e-mail signing', () => {
    expect(
      openssl(['verify', '-CAfile', 'ca.pem', '-purpose', 'sslclient', 'member.pem']).trim(),
    ).toBe('member.pem: OK');
    expect(
      openssl(['verify', '-CAfile', 'ca.pem', '-purpose', 'smimesign', 'member.pem']).trim(),
    ).toBe('member.pem: OK');
  });

  it('shows the extensions the brief asks for', () => {
    const text = openssl(['x509', '-in', 'member.pem', '-noout', '-text']);
    expect(text).toMatch(/Key Usage: critical\s+Digital Signature, Non Repudiation/);
    expect(text).toMatch(/Extended Key Usage:\s+TLS Web Client Authentication, E-mail Protection/);
    expect(text).toMatch(/Basic Constraints: critical\s+CA:FALSE/);
    expect(text).toContain('email:sy.nt@quochoi.vn');
    expect(text).toContain('X509v3 Authority Key Identifier');
    const caText = openssl(['x509', '-in', 'ca.pem', '-noout', '-text']);
    expect(caText).toMatch(/Basic Constraints: critical\s+CA:TRUE/);
    expect(caText).toMatch(/Key Usage: critical\s+Certificate Sign, CRL Sign/);
  });

  it('refuses an EC certificate as unsupported', () => {
    openssl([
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-subj',
      '/CN=ec',
      '-days',
      '1',
      '-keyout',
      'ec.key',
      '-out',
      'ec.pem',
    ]);
    expect(codeOf(() => parseCertificate(readFileSync(join(dir, 'ec.pem'), 'utf8')))).toBe(
      'cert-unsupported',
    );
    openssl([
      'pkcs12',
      '-export',
      '-in',
      'ec.pem',
      '-inkey',
      'ec.key',
      '-passout',
      'pass:pw',
      '-out',
      'ec.p12',
    ]);
    expect(codeOf(() => parseP12(readFileSync(join(dir, 'ec.p12')), 'pw'))).toBe('p12-unsupported');
  });
});

describe('our .p12 files in OpenSSL 3', () => {
  const password = 'mật khẩu 123';
  beforeAll(() => {
    const bytes = buildP12({
      ...member,
      chainPem: [ca.certificatePem],
      password,
      friendlyName: NAME,
    });
    writeFileSync(join(dir, 'ours.p12'), bytes);
  });

  it('opens without -legacy: AES-256-CBC, PBKDF2-HMAC-SHA256 and a SHA-256 MAC', () => {
    const { status, output } = opensslRaw([
      'pkcs12',
      '-info',
      '-noout',
      '-in',
      'ours.p12',
      '-passin',
      `pass:${password}`,
    ]);
    expect(status).toBe(0);
    expect(output).toContain('MAC: sha256');
    expect(output).toMatch(
      /Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC, Iteration \d+, PRF hmacWithSHA256/,
    );
  });

  it('gives back the same certificate, key and name', () => {
    const cert = openssl([
      'pkcs12',
      '-in',
      'ours.p12',
      '-passin',
      `pass:${password}`,
      '-clcerts',
      '-nokeys',
    ]);
    expect(cert).toContain(member.certificatePem.trim());
    const key = openssl([
      'pkcs12',
      '-in',
      'ours.p12',
      '-passin',
      `pass:${password}`,
      '-nocerts',
      '-nodes',
    ]);
    expect(key).toContain(member.privateKeyPem.trim());
    // OpenSSL 3.0 prints a BMPString friendlyName byte-truncated, so only its presence is checked here.
    expect(key).toContain('friendlyName: Nguy');
    writeFileSync(join(dir, 'from-p12.pem'), cert);
    expect(
      openssl(['x509', '-in', 'from-p12.pem', '-noout', '-subject', '-nameopt', 'utf8']),
    ).toContain(`CN=${NAME}`);
  });

  it('is refused by OpenSSL with a wrong password', () => {
    expect(
      opensslRaw(['pkcs12', '-info', '-noout', '-in', 'ours.p12', '-passin', 'pass:wrong']).status,
    ).not.toBe(0);
  });

  it('keeps "Nguyễn Tiến Sỹ" through issue → .p12 → parse → CertificateInfo', () => {
    const parsed = parseP12(readFileSync(join(dir, 'ours.p12')), password);
    expect(parsed.subjectName).toBe(NAME);
    expect(parseCertificate(parsed.certificatePem).subjectCommonName).toBe(NAME);
  });
});

describe('.p12 files written by OpenSSL', () => {
  const cases = [
    { name: 'OpenSSL 3 default (AES-256/PBKDF2)', legacy: false, password: 'secret' },
    { name: 'OpenSSL 3 default with a Vietnamese password', legacy: false, password: 'mật khẩu' },
    { name: '-legacy (3DES/RC2)', legacy: true, password: 'secret' },
    { name: '-legacy with a Vietnamese password', legacy: true, password: 'mật khẩu' },
  ];

  it.each(cases)('reads $name', ({ legacy, password }) => {
    const file = `openssl-${legacy ? 'legacy' : 'default'}-${password.length}.p12`;
    openssl([
      'pkcs12',
      '-export',
      ...(legacy ? ['-legacy'] : []),
      '-in',
      'member.pem',
      '-inkey',
      'member.key',
      '-certfile',
      'ca.pem',
      '-passout',
      `pass:${password}`,
      '-out',
      file,
    ]);
    const info = opensslRaw([
      'pkcs12',
      '-info',
      '-noout',
      '-in',
      file,
      '-passin',
      `pass:${password}`,
      ...(legacy ? ['-legacy'] : []),
    ]);
    expect(info.output).toContain(legacy ? 'pbeWithSHA1And40BitRC2-CBC' : 'AES-256-CBC');

    const bytes = readFileSync(join(dir, file));
    const parsed = parseP12(bytes, password);
    expect(parsed.subjectName).toBe(NAME);
    expect(parsed.certificatePem).toBe(member.certificatePem);
    expect(parsed.privateKeyPem).toBe(member.privateKeyPem);
    expect(parsed.chainPem).toEqual([ca.certificatePem]);
    expect(codeOf(() => parseP12(bytes, `${password}x`))).toBe('p12-bad-password');
  });
});
