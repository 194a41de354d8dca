/**
 * `admin sign` and `admin verify` as an operator uses them: .p12 files (ours and OpenSSL's),
 * our minutes and PDFs we did not make, and every refusal the issue lists — each a one-line
 * error with a code, exit 2, and no output file.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildP12 } from '../../core/identity';
import { renderMinutesPdf } from '../../core/minutes';
import { SAMPLE_CHAIR, SAMPLE_SECRETARY, sampleMinutes } from '../../core/minutes/testing';
import { signPdf } from '../../core/signing';
import { runSignCommand } from '../../sync-server/admin/sign';
import { type VerifyOutput, runVerifyCommand } from '../../sync-server/admin/verify';
import { dejavuSerif } from '../helpers/minutes-fonts';
import { type Judges, createJudges } from '../helpers/pdf-judges';
import {
  type TestIdentity,
  type TestPki,
  createTestPki,
  nodeCrypto,
  nodeSigner,
} from '../helpers/pki';

const PASSWORD = 'mật khẩu đúng';

let dir: string;
let pki: TestPki;
let judges: Judges;
let minutesPath: string;
let passwordFile: string;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function captureIo(): { io: Parameters<typeof runSignCommand>[1]; out: () => Run } {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
  };
  return { io, out: () => ({ code: -1, stdout, stderr }) };
}

async function sign(...args: string[]): Promise<Run> {
  const { io, out } = captureIo();
  const code = await runSignCommand(args, io);
  return { ...out(), code };
}

async function verify(...args: string[]): Promise<Run & { json: VerifyOutput | undefined }> {
  const { io, out } = captureIo();
  const code = await runVerifyCommand(args, io);
  const run = { ...out(), code };
  return { ...run, json: run.stdout ? (JSON.parse(run.stdout) as VerifyOutput) : undefined };
}

const path = (name: string): string => join(dir, name);

function p12For(identity: TestIdentity, name: string, password = PASSWORD): string {
  const file = path(name);
  writeFileSync(
    file,
    buildP12({
      certificatePem: identity.certPem,
      privateKeyPem: identity.privateKeyPem,
      chainPem: [pki.ca.certPem],
      password,
      iterations: 2048,
    }),
  );
  return file;
}

/** A certificate from the test CA with the given keyUsage, and a .p12 holding `key` with it. */
function forgeP12(options: {
  keyUsage: Record<string, boolean>;
  keyPem?: string;
  name: string;
}): string {
  const caKey = forge.pki.privateKeyFromPem(pki.ca.privateKeyPem);
  const caCert = forge.pki.certificateFromPem(pki.ca.certPem);
  const keys = forge.pki.rsa.generateKeyPair({ bits: 1024, e: 0x10001 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = '0badbeef';
  cert.validity.notBefore = new Date(Date.now() - 86_400_000);
  cert.validity.notAfter = new Date(Date.now() + 365 * 86_400_000);
  cert.setSubject([{ shortName: 'CN', value: 'Test Signer' }]);
  cert.setIssuer(caCert.subject.attributes);
  cert.setExtensions([{ name: 'keyUsage', critical: true, ...options.keyUsage }]);
  cert.sign(caKey, forge.md.sha256.create());
  const key = options.keyPem ? forge.pki.privateKeyFromPem(options.keyPem) : keys.privateKey;
  // forge does not check that key and certificate belong together, which is what one test needs.
  const asn1 = forge.pkcs12.toPkcs12Asn1(key, [cert, caCert], PASSWORD, { algorithm: '3des' });
  const file = path(options.name);
  writeFileSync(file, Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary'));
  return file;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'admin-sign-'));
  pki = createTestPki();
  judges = createJudges(dir, pki.ca.certPem);
  minutesPath = path('minutes.pdf');
  writeFileSync(minutesPath, await renderMinutesPdf(sampleMinutes(), dejavuSerif()));
  passwordFile = path('password.txt');
  writeFileSync(passwordFile, `${PASSWORD}\n`);
  p12For(pki.secretary, 'secretary.p12');
  p12For(pki.chair, 'chair.p12');
}, 60_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('admin sign + admin verify on the minutes', () => {
  it('the secretary signs, the chair co-signs; verify prints both as valid and trusted', async () => {
    const once = await sign(
      minutesPath,
      '--p12',
      path('secretary.p12'),
      '--password-file',
      passwordFile,
      '--out',
      path('signed-1.pdf'),
      '--field',
      'secretary',
      '--role',
      'Thư ký',
      '--reason',
      'Xác nhận biên bản',
      '--location',
      'Hà Nội',
    );
    expect(once).toMatchObject({ code: 0, stderr: '' });
    expect(once.stdout).toContain(SAMPLE_SECRETARY);
    const twice = await sign(
      path('signed-1.pdf'),
      '--p12',
      path('chair.p12'),
      '--password-file',
      passwordFile,
      '--out',
      path('signed-2.pdf'),
      '--field',
      'chair',
      '--role',
      'Chủ tọa',
    );
    expect(twice.code).toBe(0);

    const result = await verify(path('signed-2.pdf'), '--ca', judges.caPemPath);
    expect(result.code).toBe(0);
    expect(result.json?.valid).toBe(true);
    expect(result.json?.verdict).toBe('valid');
    expect(result.json?.signatures.map((s) => [s.field, s.verdict])).toEqual([
      ['secretary', 'valid-with-permitted-changes'],
      ['chair', 'valid'],
    ]);
    expect(result.json?.signatures[0]?.laterChanges.permitted).toEqual(['signature-added']);
    expect(result.json?.signatures.map((s) => [s.field, s.signer, s.coversWholeDocument])).toEqual([
      ['secretary', SAMPLE_SECRETARY, false],
      ['chair', SAMPLE_CHAIR, true],
    ]);
    for (const s of result.json?.signatures ?? []) {
      expect(s).toMatchObject({
        digestValid: true,
        signatureValid: true,
        trustedChain: true,
        certificateValidAtSigningTime: true,
        padesBaselineB: true,
        valid: true,
        problems: [],
      });
      expect(Math.abs(Date.parse(s.time ?? '') - Date.now())).toBeLessThan(120_000);
    }
    expect(judges.qpdfCheck(path('signed-2.pdf'))).toBe(0);
    expect(
      judges.pdfsig(path('signed-2.pdf')).map((e) => [e.fieldName, e.validation, e.certificate]),
    ).toEqual([
      ['secretary', 'Signature is Valid.', 'Certificate is Trusted.'],
      ['chair', 'Signature is Valid.', 'Certificate is Trusted.'],
    ]);
  });

  it('verify names the broken signature of a tampered file and exits 1', async () => {
    const signed = readFileSync(path('signed-2.pdf'));
    const tampered = Buffer.from(signed);
    const at = signed.length - 3; // inside the chair's revision only
    tampered[at] = (tampered[at] ?? 0) ^ 0x01;
    writeFileSync(path('tampered.pdf'), tampered);
    const result = await verify(path('tampered.pdf'), '--ca', judges.caPemPath);
    expect(result.code).toBe(1);
    expect(result.json?.valid).toBe(false);
    expect(result.json?.signatures.map((s) => [s.field, s.digestValid, s.valid])).toEqual([
      ['secretary', true, true],
      ['chair', false, false],
    ]);
    expect(result.stderr).toMatch(
      /signature "chair" \(Trần Thị Hồng Nhung\) is broken: .*digest mismatch/,
    );
    expect(result.stderr).not.toMatch(/"secretary"/);
  });

  it('verify without --ca leaves trust unknown; with a foreign CA it fails the chain', async () => {
    const noCa = await verify(path('signed-2.pdf'));
    // Trust unknown is not valid: the CLI exits non-zero unless the file is valid.
    expect(noCa.code).toBe(1);
    expect(noCa.json?.verdict).toBe('trust-unknown');
    expect(noCa.json?.signatures.map((s) => s.trustedChain)).toEqual([null, null]);
    const other = createTestPki();
    writeFileSync(path('other-ca.pem'), other.ca.certPem);
    const foreign = await verify(path('signed-2.pdf'), '--ca', path('other-ca.pem'));
    expect(foreign.code).toBe(1);
    expect(foreign.json?.signatures.map((s) => [s.trustedChain, s.digestValid])).toEqual([
      [false, true],
      [false, true],
    ]);
  });

  it('verify of an unsigned PDF exits 1, of a non-PDF exits 2 with a code', async () => {
    const unsigned = await verify(minutesPath);
    expect(unsigned.code).toBe(1);
    expect(unsigned.json?.signatures).toEqual([]);
    writeFileSync(path('not.pdf'), 'hello');
    const garbage = await verify(path('not.pdf'));
    expect(garbage.code).toBe(2);
    expect(garbage.stderr).toMatch(/^error \[PDF_MALFORMED\]: .+\n$/);
  });

  it('runs as a process too (exit codes and JSON on stdout)', () => {
    const r = spawnSync(
      'npx',
      [
        'tsx',
        'test/helpers/admin-run.ts',
        'verify',
        path('tampered.pdf'),
        '--ca',
        judges.caPemPath,
      ],
      {
        encoding: 'utf8',
      },
    );
    expect(r.status).toBe(1);
    expect((JSON.parse(r.stdout) as VerifyOutput).signatures[1]?.field).toBe('chair');
  }, 30_000);
});

describe('refusals: one line with a code, exit 2, no output file', () => {
  async function refused(p12: string, code: string, passwordPath = passwordFile): Promise<void> {
    const out = path(`refused-${code}.pdf`);
    const r = await sign(
      minutesPath,
      '--p12',
      p12,
      '--password-file',
      passwordPath,
      '--out',
      out,
      '--field',
      'secretary',
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^error \\[${code}\\]: [^\\n]+\\n$`));
    expect(r.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }

  it('wrong password', async () => {
    writeFileSync(path('wrong.txt'), 'mật khẩu sai\n');
    await refused(path('secretary.p12'), 'p12-bad-password', path('wrong.txt'));
  });

  it('expired certificate', async () => {
    const old = createTestPki(new Date(Date.now() - 3 * 365 * 86_400_000));
    const file = path('expired.p12');
    writeFileSync(
      file,
      buildP12({
        certificatePem: old.secretary.certPem,
        privateKeyPem: old.secretary.privateKeyPem,
        password: PASSWORD,
        iterations: 2048,
      }),
    );
    await refused(file, 'cert-expired');
  });

  it('certificate whose key usage does not allow signatures', async () => {
    await refused(
      forgeP12({ keyUsage: { keyEncipherment: true }, name: 'no-sign.p12' }),
      'cert-key-usage',
    );
  });

  it('key that does not match the certificate', async () => {
    await refused(
      forgeP12({
        keyUsage: { digitalSignature: true },
        keyPem: pki.chair.privateKeyPem,
        name: 'mismatch.p12',
      }),
      'p12-key-mismatch',
    );
  });

  it('a file that is not a .p12, a PDF that is not a PDF, a field already signed, bad arguments', async () => {
    await refused(minutesPath, 'p12-malformed');
    const bad = await sign(
      path('not.pdf'),
      '--p12',
      path('secretary.p12'),
      '--password-file',
      passwordFile,
      '--out',
      path('x.pdf'),
    );
    expect(bad).toMatchObject({ code: 2 });
    expect(bad.stderr).toMatch(/^error \[PDF_MALFORMED\]/);
    const taken = await sign(
      path('signed-2.pdf'),
      '--p12',
      path('chair.p12'),
      '--password-file',
      passwordFile,
      '--out',
      path('x.pdf'),
      '--field',
      'chair',
    );
    expect(taken.stderr).toMatch(/^error \[SIGNATURE_FIELD_TAKEN\]/);
    expect((await sign(minutesPath, '--p12', path('chair.p12'))).stderr).toMatch(
      /^error \[usage\]/,
    );
    expect((await sign(minutesPath, '--bogus')).stderr).toMatch(/^error \[usage\]/);
    const common = [
      minutesPath,
      '--p12',
      path('chair.p12'),
      '--password-file',
      passwordFile,
      '--out',
      path('x.pdf'),
    ];
    expect((await sign(...common, '--visible', '--rect', '1,2,3')).stderr).toMatch(
      /^error \[usage\]: --rect/,
    );
    expect((await sign(...common, '--page', '2')).stderr).toMatch(
      /^error \[usage\]: --page and --rect/,
    );
    expect((await sign(...common, '--visible', '--page', '99')).stderr).toMatch(
      /^error \[PAGE_NOT_FOUND\]/,
    );
    const inPlace = await sign(
      minutesPath,
      '--p12',
      path('chair.p12'),
      '--password-file',
      passwordFile,
      '--out',
      minutesPath,
    );
    expect(inPlace.stderr).toMatch(/^error \[usage\]/);
    expect(existsSync(path('x.pdf'))).toBe(false);
  });
});

describe('PDFs we did not make', () => {
  it('signs a PDF whose cross-reference is a stream, with a visible new field, using an OpenSSL .p12', async () => {
    const doc = await PDFDocument.create();
    doc.addPage([595, 842]).drawText('A document from elsewhere', { x: 60, y: 760, size: 18 });
    writeFileSync(path('plain.pdf'), await doc.save({ useObjectStreams: false }));
    execFileSync('/usr/bin/qpdf', [
      '--object-streams=generate',
      path('plain.pdf'),
      path('xref-stream.pdf'),
    ]);
    expect(readFileSync(path('xref-stream.pdf')).includes('/ObjStm')).toBe(true);
    writeFileSync(path('chair.key'), pki.chair.privateKeyPem);
    writeFileSync(path('chair.crt'), pki.chair.certPem);
    execFileSync('/usr/bin/openssl', [
      'pkcs12',
      '-export',
      '-in',
      path('chair.crt'),
      '-inkey',
      path('chair.key'),
      '-certfile',
      judges.caPemPath,
      '-passout',
      `file:${passwordFile}`,
      '-out',
      path('openssl.p12'),
    ]);
    const r = await sign(
      path('xref-stream.pdf'),
      '--p12',
      path('openssl.p12'),
      '--password-file',
      passwordFile,
      '--out',
      path('xref-signed.pdf'),
      '--visible',
      '--role',
      'Chủ tọa',
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(judges.qpdfCheck(path('xref-signed.pdf'))).toBe(0);
    expect(
      judges
        .pdfsig(path('xref-signed.pdf'))
        .map((e) => [e.fieldName, e.commonName, e.validation, e.certificate]),
    ).toEqual([['Signature1', SAMPLE_CHAIR, 'Signature is Valid.', 'Certificate is Trusted.']]);
    expect((await verify(path('xref-signed.pdf'), '--ca', judges.caPemPath)).code).toBe(0);
  });

  it('adds a signature to a PDF someone else already signed, leaving theirs intact', async () => {
    const stranger = createTestPki();
    const theirs = await signPdf({
      pdf: new Uint8Array(readFileSync(path('xref-stream.pdf'))),
      signer: nodeSigner(stranger.chair, [stranger.ca]),
      hasher: nodeCrypto,
      name: 'Người ngoài',
      fieldName: 'Their signature',
      signingTime: new Date(),
    });
    writeFileSync(path('theirs.pdf'), theirs);
    const r = await sign(
      path('theirs.pdf'),
      '--p12',
      path('secretary.p12'),
      '--password-file',
      passwordFile,
      '--out',
      path('ours.pdf'),
      '--visible',
      '--page',
      '1',
      '--rect',
      '300,600,510,674',
    );
    expect(r.code).toBe(0);
    const ours = readFileSync(path('ours.pdf'));
    expect(ours.subarray(0, theirs.length).equals(Buffer.from(theirs))).toBe(true);
    expect(judges.qpdfCheck(path('ours.pdf'))).toBe(0);
    const entries = judges.pdfsig(path('ours.pdf'));
    expect(entries.map((e) => [e.fieldName, e.validation])).toEqual([
      ['Their signature', 'Signature is Valid.'],
      ['Signature1', 'Signature is Valid.'],
    ]);
    expect(entries[1]?.certificate).toBe('Certificate is Trusted.');
    // Trusting both CAs makes the whole file valid for our verifier.
    writeFileSync(path('stranger-ca.pem'), stranger.ca.certPem);
    const result = await verify(
      path('ours.pdf'),
      '--ca',
      judges.caPemPath,
      '--ca',
      path('stranger-ca.pem'),
    );
    expect(result.code).toBe(0);
    expect(result.json?.signatures.map((s) => s.signer)).toEqual([
      stranger.chair.commonName,
      SAMPLE_SECRETARY,
    ]);
  });
});
