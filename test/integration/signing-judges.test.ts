/**
 * Independent judges for the PDF signatures core/signing writes: poppler's pdfsig (NSS),
 * qpdf --check and openssl cms. Needs /usr/bin/pdfsig, qpdf, openssl and certutil.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SigningError, signPdf, verifyPdfSignatures } from '../../core/signing';
import { createOutlineTextPainter } from '../../core/signing/appearance-text';
import { addEmptySignatureFields } from '../../core/signing/signature-fields';
import { type Judges, createJudges, signedRange } from '../helpers/pdf-judges';
import { DAY_MS, instantNear } from '../helpers/clock';
import { type TestPki, createTestPki, nodeCrypto, nodeSigner } from '../helpers/pki';

const SECRETARY = 'Nguyễn Tiến Sỹ';
const CHAIR = 'Trần Thị Hồng Nhung';
const DEJAVU = 'node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf';
// pdfsig judges the certificates at the real clock: sign an hour ago with a PKI issued a day before.
const SIGNING_TIME = instantNear(-3_600_000);

let dir: string;
let judges: Judges;
let pki: TestPki;
let basePdf: Uint8Array;
let signedOnce: Uint8Array;
let coSigned: Uint8Array;

/** A minutes-like base PDF: DejaVu text and empty "secretary" and "chair" signature fields. */
async function unsignedMinutesFixture(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(readFileSync(DEJAVU), { subset: true });
  const page = doc.addPage([595, 842]);
  page.drawText('BIÊN BẢN CUỘC HỌP', { x: 60, y: 760, size: 18, font });
  page.drawText('Biểu quyết: Tán thành 7 / Không tán thành 1 / Không biểu quyết 0', {
    x: 60,
    y: 720,
    size: 11,
    font,
  });
  addEmptySignatureFields(doc, [
    { name: 'secretary', page: 0, rect: [60, 80, 260, 150] },
    { name: 'chair', page: 0, rect: [335, 80, 535, 150] },
  ]);
  return doc.save({ useObjectStreams: false });
}

function write(name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

/** ByteRange concatenation of signature `index` (0-based), read back with our verifier. */
async function signedBytes(pdf: Uint8Array, index: number): Promise<Uint8Array> {
  const reports = await verifyPdfSignatures(pdf, { crypto: nodeCrypto, trustedCaPem: [] });
  return signedRange(pdf, reports[index]?.byteRange ?? []);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'signing-judges-'));
  pki = createTestPki(new Date(SIGNING_TIME.getTime() - DAY_MS));
  judges = createJudges(dir, pki.ca.certPem);
  basePdf = await unsignedMinutesFixture();
  const drawText = createOutlineTextPainter(new Uint8Array(readFileSync(DEJAVU)));
  signedOnce = await signPdf({
    pdf: basePdf,
    signer: nodeSigner(pki.secretary, [pki.ca]),
    hasher: nodeCrypto,
    fieldName: 'secretary',
    name: SECRETARY,
    role: 'Thư ký',
    drawText,
    reason: 'Xác nhận biên bản',
    location: 'Hà Nội',
    signingTime: SIGNING_TIME,
    utcOffsetMinutes: 420,
  });
  coSigned = await signPdf({
    pdf: signedOnce,
    signer: nodeSigner(pki.chair, [pki.ca]),
    hasher: nodeCrypto,
    fieldName: 'chair',
    name: CHAIR,
    role: 'Chủ tọa',
    drawText,
    signingTime: new Date(SIGNING_TIME.getTime() + 600_000),
    utcOffsetMinutes: 420,
  });
  write('base.pdf', basePdf);
  write('signed-once.pdf', signedOnce);
  write('co-signed.pdf', coSigned);
}, 60_000);

