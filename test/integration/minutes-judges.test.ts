/**
 * Minutes as the meeting ends them: rendered by core/minutes, signed by the secretary, co-signed
 * by the chair into the fields the renderer left, and judged by pdfsig, qpdf, openssl and poppler.
 * PNGs of page 1 and the signature page go to test/output/ for a human look.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINUTES_SIGNATURE_FIELDS, type MinutesData, renderMinutesPdf } from '../../core/minutes';
import {
  SAMPLE_CHAIR,
  SAMPLE_SECRETARY,
  longSampleMinutes,
  sampleMinutes,
} from '../../core/minutes/testing';
import { createOutlineTextPainter, signPdf, verifyPdfSignatures } from '../../core/signing';
import {
  type Judges,
  createJudges,
  pdftotext,
  renderPng,
  signedRange,
} from '../helpers/pdf-judges';
import { dejavuSans, dejavuSerif } from '../helpers/minutes-fonts';
import { DAY_MS, instantNear } from '../helpers/clock';
import { type TestPki, createTestPki, nodeCrypto, nodeSigner } from '../helpers/pki';

const OUTPUT = new URL('../output/', import.meta.url).pathname;
// The judges check certificates at the real clock: sign half an hour ago, with a PKI issued a day before.
const SIGNED_AT = instantNear(-30 * 60_000);

let dir: string;
let pki: TestPki;
let judges: Judges;
let short: Uint8Array;
let long: Uint8Array;

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

function write(name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

async function signBoth(pdf: Uint8Array): Promise<{ once: Uint8Array; twice: Uint8Array }> {
  const drawText = createOutlineTextPainter(dejavuSans());
  const once = await signPdf({
    pdf,
    signer: nodeSigner(pki.secretary, [pki.ca]),
    hasher: nodeCrypto,
    fieldName: MINUTES_SIGNATURE_FIELDS.secretary,
    name: SAMPLE_SECRETARY,
    role: 'Thư ký',
    reason: 'Xác nhận biên bản',
    location: 'Hà Nội',
    drawText,
    signingTime: SIGNED_AT,
    utcOffsetMinutes: 420,
  });
  const twice = await signPdf({
    pdf: once,
    signer: nodeSigner(pki.chair, [pki.ca]),
    hasher: nodeCrypto,
    fieldName: MINUTES_SIGNATURE_FIELDS.chair,
    name: SAMPLE_CHAIR,
    role: 'Chủ tọa',
    drawText,
    signingTime: new Date(SIGNED_AT.getTime() + 15 * 60_000),
    utcOffsetMinutes: 420,
  });
  return { once, twice };
}

interface FieldPlace {
  readonly name: string;
  readonly page: number;
  readonly rect: number[];
  readonly hasValue: boolean;
}

/** Reads the signature fields back with pdf-lib: name, page index, rectangle. */
async function signatureFields(pdf: Uint8Array): Promise<FieldPlace[]> {
  const doc = await PDFDocument.load(pdf);
  const pages = doc.getPages().map((p) => p.ref.toString());
  const fields = doc.catalog
    .lookup(PDFName.of('AcroForm'), PDFDict)
    .lookup(PDFName.of('Fields'), PDFArray);
  const out: FieldPlace[] = [];
  for (let i = 0; i < fields.size(); i++) {
    const dict = fields.lookup(i, PDFDict);
    const rect = dict.lookup(PDFName.of('Rect'), PDFArray).asRectangle();
    const p = dict.get(PDFName.of('P'));
    const t = dict.lookup(PDFName.of('T'));
    out.push({
      name: t instanceof PDFHexString || t instanceof PDFString ? t.decodeText() : '',
      page: p instanceof PDFRef ? pages.indexOf(p.toString()) : -1,
      rect: [rect.x, rect.y, rect.x + rect.width, rect.y + rect.height],
      hasValue: dict.has(PDFName.of('V')),
    });
  }
  return out;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'minutes-judges-'));
  mkdirSync(OUTPUT, { recursive: true });
  pki = createTestPki(new Date(SIGNED_AT.getTime() - DAY_MS));
  judges = createJudges(dir, pki.ca.certPem);
  short = await renderMinutesPdf(sampleMinutes(), dejavuSerif());
  long = await renderMinutesPdf(longSampleMinutes(), dejavuSerif());
  write('short.pdf', short);
  write('long.pdf', long);
}, 60_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the rendered minutes', () => {
  it('are the same bytes for the same input, and different for different input', async () => {
    const again = await renderMinutesPdf(sampleMinutes(), dejavuSerif());
    expect(sha256(again)).toBe(sha256(short));
    const changed: MinutesData = { ...sampleMinutes(), documentNumber: '13/BB-CĐ' };
    expect(sha256(await renderMinutesPdf(changed, dejavuSerif()))).not.toBe(sha256(short));
  });

  it('are a clean PDF with a classic xref table and no object streams', () => {
    const text = Buffer.from(short).toString('latin1');
    expect(text).toMatch(/\nxref\n0 \d+\n/);
    expect(text).not.toMatch(/\/ObjStm|\/XRefStm|\/Type \/XRef/);
    expect(judges.qpdfCheck(join(dir, 'short.pdf'))).toBe(0);
    expect(judges.qpdfCheck(join(dir, 'long.pdf'))).toBe(0);
  });

  it('carry every Vietnamese name and label intact as text (pdftotext)', () => {
    const text = pdftotext(join(dir, 'short.pdf'));
    for (const name of [
      SAMPLE_SECRETARY,
      SAMPLE_CHAIR,
      'Lê Văn Dũng',
      'Phạm Thị Thu Hằng',
      'Đặng Quốc Việt',
      'Vũ Thị Ngọc Ánh',
    ])
      expect(text).toContain(name);
    for (const label of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Hà Nội, ngày 28 tháng 11 năm 2026',
      'BIÊN BẢN',
      'CÔNG ĐOÀN VIÊN CHỨC VIỆT NAM',
      'CÔNG ĐOÀN VĂN PHÒNG', // the issuing body wraps inside its column
      'Số: 12/BB-CĐ',
      'I. THỜI GIAN, ĐỊA ĐIỂM',
      'bắt đầu lúc 08 giờ 30 phút',
      'II. THÀNH PHẦN THAM DỰ',
      'III. NỘI DUNG',
      'IV. KẾT QUẢ BIỂU QUYẾT',
      'Tán thành',
      '83,33%',
      'KHÔNG THÔNG QUA',
      'Cuộc họp kết thúc lúc 11 giờ 15 phút cùng ngày',
      'THƯ KÝ',
      'CHỦ TỌA',
    ])
      expect(text).toContain(label);
  });

  it('number the pages as Decree 30/2020 says: from page 2, the bare number at the top', () => {
    const pages = pdftotext(join(dir, 'long.pdf'))
      .split('\f')
      .filter((p) => p.trim() !== '');
    expect(pages.length).toBeGreaterThanOrEqual(45);
    expect(pages.length).toBeLessThanOrEqual(55);
    expect(pages[0]?.trim().split('\n')[0]).not.toMatch(/^\d+$/);
    pages.slice(1).forEach((page, i) => expect(page.trim().split('\n')[0]).toBe(`${i + 2}`));
  });

  it('leave two empty signature fields side by side on the last page, secretary left, chair right', async () => {
    for (const pdf of [short, long]) {
      const doc = await PDFDocument.load(pdf);
      const fields = await signatureFields(pdf);
      expect(fields.map((f) => [f.name, f.page, f.hasValue])).toEqual([
        ['secretary', doc.getPageCount() - 1, false],
        ['chair', doc.getPageCount() - 1, false],
      ]);
      const [sec, chair] = fields.map((f) => f.rect) as [number[], number[]];
      const [width, height] = [595.28, 841.89];
      expect(sec[2]!).toBeLessThan(chair[0]!); // side by side, no overlap
      expect(sec[1]).toBe(chair[1]); // same height on the page
      expect(sec[0]!).toBeGreaterThan(50);
      expect(chair[2]!).toBeLessThan(width - 50);
      expect(sec[1]!).toBeGreaterThan(60);
      expect(sec[3]!).toBeLessThan(height - 60);
      expect(sec[2]! - sec[0]!).toBeGreaterThanOrEqual(150);
      expect(sec[3]! - sec[1]!).toBeGreaterThanOrEqual(50);
    }
  });
  it('break a long vote table across pages under a repeated header row', async () => {
    const base = sampleMinutes({ discussionParagraphs: 3 });
    const options = Array.from({ length: 45 }, (_, i) => ({
      label: `Ứng cử viên số ${i + 1}: Đồng chí Nguyễn Thị Ánh Tuyết`,
      count: i < 7 ? 1 : 0,
      percent: i < 7 ? 100 / 7 : 0,
    }));
    const vote = { ...base.votes[0]!, title: 'Bầu Ban Kiểm tra', options, cast: 7, eligible: 7 };
    const pdf = await renderMinutesPdf({ ...base, votes: [vote] }, dejavuSerif());
    const file = write('long-table.pdf', pdf);
    expect(judges.qpdfCheck(file)).toBe(0);
    const pages = pdftotext(file).split('\f');
    const withRows = pages
      .map((text, i) => ({ text, i }))
      .filter((p) => p.text.includes('Ứng cử viên số'));
    expect(withRows.length).toBeGreaterThanOrEqual(2);
    // Every page holding rows of the table also holds its header row, and no row is cut.
    for (const p of withRows) expect(p.text).toMatch(/Phương án\s+Số phiếu\s+Tỷ lệ/);
    const all = withRows.map((p) => p.text).join('\n');
    for (let n = 1; n <= 45; n++) expect(all).toContain(`Ứng cử viên số ${n}:`);
    renderPng(file, (withRows[1]?.i ?? 0) + 1, join(OUTPUT, 'minutes-table-break'));
  });
});

