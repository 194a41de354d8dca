/**
 * The document timestamp (B-LTA's building block) after a B-T signature: an incremental update
 * with /Type /DocTimeStamp /SubFilter /ETSI.RFC3161 from a real OpenSSL TSA. pdfsig lists it,
 * qpdf --check passes, pyHanko calls it an LTA update of the signed file, and our verifier keeps the signature valid
 * (the later revision is a permitted document timestamp) and judges the timestamp itself.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderMinutesPdf } from '../../core/minutes';
import { sampleMinutes } from '../../core/minutes/testing';
import {
  addDocumentTimestamp,
  embedSignatureTimestamp,
  signPdf,
  verifyPdfSignatures,
} from '../../core/signing';
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
let withDocTs: Uint8Array;

const tsaOptions = () => ({
  tsa: createHttpTsa({ url: tsa.url, crypto: nodeCryptoServices, trustedCaPem: () => [tsa.caPem] }),
  crypto: nodeCryptoServices,
  trustedCaPem: [tsa.caPem],
});

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dienhong-docts-'));
  tsa = await startTsaServer({ dir: join(dir, 'tsa') });
  pki = createTestPki(new Date(Date.now() - DAY_MS));
  judges = createJudges(dir, pki.ca.certPem + tsa.caPem);
  const signed = await signPdf({
    pdf: await renderMinutesPdf(sampleMinutes(), dejavuSerif()),
    signer: nodeSigner(pki.secretary, [pki.ca]),
    hasher: nodeCrypto,
    fieldName: 'secretary',
    name: 'Nguyễn Tiến Sỹ',
    signingTime: new Date(),
  });
  const bt = await embedSignatureTimestamp(signed, 'secretary', tsaOptions());
  withDocTs = (await addDocumentTimestamp(bt.pdf, tsaOptions())).pdf;
});
afterAll(async () => {
  await tsa.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('document timestamp', () => {
  it('is accepted by pdfsig, qpdf and pyHanko', () => {
    const path = join(dir, 'lta.pdf');
    writeFileSync(path, withDocTs);
    // pdfsig 22.12 lists a document timestamp but does not verify RFC 3161 tokens.
    const sigs = judges.pdfsig(path).filter((s) => s.fieldName !== 'chair');
    expect(sigs.map((s) => [s.fieldName, s.validation])).toEqual([
      ['secretary', 'Signature is Valid.'],
      ['DocTimeStamp1', 'Signature has not yet been verified.'],
    ]);
    expect(judges.qpdfCheck(path)).toBe(0);
    const out = spawnSync(
      pyhankoBinary(),
      ['sign', 'validate', '--no-revocation-check', '--trust', judges.caPemPath, path],
      { encoding: 'utf8' },
    );
    const lines = out.stdout.split('\n').filter((l) => /^[^:\s]+:[0-9a-f]{64}:/.test(l));
    // pyHanko lists signatures; it judges the document timestamp as an LTA update of the file,
    // and shows the signature's own B-T timestamp sound and trusted.
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^secretary:[0-9a-f]{64}:INTACT:TRUSTED,TIMESTAMP_TOKEN<INTACT:TRUSTED>,EXTENDED_WITH_LTA_UPDATES,ACCEPTABLE_MODIFICATIONS$/,
    );
  });

  it('our verifier: the signature stays valid, the document timestamp is judged', async () => {
    const reports = await verifyPdfSignatures(withDocTs, {
      crypto: nodeCryptoServices,
      trustedCaPem: [pki.ca.certPem],
      trustedTimestampCaPem: [tsa.caPem],
    });
    expect(reports.map((r) => [r.fieldName, r.verdict, r.timestamp?.status])).toEqual([
      ['secretary', 'valid-with-permitted-changes', 'valid'],
      ['DocTimeStamp1', 'valid', 'valid'],
    ]);
    expect(reports[0]?.laterChanges.permitted).toContain('signature-field-created');
    const untrusted = await verifyPdfSignatures(withDocTs, {
      crypto: nodeCryptoServices,
      trustedCaPem: [pki.ca.certPem],
      trustedTimestampCaPem: [],
    });
    expect(untrusted[1]?.timestamp).toMatchObject({ status: 'invalid', code: 'tsa-untrusted' });
    expect(untrusted[1]?.verdict).toBe('trust-unknown');
  });
});
