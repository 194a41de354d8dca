/**
 * `admin sign --tsa-url … --tsa-ca …` (PAdES B-T locally, the server's own core step) and
 * `admin verify --tsa-ca …` reporting the timestamp, against a real OpenSSL TSA; judged by
 * pdfsig, qpdf and pyHanko. A TSA failure is a one-line error with its code and no output file.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildP12 } from '../../core/identity';
import { renderMinutesPdf } from '../../core/minutes';
import { sampleMinutes } from '../../core/minutes/testing';
import { runSignCommand } from '../../sync-server/admin/sign';
import { type VerifyOutput, runVerifyCommand } from '../../sync-server/admin/verify';
import { type TestTsaServer, startTsaServer } from '../../tools/harness/tsa-server';
import { dejavuSerif } from '../helpers/minutes-fonts';
import { type Judges, createJudges } from '../helpers/pdf-judges';
import { DAY_MS } from '../helpers/clock';
import { type TestPki, createTestPki } from '../helpers/pki';

const PASSWORD = 'mật khẩu đúng';
let dir: string;
let tsa: TestTsaServer;
let pki: TestPki;
let judges: Judges;
let minutesPath: string;
let p12Path: string;
let passwordFile: string;
let caPath: string;

function capture() {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
  };
  return { io, out: () => ({ stdout, stderr }) };
}

async function sign(...args: string[]) {
  const { io, out } = capture();
  const code = await runSignCommand(args, io, new Date(), { env: {} });
  return { code, ...out() };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dienhong-bt-cli-'));
  tsa = await startTsaServer({ dir: join(dir, 'tsa') });
  pki = createTestPki(new Date(Date.now() - DAY_MS));
  judges = createJudges(dir, pki.ca.certPem + tsa.caPem);
  caPath = join(dir, 'member-ca.pem');
  writeFileSync(caPath, pki.ca.certPem);
  minutesPath = join(dir, 'minutes.pdf');
  writeFileSync(minutesPath, await renderMinutesPdf(sampleMinutes(), dejavuSerif()));
  p12Path = join(dir, 'sy.p12');
  writeFileSync(
    p12Path,
    buildP12({
      certificatePem: pki.secretary.certPem,
      privateKeyPem: pki.secretary.privateKeyPem,
      chainPem: [pki.ca.certPem],
      password: PASSWORD,
      iterations: 2048,
    }),
  );
  passwordFile = join(dir, 'password.txt');
  writeFileSync(passwordFile, PASSWORD);
});
afterAll(async () => {
  await tsa.close();
  rmSync(dir, { recursive: true, force: true });
});

const signArgs = (out: string) => [
  minutesPath,
  '--p12',
  p12Path,
  '--password-file',
  passwordFile,
  '--field',
  'secretary',
  '--out',
  out,
  '--tsa-url',
  tsa.url,
  '--tsa-ca',
  tsa.caPath,
];

describe('admin sign --tsa-url', () => {
  it('signs PAdES B-T; admin verify and the judges see the timestamp', async () => {
    tsa.mode = 'ok';
    const out = join(dir, 'bt.pdf');
    const run = await sign(...signArgs(out));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/timestamped .* \(PAdES B-T\)/);
    const [sig] = judges.pdfsig(out);
    expect(sig?.validation).toBe('Signature is Valid.');
    expect(judges.qpdfCheck(out)).toBe(0);
    const [hanko] = judges.pyhanko(out);
    expect([hanko?.intact, hanko?.trusted]).toEqual([true, true]);

    const { io, out: printed } = capture();
    const code = await runVerifyCommand([out, '--ca', caPath, '--tsa-ca', tsa.caPath], io);
    const json = JSON.parse(printed().stdout) as VerifyOutput;
    expect(code).toBe(0);
    expect(json.signatures[0]?.timestamp).toMatchObject({ status: 'valid', code: null });
    expect(json.signatures[0]?.time).toBe(json.signatures[0]?.timestamp.time);
  });

  it('a TSA that answers another request: error [tsa-wrong-nonce], no output file', async () => {
    tsa.mode = 'wrong-nonce';
    const out = join(dir, 'nonce.pdf');
    const run = await sign(...signArgs(out));
    tsa.mode = 'ok';
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error \[tsa-wrong-nonce\]: /);
    expect(existsSync(out)).toBe(false);
  });

  it('--tsa-ca without --tsa-url is a usage error', async () => {
    const run = await sign(
      minutesPath, '--p12', p12Path, '--password-file', passwordFile, '--out',
      join(dir, 'x.pdf'), '--tsa-ca', tsa.caPath,
    ); // prettier-ignore
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error \[usage\]: --tsa-ca needs --tsa-url/);
  });
});