describe('signed by the secretary, co-signed by the chair', () => {
  for (const variant of ['short', 'long'] as const) {
    it(`${variant}: pdfsig finds both valid and trusted; qpdf and openssl agree`, async () => {
      const { once, twice } = await signBoth(variant === 'short' ? short : long);
      const path = write(`${variant}-signed.pdf`, twice);
      expect(judges.qpdfCheck(write(`${variant}-once.pdf`, once))).toBe(0);
      expect(judges.qpdfCheck(path)).toBe(0);
      const entries = judges.pdfsig(path);
      expect(entries.map((e) => [e.fieldName, e.commonName, e.validation, e.certificate])).toEqual([
        ['secretary', SAMPLE_SECRETARY, 'Signature is Valid.', 'Certificate is Trusted.'],
        ['chair', SAMPLE_CHAIR, 'Signature is Valid.', 'Certificate is Trusted.'],
      ]);
      expect(entries.map((e) => e.totalDocument)).toEqual([false, true]);

      const reports = await verifyPdfSignatures(twice, {
        crypto: nodeCrypto,
        trustedCaPem: [pki.ca.certPem],
      });
      const blobs = judges.dumpCms(twice, variant);
      expect(blobs).toHaveLength(2);
      for (const [i, blob] of blobs.entries()) {
        const content = write(
          `${variant}-range-${i}.bin`,
          signedRange(twice, reports[i]?.byteRange ?? []),
        );
        expect(judges.opensslVerify(blob, content)).toBe(true);
        const printed = judges.opensslPrint(blob);
        expect(printed).toMatch(/id-smime-aa-signingCertificateV2/);
        expect(printed).not.toMatch(/signingTime/);
      }
      // The fields the renderer left are the ones now signed: no new widgets appeared.
      expect((await signatureFields(twice)).map((f) => [f.name, f.hasValue])).toEqual([
        ['secretary', true],
        ['chair', true],
      ]);

      if (variant === 'short') {
        const lastPage = (await PDFDocument.load(twice)).getPageCount();
        renderPng(path, 1, join(OUTPUT, 'minutes-page1'));
        renderPng(path, lastPage, join(OUTPUT, 'minutes-signatures'));
        expect(pdftotext(path, lastPage)).toContain(SAMPLE_CHAIR);
      }
    }, 60_000);
  }

  it('a changed byte in the signed minutes breaks both signatures for pdfsig and openssl', async () => {
    const { twice } = await signBoth(short);
    const reports = await verifyPdfSignatures(twice, {
      crypto: nodeCrypto,
      trustedCaPem: [pki.ca.certPem],
    });
    const tampered = new Uint8Array(twice);
    // One letter of the Info dictionary's "/Producer": inside both signed ranges, still a valid PDF.
    const at = Buffer.from(twice).indexOf('/Producer');
    tampered[at + 2] = (tampered[at + 2] ?? 0) ^ 0x20;
    const path = write('tampered.pdf', tampered);
    for (const e of judges.pdfsig(path)) expect(e.validation).not.toBe('Signature is Valid.');
    const blobs = judges.dumpCms(tampered, 'tampered');
    for (const [i, blob] of blobs.entries()) {
      const content = write(
        `tampered-range-${i}.bin`,
        signedRange(tampered, reports[i]?.byteRange ?? []),
      );
      expect(judges.opensslVerify(blob, content)).toBe(false);
    }
  }, 60_000);
});
