/**
 * The signer's signature image and the organisation's seal in a signature's appearance (Decree
 * 30/2020, Phụ lục I): the minutes signed by the secretary with her signature image, co-signed
 * by the chair with his and the seal, judged by pdfsig, qpdf, pyHanko and our own verifier,
 * and the signed page rendered by poppler to check the images are drawn where they belong.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINUTES_SIGNATURE_FIELDS, renderMinutesPdf } from '../../core/minutes';
import { SAMPLE_CHAIR, SAMPLE_SECRETARY, sampleMinutes } from '../../core/minutes/testing';
import {
  SigningError,
  createOutlineTextPainter,
  signPdf,
  verifyPdfSignatures,
  type AppearanceImage,
} from '../../core/signing';
import { DAY_MS, instantNear } from '../helpers/clock';
import { dejavuSans, minutesFonts } from '../helpers/minutes-fonts';
import { type Judges, createJudges } from '../helpers/pdf-judges';
import { type TestPki, createTestPki, nodeCrypto, nodeSigner } from '../helpers/pki';

const SIGNED_AT = instantNear(-30 * 60_000);
const OUTPUT = new URL('../output/', import.meta.url).pathname;

/** A blue pen stroke on a transparent ground: a deterministic scribble, antialiased by distance. */
function signatureImage(width = 300, height = 100): AppearanceImage {
  const rgb = new Uint8Array(width * height * 3);
  const alpha = new Uint8Array(width * height);
  for (let x = 0; x < width; x++) {
    const t = x / width;
    const centre = height / 2 + Math.sin(t * 14) * height * 0.28 * (1 - t * 0.5);
    for (let y = 0; y < height; y++) {
      const i = y * width + x;
      rgb.set([16, 48, 170], i * 3);
      alpha[i] = Math.round(255 * Math.max(0, 1 - Math.abs(y - centre) / 3));
    }
  }
  return { width, height, rgb, alpha };
}

/** A red ring with a red star, transparent outside: a seal's shape. */
function sealImage(size = 160): AppearanceImage {
  const rgb = new Uint8Array(size * size * 3);
  const alpha = new Uint8Array(size * size);
  const r = size / 2;
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const i = y * size + x;
      rgb.set([210, 20, 30], i * 3);
      const d = Math.hypot(x - r + 0.5, y - r + 0.5);
      const ring = d < r - 1 && d > r - 12;
      const inner = d < r - 20 && d > r - 24;
      const star = d < r * 0.3;
      alpha[i] = ring || inner || star ? 255 : 0;
    }
  return { width: size, height: size, rgb, alpha };
}

let dir: string;
let pki: TestPki;
let judges: Judges;
let signed: Uint8Array;

async function sign(pdf: Uint8Array): Promise<Uint8Array> {
  const drawText = createOutlineTextPainter(dejavuSans());
  const once = await signPdf({
    pdf,
    signer: nodeSigner(pki.secretary, [pki.ca]),
    hasher: nodeCrypto,
    fieldName: MINUTES_SIGNATURE_FIELDS.secretary,
    name: SAMPLE_SECRETARY,
    role: 'Thư ký',
    drawText,
    images: { signature: signatureImage() },
    signingTime: SIGNED_AT,
    utcOffsetMinutes: 420,
  });
  return signPdf({
    pdf: once,
    signer: nodeSigner(pki.chair, [pki.ca]),
    hasher: nodeCrypto,
    fieldName: MINUTES_SIGNATURE_FIELDS.chair,
    name: SAMPLE_CHAIR,
    role: 'Chủ tọa',
    drawText,
    images: { signature: signatureImage(360, 110), seal: sealImage() },
    signingTime: new Date(SIGNED_AT.getTime() + 15 * 60_000),
    utcOffsetMinutes: 420,
  });
}

