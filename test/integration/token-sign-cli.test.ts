/**
 * `admin sign` with keys on a PKCS#11 token (SoftHSM2): the secretary signs the minutes and the
 * chair co-signs, once RSA then ECDSA and once the other way round; pdfsig, pyHanko, qpdf and our
 * own verifier judge every file. The PIN comes from an environment variable; a wrong one is a
 * one-line refusal with no output file.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderMinutesPdf } from '../../core/minutes';
import { SAMPLE_CHAIR, SAMPLE_SECRETARY, sampleMinutes } from '../../core/minutes/testing';
import { runSignCommand } from '../../sync-server/admin/sign';
import { type VerifyOutput, runVerifyCommand } from '../../sync-server/admin/verify';
import {
  SOFTHSM_MODULE,
  type SoftToken,
  createSoftHsm,
  softHsmAvailable,
} from '../../tools/harness/softhsm';
import { dejavuSerif } from '../helpers/minutes-fonts';
import { type OpensslIdentity, opensslIdentity } from '../helpers/openssl-pki';
import { type Judges, createJudges } from '../helpers/pdf-judges';

const available = softHsmAvailable();
const PIN_VAR = 'DIENHONG_TEST_TOKEN_PIN';
let dir: string;
let token: SoftToken;
let ca: OpensslIdentity;
let judges: Judges;
let minutesPath: string;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function sign(env: NodeJS.ProcessEnv, ...args: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
  };
  const code = await runSignCommand(args, io, new Date(), { env });
  return { code, stdout, stderr };
}

async function verify(file: string): Promise<VerifyOutput> {
  let stdout = '';
  const io = { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: () => 0 } };
  await runVerifyCommand([file, '--ca', judges.caPemPath], io);
  return JSON.parse(stdout) as VerifyOutput;
}

const path = (name: string) => join(dir, name);
const tokenFlags = (keyId: string) => [
  '--pkcs11-module',
  SOFTHSM_MODULE,
  '--slot',
  token.slot,
  '--key-id',
  keyId,
  '--pin-env',
  PIN_VAR,
];

beforeAll(async () => {
  if (!available) return;
  dir = mkdtempSync(join(tmpdir(), 'token-sign-cli-'));
  const hsm = createSoftHsm(dir);
  hsm.use();
  ca = opensslIdentity({ dir, name: 'CA Token', keyType: 'RSA', signature: { digest: 'sha256' } });
  const leaf = (name: string, keyType: 'RSA' | 'P-256') =>
    opensslIdentity({ dir, name, keyType, signature: { digest: 'sha256' }, issuer: ca });
  const secretaryRsa = leaf(SAMPLE_SECRETARY, 'RSA');
  const chairEc = leaf(SAMPLE_CHAIR, 'P-256');
  const secretaryEc = opensslIdentity({
    dir: mkdtempSync(join(dir, 'ec-')),
    name: SAMPLE_SECRETARY,
    keyType: 'P-256',
    signature: { digest: 'sha256' },
    issuer: ca,
  });
  const chairRsa = opensslIdentity({
    dir: mkdtempSync(join(dir, 'rsa-')),
    name: SAMPLE_CHAIR,
    keyType: 'RSA',
    signature: { digest: 'sha256' },
    issuer: ca,
  });
  token = hsm.initToken('Văn phòng', '2468');
  hsm.importKey(token, { ...paths(secretaryRsa), id: 'a1', label: 'thu-ky-rsa' });
  hsm.importKey(token, { ...paths(chairEc), id: 'b2', label: 'chu-toa-ec' });
  hsm.importKey(token, { ...paths(secretaryEc), id: 'c3', label: 'thu-ky-ec' });
  hsm.importKey(token, { ...paths(chairRsa), id: 'd4', label: 'chu-toa-rsa' });
  judges = createJudges(dir, ca.certPem);
  minutesPath = path('minutes.pdf');
  writeFileSync(minutesPath, await renderMinutesPdf(sampleMinutes(), dejavuSerif()));
}, 60_000);

const paths = (identity: OpensslIdentity) => ({
  keyPath: identity.keyPath,
  certPath: identity.certPath,
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!available)('admin sign with a PKCS#11 token', () => {
  for (const [title, secretaryKey, chairKey] of [
    ['secretary RSA, chair ECDSA', 'a1', 'b2'],
    ['secretary ECDSA, chair RSA', 'c3', 'd4'],
  ] as const) {
    it(`signs and co-signs the minutes (${title}); pdfsig and pyHanko accept both`, async () => {
      const env = { [PIN_VAR]: '2468' };
      const first = path(`${secretaryKey}-1.pdf`);
      const second = path(`${secretaryKey}-2.pdf`);
      const once = await sign(
        env,
        minutesPath,
        ...tokenFlags(secretaryKey),
        '--out',
        first,
        '--field',
        'secretary',
        '--role',
        'Thư ký',
      );
      expect(once).toMatchObject({ code: 0, stderr: '' });
      expect(once.stdout).toContain(SAMPLE_SECRETARY);
      const twice = await sign(
        env,
        first,
        ...tokenFlags(chairKey),
        '--out',
        second,
        '--field',
        'chair',
      );
      expect(twice).toMatchObject({ code: 0, stderr: '' });

      expect(judges.qpdfCheck(second)).toBe(0);
      expect(
        judges.pdfsig(second).map((e) => [e.fieldName, e.commonName, e.validation, e.certificate]),
      ).toEqual([
        ['secretary', SAMPLE_SECRETARY, 'Signature is Valid.', 'Certificate is Trusted.'],
        ['chair', SAMPLE_CHAIR, 'Signature is Valid.', 'Certificate is Trusted.'],
      ]);
      const hanko = judges.pyhanko(second);
      expect(hanko.map((e) => [e.fieldName, e.intact, e.trusted])).toEqual([
        ['secretary', true, true],
        ['chair', true, true],
      ]);
      expect(hanko[0]?.modifications).toContain('ACCEPTABLE_MODIFICATIONS');
      const ours = await verify(second);
      expect(ours.valid).toBe(true);
      expect(ours.signatures.map((s) => [s.field, s.signatureValid, s.trustedChain])).toEqual([
        ['secretary', true, true],
        ['chair', true, true],
      ]);
    }, 120_000);
  }

  it('a wrong PIN is refused in one line and writes nothing', async () => {
    const out = path('wrong-pin.pdf');
    const run = await sign({ [PIN_VAR]: '0000' }, minutesPath, ...tokenFlags('a1'), '--out', out);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error \[token-pin-incorrect\]: .+\n$/);
    expect(existsSync(out)).toBe(false);
  });

  it('needs the PIN from --pin-env (never argv) and refuses flags that mix key sources', async () => {
    const out = path('no-pin.pdf');
    const missing = await sign({}, minutesPath, ...tokenFlags('a1'), '--out', out);
    expect(missing.stderr).toMatch(/^error \[usage\]: .*DIENHONG_TEST_TOKEN_PIN/);
    const noPrompt = await sign(
      {},
      minutesPath,
      '--pkcs11-module',
      SOFTHSM_MODULE,
      '--slot',
      token.slot,
      '--key-id',
      'a1',
      '--out',
      out,
    );
    expect(noPrompt.stderr).toMatch(/^error \[usage\]: give --pin-env/);
    const both = await sign(
      { [PIN_VAR]: '2468' },
      minutesPath,
      ...tokenFlags('a1'),
      '--p12',
      path('x.p12'),
      '--out',
      out,
    );
    expect(both.stderr).toMatch(/^error \[usage\]: sign with either/);
    expect(existsSync(out)).toBe(false);
  });
});
