/**
 * The bar of issue 16 for B-LT: a signature from the second test CA (root → intermediate, a
 * 30-day member certificate, a real `openssl ocsp` responder), timestamped by a real OpenSSL TSA,
 * then its chain and a fresh OCSP response embedded in the DSS. With the OCSP responder closed
 * and the verifier's clock 40 days on (past the signer certificate's expiry) it still verifies:
 * by our verifier at level B-LT from the DSS alone, and by pyHanko run under faketime. A B-B
 * signature under the same conditions is no longer verifiable (the negative control).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderMinutesPdf } from '../../core/minutes';
import { sampleMinutes } from '../../core/minutes/testing';
import { embedSignatureTimestamp, signPdf, verifyPdfSignatures } from '../../core/signing';
import { appendDss } from '../../core/signing/dss';
import { collectForPdf } from '../../core/signing/ltv-collect';
import { createHttpTsa } from '../../node-shared/tsa/http-tsa';
import { nodeCryptoServices } from '../../sync-server/crypto/node-crypto';
import { nodeRevocationFetcher } from '../../sync-server/identity/revocation-fetcher';
import { type TestTsaServer, startTsaServer } from '../../tools/harness/tsa-server';
import { DAY_MS } from '../helpers/clock';
import { dejavuSerif } from '../helpers/minutes-fonts';
import { pyhankoBinary } from '../helpers/pdf-judges';
import { type TestIdentity, nodeCrypto, nodeSigner } from '../helpers/pki';
import { type RevocationPki, createRevocationPki } from '../helpers/revocation-pki';
import { certificateDerFromPem } from '../../core/identity/certificate';
import { verdictOf } from '../../sync-server/admin/verify';
import { type LongTermOutcome, addLongTermValidation } from '../../sync-server/minutes/ltv';

/** An empty CRL (nothing revoked) from the CA `<stem>.pem` / `<stem>.key` in `caDir`. */
function emptyCrl(caDir: string, stem: string): Uint8Array {
  const ca = join(caDir, `${stem}-crl`);
  mkdirSync(ca, { recursive: true });
  writeFileSync(join(ca, 'index.txt'), '');
  writeFileSync(join(ca, 'crlnumber'), '01\n');
  writeFileSync(
    join(ca, 'ca.cnf'),
    `[ca]\ndefault_ca = root\n[root]\ndatabase = ${ca}/index.txt\ncrlnumber = ${ca}/crlnumber\n` +
      `certificate = ${caDir}/${stem}.pem\nprivate_key = ${caDir}/${stem}.key\n` +
      `default_md = sha256\ndefault_crl_days = 3650\n`,
  );
  execFileSync(
    'openssl',
    ['ca', '-batch', '-config', join(ca, 'ca.cnf'), '-gencrl', '-out', join(ca, 'root.crl.pem')],
    { stdio: 'pipe' },
  );
  return new Uint8Array(
    execFileSync('openssl', ['crl', '-in', join(ca, 'root.crl.pem'), '-outform', 'DER']),
  );
}

let dir: string;
let tsa: TestTsaServer;
let pki: RevocationPki;
let bb: Uint8Array;
let blt: Uint8Array;
let bltProblems: readonly string[];
let serverOutcome: LongTermOutcome;
let deadOutcome: LongTermOutcome;
const now = new Date();
const later = new Date(now.getTime() + 40 * DAY_MS);