/** Reads a binary PPM (P6) as written by pdftoppm. */
function readPpm(file: string): {
  width: number;
  height: number;
  pixel(x: number, y: number): number[];
} {
  const bytes = readFileSync(file);
  const header = bytes.subarray(0, 50).toString('latin1');
  const m = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(header);
  if (!m) throw new Error('not a P6 PPM');
  const width = Number(m[1]);
  const height = Number(m[2]);
  const start = m[0].length;
  return {
    width,
    height,
    pixel: (x, y) => [
      ...bytes.subarray(start + (y * width + x) * 3, start + (y * width + x) * 3 + 3),
    ],
  };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'minutes-images-'));
  pki = createTestPki(new Date(SIGNED_AT.getTime() - DAY_MS));
  judges = createJudges(dir, pki.ca.certPem);
  const base = sampleMinutes();
  const minutes = await renderMinutesPdf(
    { ...base, chair: { ...base.chair, authority: { kind: 'TM', onBehalfOf: 'Ban Chấp hành' } } },
    minutesFonts(),
  );
  signed = await sign(minutes);
  writeFileSync(join(dir, 'signed.pdf'), signed);
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('signature and seal images in the appearance', () => {
  it('leave both signatures valid for pdfsig, qpdf, pyHanko and our verifier', async () => {
    const file = join(dir, 'signed.pdf');
    expect(judges.qpdfCheck(file)).toBe(0);
    expect(judges.pdfsig(file).map((e) => [e.fieldName, e.validation, e.certificate])).toEqual([
      ['secretary', 'Signature is Valid.', 'Certificate is Trusted.'],
      ['chair', 'Signature is Valid.', 'Certificate is Trusted.'],
    ]);
    const hanko = judges.pyhanko(file);
    expect(hanko.map((e) => [e.fieldName, e.intact, e.trusted])).toEqual([
      ['secretary', true, true],
      ['chair', true, true],
    ]);
    expect(hanko[0]?.modifications).toMatch(/FORM_FILLING|ACCEPTABLE/);
    const reports = await verifyPdfSignatures(signed, {
      crypto: nodeCrypto,
      trustedCaPem: [pki.ca.certPem],
    });
    expect(reports.map((r) => r.verdict)).toEqual(['valid-with-permitted-changes', 'valid']);
  }, 60_000);

  it('are drawn by poppler: blue signatures in both fields, the red seal over the chair’s', () => {
    const file = join(dir, 'signed.pdf');
    const pages = Number(
      /Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1],
    );
    const prefix = join(dir, 'last');
    execFileSync('pdftoppm', [
      '-r',
      '72',
      '-f',
      String(pages),
      '-l',
      String(pages),
      '-singlefile',
      file,
      prefix,
    ]);
    const ppm = readPpm(`${prefix}.ppm`);
    // Count pen blue and seal red in each half of the page's lower part (72 dpi: 1 px = 1 pt).
    const count = (x0: number, x1: number, test: (p: number[]) => boolean): number => {
      let n = 0;
      for (let y = 0; y < ppm.height; y++)
        for (let x = x0; x < x1; x++) if (test(ppm.pixel(x, y))) n++;
      return n;
    };
    const blue = ([r = 0, g = 0, b = 0]: number[]) => b > 120 && r < 110 && b - r > 60 && g < 130;
    const red = ([r = 0, g = 0, b = 0]: number[]) => r > 150 && g < 90 && b < 90;
    const middle = Math.round(ppm.width / 2);
    expect(count(0, middle, blue)).toBeGreaterThan(200);
    expect(count(middle, ppm.width, blue)).toBeGreaterThan(200);
    expect(count(0, middle, red)).toBe(0);
    expect(count(middle, ppm.width, red)).toBeGreaterThan(500);
  });

  it('refuse an image whose pixels do not match its size, writing nothing', async () => {
    const bad = { ...signatureImage(), rgb: new Uint8Array(10) };
    await expect(
      signPdf({
        pdf: await renderMinutesPdf(sampleMinutes(), minutesFonts()),
        signer: nodeSigner(pki.secretary, [pki.ca]),
        hasher: nodeCrypto,
        fieldName: MINUTES_SIGNATURE_FIELDS.secretary,
        name: SAMPLE_SECRETARY,
        images: { signature: bad },
        signingTime: SIGNED_AT,
      }),
    ).rejects.toSatisfy((e) => e instanceof SigningError && e.code === 'APPEARANCE_IMAGE_INVALID');
  });

  it('render pages 1 and last at 80 dpi for a human look', () => {
    mkdirSync(OUTPUT, { recursive: true });
    const file = join(dir, 'signed.pdf');
    const pages = Number(
      /Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1],
    );
    for (const [page, name] of [
      [1, 'minutes-images-first'],
      [pages, 'minutes-images-last'],
    ] as const)
      execFileSync('pdftoppm', [
        '-r',
        '80',
        '-png',
        '-singlefile',
        '-f',
        String(page),
        '-l',
        String(page),
        file,
        join(OUTPUT, name),
      ]);
  });
});