afterAll(() => {
  // KEEP_SIGNING_OUTPUT=1 keeps the PDFs and dumps for a human look.
  if (process.env.KEEP_SIGNING_OUTPUT) console.log(`signing judges output kept in ${dir}`);
  else if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('secretary signs, chair co-signs incrementally', () => {
  it('pdfsig finds both signatures valid and trusted, names with diacritics intact', () => {
    const entries = judges.pdfsig(write('judge-cosigned.pdf', coSigned));
    expect(entries.map((e) => e.fieldName)).toEqual(['secretary', 'chair']);
    expect(entries.map((e) => e.commonName)).toEqual([SECRETARY, CHAIR]);
    for (const e of entries) {
      expect(e.validation).toBe('Signature is Valid.');
      expect(e.certificate).toBe('Certificate is Trusted.');
    }
    expect(entries.map((e) => e.totalDocument)).toEqual([false, true]);
  });

  it('qpdf --check accepts the base, the signed and the co-signed file', () => {
    expect(judges.qpdfCheck(join(dir, 'base.pdf'))).toBe(0);
    expect(judges.qpdfCheck(join(dir, 'signed-once.pdf'))).toBe(0);
    expect(judges.qpdfCheck(join(dir, 'co-signed.pdf'))).toBe(0);
  });

  it('the co-signature leaves the first revision byte-for-byte intact', () => {
    expect(
      Buffer.from(coSigned.subarray(0, signedOnce.length)).equals(Buffer.from(signedOnce)),
    ).toBe(true);
    expect(Buffer.from(signedOnce.subarray(0, basePdf.length)).equals(Buffer.from(basePdf))).toBe(
      true,
    );
  });

  it('openssl cms verifies each extracted CMS over its ByteRange; B-B attributes only', async () => {
    const blobs = judges.dumpCms(coSigned, 'ok');
    expect(blobs).toHaveLength(2);
    for (const [i, blob] of blobs.entries()) {
      const content = write(`signed-range-${i}.bin`, await signedBytes(coSigned, i));
      expect(judges.opensslVerify(blob, content)).toBe(true);
      const printed = judges.opensslPrint(blob);
      expect(printed).toMatch(/id-smime-aa-signingCertificateV2/);
      expect(printed).toMatch(/messageDigest/);
      expect(printed).not.toMatch(/signingTime/);
    }
  });

  it('our verifier reports both signatures, who signed and what each covers', async () => {
    const reports = await verifyPdfSignatures(coSigned, {
      crypto: nodeCrypto,
      trustedCaPem: [pki.ca.certPem],
    });
    expect(reports.map((r) => [r.fieldName, r.signerCommonName, r.claimedName])).toEqual([
      ['secretary', SECRETARY, SECRETARY],
      ['chair', CHAIR, CHAIR],
    ]);
    for (const r of reports) {
      expect(r).toMatchObject({
        subFilter: 'ETSI.CAdES.detached',
        byteRangeWellFormed: true,
        digestValid: true,
        signatureValid: true,
        issuedByTrustedCa: true,
        certificateValidAtSigningTime: true,
        hasSigningCertificateV2: true,
        hasSigningTimeAttribute: false,
        problems: [],
      });
    }
    expect(reports[0]?.signingTime?.toISOString()).toBe(SIGNING_TIME.toISOString());
    expect(reports[0]?.signedLength).toBe(signedOnce.length);
    expect(reports.map((r) => r.coversWholeDocument)).toEqual([false, true]);
  });

  it('a CA the verifier does not trust gives issuedByTrustedCa false', async () => {
    const other = createTestPki();
    const reports = await verifyPdfSignatures(coSigned, {
      crypto: nodeCrypto,
      trustedCaPem: [other.ca.certPem],
    });
    expect(reports.map((r) => r.issuedByTrustedCa)).toEqual([false, false]);
    expect(reports.map((r) => r.digestValid)).toEqual([true, true]);
  });
});

describe('tampering', () => {
  it('one flipped byte in the first signed range breaks both signatures for every judge', async () => {
    const tampered = new Uint8Array(coSigned);
    // Byte 10 sits in the binary comment on line 2: the file still parses, only the hash changes.
    tampered[10] = (tampered[10] ?? 0) ^ 0x01;
    const path = write('tampered.pdf', tampered);
    const entries = judges.pdfsig(path);
    expect(entries).toHaveLength(2);
    for (const e of entries) expect(e.validation).not.toBe('Signature is Valid.');
    const blobs = judges.dumpCms(tampered, 'bad');
    expect(blobs).toHaveLength(2);
    for (const [i, blob] of blobs.entries()) {
      const content = write(`tampered-range-${i}.bin`, await signedBytes(tampered, i));
      expect(judges.opensslVerify(blob, content)).toBe(false);
    }
    const reports = await verifyPdfSignatures(tampered, {
      crypto: nodeCrypto,
      trustedCaPem: [pki.ca.certPem],
    });
    expect(reports.map((r) => [r.fieldName, r.digestValid])).toEqual([
      ['secretary', false],
      ['chair', false],
    ]);
  });

  it('a byte changed after the first revision breaks only the co-signature', async () => {
    const tampered = new Uint8Array(coSigned);
    const at = coSigned.length - 3; // inside the "%%EOF" of the chair's revision
    tampered[at] = (tampered[at] ?? 0) ^ 0x01;
    const reports = await verifyPdfSignatures(tampered, {
      crypto: nodeCrypto,
      trustedCaPem: [pki.ca.certPem],
    });
    expect(reports.map((r) => [r.fieldName, r.digestValid])).toEqual([
      ['secretary', true],
      ['chair', false],
    ]);
  });
});

describe('other inputs', () => {
  it('signs a PDF whose cross-reference is a stream (qpdf object streams), twice', async () => {
    const xrefStreamPath = join(dir, 'xref-stream.pdf');
    execFileSync('/usr/bin/qpdf', [
      '--object-streams=generate',
      join(dir, 'base.pdf'),
      xrefStreamPath,
    ]);
    const input = new Uint8Array(readFileSync(xrefStreamPath));
    expect(Buffer.from(input).includes('/ObjStm')).toBe(true);
    const once = await signPdf({
      pdf: input,
      signer: nodeSigner(pki.secretary, [pki.ca]),
      hasher: nodeCrypto,
      fieldName: 'secretary',
      name: SECRETARY,
      signingTime: SIGNING_TIME,
    });
    const twice = await signPdf({
      pdf: once,
      signer: nodeSigner(pki.chair, [pki.ca]),
      hasher: nodeCrypto,
      fieldName: 'chair',
      name: CHAIR,
      signingTime: SIGNING_TIME,
    });
    const path = write('xref-stream-signed.pdf', twice);
    expect(judges.qpdfCheck(path)).toBe(0);
    const entries = judges.pdfsig(path);
    expect(entries.map((e) => [e.fieldName, e.commonName, e.validation, e.certificate])).toEqual([
      ['secretary', SECRETARY, 'Signature is Valid.', 'Certificate is Trusted.'],
      ['chair', CHAIR, 'Signature is Valid.', 'Certificate is Trusted.'],
    ]);
  });

  it('adds a new visible signature field to an already co-signed PDF', async () => {
    const third = await signPdf({
      pdf: coSigned,
      signer: nodeSigner(pki.secretary, [pki.ca]),
      hasher: nodeCrypto,
      fieldName: 'witness',
      name: SECRETARY,
      appearance: { page: 0, rect: [60, 170, 260, 230] },
      signingTime: SIGNING_TIME,
    });
    const path = write('three-signatures.pdf', third);
    expect(judges.qpdfCheck(path)).toBe(0);
    const entries = judges.pdfsig(path);
    expect(entries.map((e) => [e.fieldName, e.validation])).toEqual([
      ['secretary', 'Signature is Valid.'],
      ['chair', 'Signature is Valid.'],
      ['witness', 'Signature is Valid.'],
    ]);
  });

  it('signs a PDF that has no form at all (creates the AcroForm)', async () => {
    const doc = await PDFDocument.create();
    doc.addPage([300, 300]);
    const plain = await doc.save({ useObjectStreams: false });
    const signed = await signPdf({
      pdf: plain,
      signer: nodeSigner(pki.chair, [pki.ca]),
      hasher: nodeCrypto,
      name: CHAIR,
      signingTime: SIGNING_TIME,
    });
    const path = write('no-form-signed.pdf', signed);
    expect(judges.qpdfCheck(path)).toBe(0);
    expect(judges.pdfsig(path).map((e) => [e.fieldName, e.commonName, e.validation])).toEqual([
      ['Signature1', CHAIR, 'Signature is Valid.'],
    ]);
  });

  it('refuses to sign a field twice and rejects non-PDF input with stable codes', async () => {
    const common = {
      signer: nodeSigner(pki.chair, [pki.ca]),
      hasher: nodeCrypto,
      name: CHAIR,
      signingTime: SIGNING_TIME,
    };
    await expect(signPdf({ ...common, pdf: coSigned, fieldName: 'chair' })).rejects.toMatchObject({
      code: 'SIGNATURE_FIELD_TAKEN',
    });
    const garbage = new TextEncoder().encode('not a pdf at all');
    await expect(signPdf({ ...common, pdf: garbage })).rejects.toBeInstanceOf(SigningError);
    await expect(signPdf({ ...common, pdf: garbage })).rejects.toMatchObject({
      code: 'PDF_MALFORMED',
    });
  });

  it('damaged PDFs give a SigningError, never a crash or a half-signed file', async () => {
    const common = {
      signer: nodeSigner(pki.chair, [pki.ca]),
      hasher: nodeCrypto,
      name: CHAIR,
      signingTime: SIGNING_TIME,
    };
    const damaged: Uint8Array[] = [];
    for (const cut of [0.3, 0.6, 0.9, 0.99])
      damaged.push(basePdf.subarray(0, Math.floor(basePdf.length * cut)));
    const badXref = new Uint8Array(basePdf);
    const at = Buffer.from(badXref).lastIndexOf('startxref') + 10;
    badXref[at] = 0x39; // startxref now points elsewhere
    damaged.push(badXref);
    for (let seed = 1; seed <= 40; seed++) {
      const mutated = new Uint8Array(coSigned);
      for (let k = 0; k < 20; k++)
        mutated[(seed * 7919 * (k + 1)) % mutated.length] = (seed * 31 + k) & 0xff;
      damaged.push(mutated);
    }
    for (const pdf of damaged) {
      const outcome = await signPdf({ ...common, pdf, fieldName: 'fuzz' }).then(
        (signed) => signed,
        (error: unknown) => error,
      );
      if (!(outcome instanceof Uint8Array)) expect(outcome).toBeInstanceOf(SigningError);
    }
  });
});
