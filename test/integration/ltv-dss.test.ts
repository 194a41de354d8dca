/**
 * PAdES B-LT's Document Security Store written by core/signing/dss.ts after the secretary's
 * signature on real minutes: the revision only adds DSS streams, so our difference analysis and
 * pyHanko both call it an LTA update; the chair can still co-sign after it; and a revision that
 * adds a DSS *and* changes a page is refused by both (the DSS is no cover for other changes).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderMinutesPdf } from '../../core/minutes';
import { sampleMinutes } from '../../core/minutes/testing';
import { appendDss, readDss } from '../../core/signing/dss';
import { verifyPdf } from '../../core/signing';
import { getPageRef, readCatalog } from '../../core/signing/pdf-form';
import { PdfDict, PdfName, PdfRef, latin1Bytes } from '../../core/signing/pdf-objects';
import { resolveDict } from '../../core/signing/pdf-xref';
import { signAs } from '../fixtures/signing-corpus/corpus';
import { appendRevision, nextObjectNumber, openPdf } from '../fixtures/signing-corpus/revisions';
import { dejavuSerif } from '../helpers/minutes-fonts';
import { type Judges, createJudges } from '../helpers/pdf-judges';
import { type TestPki, createTestPki, nodeCrypto } from '../helpers/pki';

let dir: string;
let pki: TestPki;
let judges: Judges;
let minutes: Uint8Array;
let once: Uint8Array;
const signingTime = new Date();

const verify = (pdf: Uint8Array) =>
  verifyPdf(pdf, { crypto: nodeCrypto, trustedCaPem: [pki.ca.certPem] });

function save(name: string, pdf: Uint8Array): string {
  const path = join(dir, `${name}.pdf`);
  writeFileSync(path, pdf);
  return path;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ltv-dss-'));
  pki = createTestPki(new Date(signingTime.getTime() - 86_400_000));
  judges = createJudges(dir, pki.ca.certPem);
  minutes = await renderMinutesPdf(sampleMinutes(), dejavuSerif());
  once = await signAs({ pki, minutes, signingTime }, minutes, 'secretary');
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// The writer does not parse what it stores; stand-ins keep the OCSP/CRL slots honest about order.
const ocsp = Uint8Array.from([0x30, 0x03, 0x0a, 0x01, 0x00]);
const crl = Uint8Array.from([0x30, 0x02, 0x05, 0x00]);

describe('Document Security Store (B-LT)', () => {
  it('adds a DSS in one revision that only extends it, and both judges permit it', async () => {
    const material = {
      certificates: [pki.secretary.certDer, pki.ca.certDer],
      ocspResponses: [],
      crls: [],
    };
    const { pdf, added } = await appendDss(once, material);
    expect(added).toEqual({ certificates: 2, ocspResponses: 0, crls: 0 });
    expect(pdf.subarray(0, once.length)).toEqual(once);
    const stored = await readDss(pdf);
    expect(stored.certificates).toEqual([pki.secretary.certDer, pki.ca.certDer]);

    const ours = await verify(pdf);
    expect(ours.signatures[0]?.verdict).toBe('valid-with-permitted-changes');
    expect(ours.signatures[0]?.laterChanges.permitted).toContain('dss-updated');
    expect(ours.signatures[0]?.laterChanges.refused).toEqual([]);

    const path = save('dss', pdf);
    expect(judges.qpdfCheck(path)).toBe(0);
    const [theirs] = judges.pyhanko(path);
    expect(theirs?.intact && theirs.trusted).toBe(true);
    expect(`${theirs?.coverage},${theirs?.modifications}`).toBe(
      'EXTENDED_WITH_LTA_UPDATES,ACCEPTABLE_MODIFICATIONS',
    );
  }, 60_000);

  it('de-duplicates: the same material again writes nothing; new material extends the arrays', async () => {
    const first = await appendDss(once, {
      certificates: [pki.secretary.certDer, pki.secretary.certDer],
      ocspResponses: [ocsp],
      crls: [],
    });
    expect(first.added).toEqual({ certificates: 1, ocspResponses: 1, crls: 0 });
    const again = await appendDss(first.pdf, {
      certificates: [pki.secretary.certDer],
      ocspResponses: [ocsp],
      crls: [],
    });
    expect(again.pdf).toBe(first.pdf);
    expect(again.added).toEqual({ certificates: 0, ocspResponses: 0, crls: 0 });

    const more = await appendDss(first.pdf, {
      certificates: [pki.secretary.certDer, pki.ca.certDer],
      ocspResponses: [ocsp],
      crls: [crl],
    });
    expect(more.added).toEqual({ certificates: 1, ocspResponses: 0, crls: 1 });
    const stored = await readDss(more.pdf);
    expect(stored).toEqual({
      certificates: [pki.secretary.certDer, pki.ca.certDer],
      ocspResponses: [ocsp],
      crls: [crl],
    });
    const ours = await verify(more.pdf);
    expect(ours.signatures[0]?.verdict).toBe('valid-with-permitted-changes');
    expect(judges.qpdfCheck(save('dss-extended', more.pdf))).toBe(0);
  }, 60_000);

  it('the chair co-signs after the DSS, and a DSS after the co-signature keeps both valid', async () => {
    const withDss = await appendDss(once, {
      certificates: [pki.secretary.certDer, pki.ca.certDer],
      ocspResponses: [],
      crls: [],
    });
    const twice = await signAs({ pki, minutes, signingTime }, withDss.pdf, 'chair');
    const final = await appendDss(twice, {
      certificates: [pki.chair.certDer, pki.ca.certDer],
      ocspResponses: [],
      crls: [],
    });
    expect(final.added.certificates).toBe(1);
    const ours = await verify(final.pdf);
    expect(ours.signatures.map((s) => s.verdict)).toEqual([
      'valid-with-permitted-changes',
      'valid-with-permitted-changes',
    ]);
    const path = save('cosigned-dss', final.pdf);
    expect(judges.qpdfCheck(path)).toBe(0);
    const theirs = judges.pyhanko(path);
    expect(theirs.map((e) => e.intact && e.trusted)).toEqual([true, true]);
    expect(theirs.map((e) => e.modifications)).toEqual([
      'ACCEPTABLE_MODIFICATIONS',
      'ACCEPTABLE_MODIFICATIONS',
    ]);
  }, 60_000);

  it('a DSS revision that also changes page content is refused by ours and by pyHanko', async () => {
    const file = await openPdf(once);
    const catalog = await readCatalog(file);
    const pageRef = await getPageRef(file, catalog.dict, 0);
    const page = await resolveDict(file, pageRef);
    if (!page) throw new Error('no first page');
    const next = await nextObjectNumber(once);
    const [dssNum, certNum, overlayNum] = [next, next + 1, next + 2];
    const contents = page.get('Contents');
    const list = Array.isArray(contents) ? contents : contents ? [contents] : [];
    const overlay = latin1Bytes('BT /F1 24 Tf 70 620 Td (KHONG THONG QUA) Tj ET');
    const tampered = await appendRevision(once, [
      { num: catalog.ref.num, value: catalog.dict.clone().set('DSS', new PdfRef(dssNum, 0)) },
      {
        num: dssNum,
        value: new PdfDict([
          ['Type', new PdfName('DSS')],
          ['Certs', [new PdfRef(certNum, 0)]],
        ]),
      },
      { num: certNum, value: new PdfDict(), stream: pki.secretary.certDer },
      {
        num: pageRef.num,
        value: page.clone().set('Contents', [...list, new PdfRef(overlayNum, 0)]),
      },
      { num: overlayNum, value: new PdfDict(), stream: overlay },
    ]);
    const ours = await verify(tampered);
    expect(ours.signatures[0]?.verdict).toBe('changed-after-signing');
    expect(ours.signatures[0]?.laterChanges.refused.map((r) => r.code)).toEqual([
      'page-content-changed',
    ]);
    const [theirs] = judges.pyhanko(save('dss-and-page', tampered));
    expect(theirs?.modifications).toBe('ILLEGAL_MODIFICATIONS');
  }, 60_000);

  it('a DSS dictionary carrying anything but DSS entries is refused', async () => {
    const file = await openPdf(once);
    const catalog = await readCatalog(file);
    const next = await nextObjectNumber(once);
    const tampered = await appendRevision(once, [
      { num: catalog.ref.num, value: catalog.dict.clone().set('DSS', new PdfRef(next, 0)) },
      {
        num: next,
        value: new PdfDict([
          ['Type', new PdfName('DSS')],
          ['OpenAction', new PdfDict([['S', new PdfName('JavaScript')]])],
        ]),
      },
    ]);
    const ours = await verify(tampered);
    expect(ours.signatures[0]?.verdict).toBe('changed-after-signing');
    expect(ours.signatures[0]?.laterChanges.refused.map((r) => r.code)).toEqual([
      'catalog-changed',
    ]);
  }, 60_000);

  it('an existing DSS rewritten to carry more than DSS entries is refused', async () => {
    const { pdf } = await appendDss(once, {
      certificates: [pki.secretary.certDer],
      ocspResponses: [],
      crls: [],
    });
    const file = await openPdf(pdf);
    const dssRef = (await readCatalog(file)).dict.get('DSS');
    const dss = await resolveDict(file, dssRef);
    if (!(dssRef instanceof PdfRef) || !dss) throw new Error('no DSS');
    const tampered = await appendRevision(pdf, [
      {
        num: dssRef.num,
        value: dss.clone().set('AA', new PdfDict([['S', new PdfName('JavaScript')]])),
      },
    ]);
    const sig = (await verify(tampered)).signatures[0];
    expect(sig?.verdict).toBe('changed-after-signing');
    expect(sig?.laterChanges.refused.map((r) => r.code)).toEqual(['catalog-changed']);
    // Extending it again through the writer stays permitted.
    const more = await appendDss(pdf, {
      certificates: [pki.ca.certDer],
      ocspResponses: [],
      crls: [],
    });
    expect((await verify(more.pdf)).signatures[0]?.verdict).toBe('valid-with-permitted-changes');
  }, 60_000);
});
