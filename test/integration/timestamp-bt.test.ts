/**
 * PAdES B-T in core: a B-B signature gets its signature timestamp from a real OpenSSL TSA,
 * written into its own /Contents placeholder; pdfsig, qpdf --check and pyHanko judge the file,
 * and our verifier reports the timestamp and uses its time.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderMinutesPdf } from '../../core/minutes';
import { sampleMinutes } from '../../core/minutes/testing';
import { embedSignatureTimestamp, signPdf, verifyPdfSignatures } from '../../core/signing';
import { createHttpTsa } from '../../node-shared/tsa/http-tsa';
import { nodeCryptoServices } from '../../sync-server/crypto/node-crypto';
import { type TestTsaServer, startTsaServer } from '../../tools/harness/tsa-server';
import { dejavuSerif } from '../helpers/minutes-fonts';
import { type Judges, createJudges, pyhankoBinary } from '../helpers/pdf-judges';
import { DAY_MS } from '../helpers/clock';
import { type TestPki, createTestPki, nodeCrypto, nodeSigner } from '../helpers/pki';

let dir: string;
let tsa: TestTsaServer;
let pki: TestPki;
let judges: Judges;
let signedBB: Uint8Array;

const tsaClient = () =>
  createHttpTsa({ url: tsa.url, crypto: nodeCryptoServices, trustedCaPem: () => [tsa.caPem] });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dienhong-bt-'));
  tsa = await startTsaServer({ dir: join(dir, 'tsa') });
  pki = createTestPki(new Date(Date.now() - DAY_MS));
  judges = createJudges(dir, pki.ca.certPem + tsa.caPem);
  const minutes = await renderMinutesPdf(sampleMinutes(), dejavuSerif());
  signedBB = await signPdf({
    pdf: minutes,
    signer: nodeSigner(pki.secretary, [pki.ca]),
    hasher: nodeCrypto,
    fieldName: 'secretary',
    name: 'Nguyễn Tiến Sỹ',
    // The laptop's clock says a week ago: the timestamp, not /M, is the signing time.
    signingTime: new Date(Date.now() - 7 * DAY_MS),
  });
});
afterAll(async () => {
  await tsa.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('PAdES B-T', () => {
  it('embeds a signature timestamp the judges accept', async () => {
    tsa.mode = 'ok';
    const { pdf, timestamp, added } = await embedSignatureTimestamp(signedBB, 'secretary', {
      tsa: tsaClient(),
      crypto: nodeCryptoServices,
      trustedCaPem: [tsa.caPem],
    });
    expect(added).toBe(true);
    expect(pdf.length).toBe(signedBB.length);
    const path = join(dir, 'bt.pdf');
    writeFileSync(path, pdf);

    const [sig] = judges.pdfsig(path);
    expect(sig?.validation).toBe('Signature is Valid.');
    expect(judges.qpdfCheck(path)).toBe(0);
    const [hanko] = judges.pyhanko(path);
    expect(hanko?.intact).toBe(true);
    expect(hanko?.trusted).toBe(true);
    expect(hanko?.line).toMatch(/,TIMESTAMP_TOKEN<INTACT:TRUSTED>,/);
    const pretty = spawnSync(
      pyhankoBinary(),
      [
        'sign',
        'validate',
        '--pretty-print',
        '--no-revocation-check',
        '--trust',
        judges.caPemPath,
        path,
      ],
      { encoding: 'utf8' },
    ).stdout;
    // pyHanko's CLI names no AdES level; it states the B-T parts: a sound, trusted timestamp.
    expect(pretty).toMatch(/Signature timestamp token: /);
    expect(pretty).toMatch(/The timestamp token is cryptographically sound\./);
    expect(pretty).toMatch(/The TSA certificate is trusted\./);
    expect(pretty).toMatch(/The signature is judged VALID\./);

    const [report] = await verifyPdfSignatures(pdf, {
      crypto: nodeCryptoServices,
      trustedCaPem: [pki.ca.certPem],
      trustedTimestampCaPem: [tsa.caPem],
    });
    expect(report?.verdict).toBe('valid');
    expect(report?.timestamp?.status).toBe('valid');
    expect(report?.timestamp?.time?.getTime()).toBe(timestamp.genTime.getTime());
    expect(report?.signingTime?.getTime()).toBe(timestamp.genTime.getTime());
    expect(report?.timestamp?.tsaSubject).toMatch(/Diên Hồng test TSA/);

    // A CMS that already carries a timestamp is checked, not stamped twice.
    const again = await embedSignatureTimestamp(pdf, 'secretary', {
      tsa: tsaClient(),
      crypto: nodeCryptoServices,
      trustedCaPem: [tsa.caPem],
    });
    expect(again.added).toBe(false);
    expect(again.pdf).toBe(pdf);
  });

  it('a B-B signature reports its timestamp absent; an untrusted TSA CA reports it invalid', async () => {
    const [bb] = await verifyPdfSignatures(signedBB, {
      crypto: nodeCryptoServices,
      trustedCaPem: [pki.ca.certPem],
      trustedTimestampCaPem: [tsa.caPem],
    });
    expect(bb?.timestamp?.status).toBe('absent');
    tsa.mode = 'ok';
    const { pdf } = await embedSignatureTimestamp(signedBB, 'secretary', {
      tsa: tsaClient(),
      crypto: nodeCryptoServices,
      trustedCaPem: [tsa.caPem],
    });
    const [report] = await verifyPdfSignatures(pdf, {
      crypto: nodeCryptoServices,
      trustedCaPem: [pki.ca.certPem],
      trustedTimestampCaPem: [],
    });
    expect(report?.timestamp).toMatchObject({ status: 'invalid', code: 'tsa-untrusted' });
  });

  it('refuses a timestamp that does not fit the placeholder, changing nothing', async () => {
    const small = await signPdf({
      pdf: await renderMinutesPdf(sampleMinutes(), dejavuSerif()),
      signer: nodeSigner(pki.secretary, [pki.ca]),
      hasher: nodeCrypto,
      fieldName: 'secretary',
      name: 'Nguyễn Tiến Sỹ',
      signingTime: new Date(),
      contentsSize: 3000,
    });
    tsa.mode = 'ok';
    await expect(
      embedSignatureTimestamp(small, 'secretary', {
        tsa: tsaClient(),
        crypto: nodeCryptoServices,
        trustedCaPem: [tsa.caPem],
      }),
    ).rejects.toMatchObject({ code: 'SIGNATURE_TOO_LARGE' });
  });
});