const verifyAt = (pdf: Uint8Array, at: Date) =>
  verifyPdfSignatures(pdf, {
    crypto: nodeCryptoServices,
    trustedCaPem: [pki.rootPem],
    trustedTimestampCaPem: [tsa.caPem],
    now: at,
  });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dienhong-ltv-bar-'));
  tsa = await startTsaServer({ dir: join(dir, 'tsa'), tsaDays: 3650 });
  pki = await createRevocationPki(join(dir, 'pki'));
  const member = pki.issue('Nguyễn Thị Thư Ký', 'ocsp');
  // openssl ocsp reads its index at start; revoking someone else is how the helper restarts it.
  await pki.revoke(pki.issue('Người bị thu hồi', 'ocsp'));
  const identity: TestIdentity = {
    commonName: member.name,
    certPem: member.certPem,
    certDer: member.certDer,
    privateKeyPem: member.keyPem,
  };
  const intermediate = { ...identity, certDer: pki.intermediateDer };
  bb = await signPdf({
    pdf: await renderMinutesPdf(sampleMinutes(), dejavuSerif()),
    signer: nodeSigner(identity, [intermediate]),
    hasher: nodeCrypto,
    fieldName: 'secretary',
    name: member.name,
    signingTime: now,
  });
  const bt = await embedSignatureTimestamp(bb, 'secretary', {
    tsa: createHttpTsa({
      url: tsa.url,
      crypto: nodeCryptoServices,
      trustedCaPem: () => [tsa.caPem],
    }),
    crypto: nodeCryptoServices,
    trustedCaPem: [tsa.caPem],
  });
  const anchors = async () => [certificateDerFromPem(pki.rootPem)];
  // The responder's certificate was issued after `now` was read: judge its answers as of now.
  const material = await collectForPdf(bt.pdf, {
    anchorsDer: await anchors(),
    fetcher: nodeRevocationFetcher,
    now: new Date(),
    timeoutMs: 5000,
  });
  // The server's step (sync-server/minutes/ltv.ts) on the same file reaches B-LT too.
  serverOutcome = await addLongTermValidation(
    bt.pdf,
    { anchors, fetcher: nodeRevocationFetcher, timeoutMs: 5000 },
    new Date(),
  );
  const dead = pki.issue('Vũ Thị Hà', 'dead');
  deadOutcome = await addLongTermValidation(
    await signPdf({
      pdf: await renderMinutesPdf(sampleMinutes(), dejavuSerif()),
      signer: nodeSigner(
        {
          commonName: dead.name,
          certPem: dead.certPem,
          certDer: dead.certDer,
          privateKeyPem: dead.keyPem,
        },
        [intermediate],
      ),
      hasher: nodeCrypto,
      fieldName: 'secretary',
      name: dead.name,
      signingTime: now,
    }),
    { anchors, fetcher: nodeRevocationFetcher, timeoutMs: 2000 },
    new Date(),
  );
  bltProblems = material.problems;
  // pyHanko's AdES validation also wants revocation data for the intermediate and for the TSA
  // certificate, which in these test PKIs name no source: their CAs' CRLs go in by hand.
  const withRootCrl = {
    ...material,
    crls: [
      ...material.crls,
      emptyCrl(join(dir, 'pki'), 'root'),
      emptyCrl(join(dir, 'tsa'), 'trusted-ca'),
    ],
  };
  blt = (await appendDss(bt.pdf, withRootCrl)).pdf;
  writeFileSync(join(dir, 'blt.pdf'), blt);
  writeFileSync(join(dir, 'bb.pdf'), bb);
  writeFileSync(join(dir, 'root.pem'), pki.rootPem);
  writeFileSync(join(dir, 'tsa-ca.pem'), tsa.caPem);
  // The network to the responder is gone from here on.
  await pki.close();
  if (process.env.LTV_KEEP) writeFileSync(process.env.LTV_KEEP, dir);
}, 180_000);

afterAll(async () => {
  await tsa?.close();
  if (dir && !process.env.LTV_KEEP) rmSync(dir, { recursive: true, force: true });
});

describe('B-LT outlives the signer certificate and the responder', () => {
  it('collects the chain and a fresh OCSP response for every certificate below the root', () => {
    expect(bltProblems).toEqual([]);
    expect(serverOutcome.level).toBe('B-LT');
  });

  it('a responder that cannot be reached leaves the file as it was and says why', () => {
    expect(deadOutcome.level).toBe('not-reached');
    if (deadOutcome.level !== 'not-reached') return;
    expect(deadOutcome.reason).toMatch(/Vũ Thị Hà: OCSP http:\/\/127\.0\.0\.1:\d+\/ocsp: /);
  });

  it('our verifier, 40 days on and offline, says B-LT and verifiable', async () => {
    const [sig] = await verifyAt(blt, later);
    expect(sig?.verdict).toBe('valid-with-permitted-changes');
    expect(sig?.laterChanges.permitted).toContain('dss-updated');
    expect(sig?.timestamp?.status).toBe('valid');
    expect(sig?.certificateValidAtSigningTime).toBe(true);
    expect(sig?.dss).toEqual({ covered: true, missing: [] });
    expect(sig?.level).toBe('B-LT');
    expect(sig?.verifiableNow).toBe(true);
    expect(sig?.verifiableUntil?.getTime()).toBeGreaterThan(later.getTime());
    // admin verify prints the same.
    expect(sig && verdictOf(sig, true)).toMatchObject({
      level: 'B-LT',
      verifiableUntil: sig?.verifiableUntil?.toISOString(),
      longTermMissing: [],
    });
  });

  it('the B-B signature under the same conditions is not verifiable any more', async () => {
    const [sig] = await verifyAt(bb, later);
    expect(sig?.level).toBe('B-B');
    expect(sig?.verifiableNow).toBe(false);
    expect(sig?.verifiableUntil?.getTime()).toBeLessThan(later.getTime());
  });

  it('pyHanko under faketime +40 days validates the B-LT file from the DSS', () => {
    const run = (file: string) =>
      spawnSync(
        'faketime',
        [
          // An absolute time from our (possibly faked) clock, so an outer faketime run agrees.
          '-f',
          `@${later.toISOString().slice(0, 19).replace('T', ' ')}`,
          pyhankoBinary(),
          'sign',
          'adesverify',
          '--pretty-print',
          '--trust',
          join(dir, 'root.pem'),
          '--trust',
          join(dir, 'tsa-ca.pem'),
          join(dir, file),
        ],
        { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } },
      );
    const ltv = run('blt.pdf');
    expect(ltv.stdout, ltv.stderr).toMatch(/The signature is judged VALID\./);
    const negative = run('bb.pdf');
    expect(negative.stdout).not.toMatch(/The signature is judged VALID\./);
  }, 120_000);
});
