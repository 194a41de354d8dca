/**
 * `admin sign --signature-image SIG.png --seal-image SEAL.png`: PNG files decoded at the edge
 * (node-shared/images/png-image.ts) into the signature's appearance, judged by pdfsig and qpdf;
 * files that are not PNG, or too large, refused before any key is opened, with no output file.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildP12 } from '../../core/identity';
import { renderMinutesPdf } from '../../core/minutes';
import { sampleMinutes } from '../../core/minutes/testing';
import { decodePngImage, SignatureImageError } from '../../node-shared/images/png-image';
import { runSignCommand } from '../../sync-server/admin/sign';
import { minutesFonts } from '../helpers/minutes-fonts';
import { type Judges, createJudges } from '../helpers/pdf-judges';
import { type TestIdentity, type TestPki, createTestPki } from '../helpers/pki';

const PASSWORD = 'mật khẩu';
let dir: string;
let pki: TestPki;
let judges: Judges;
const path = (name: string) => join(dir, name);

/** A PNG of `width × height` whose pixel colour and alpha come from `paint`. */
function png(
  width: number,
  height: number,
  paint: (x: number, y: number) => [number, number, number, number],
): Buffer {
  const image = new PNG({ width, height });
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) image.data.set(paint(x, y), (y * width + x) * 4);
  return PNG.sync.write(image);
}

const signaturePng = () =>
  png(240, 80, (x, y) => {
    const centre = 40 + Math.sin(x / 12) * 22;
    return [20, 50, 180, Math.abs(y - centre) < 2.5 ? 255 : 0];
  });

const sealPng = () =>
  png(150, 150, (x, y) => {
    const d = Math.hypot(x - 75, y - 75);
    return [200, 16, 24, (d < 73 && d > 62) || d < 20 ? 255 : 0];
  });

function p12For(identity: TestIdentity, name: string): string {
  const file = path(name);
  writeFileSync(
    file,
    buildP12({
      certificatePem: identity.certPem,
      privateKeyPem: identity.privateKeyPem,
      chainPem: [pki.ca.certPem],
      password: PASSWORD,
      iterations: 2048,
    }),
  );
  return file;
}

async function sign(...args: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const io = {
    stdout: { write: () => undefined },
    stderr: { write: (t: string) => (stderr += t) },
  };
  const code = await runSignCommand(args, io);
  return { code, stderr };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'admin-sign-images-'));
  pki = createTestPki();
  judges = createJudges(dir, pki.ca.certPem);
  writeFileSync(path('minutes.pdf'), await renderMinutesPdf(sampleMinutes(), minutesFonts()));
  writeFileSync(path('password.txt'), PASSWORD);
  writeFileSync(path('signature.png'), signaturePng());
  writeFileSync(path('seal.png'), sealPng());
  p12For(pki.secretary, 'secretary.p12');
  p12For(pki.chair, 'chair.p12');
}, 60_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const key = (who: string) => ['--p12', path(`${who}.p12`), '--password-file', path('password.txt')];

describe('PNG images at the edge', () => {
  it('decode to RGB and alpha, transparency kept', () => {
    const image = decodePngImage(new Uint8Array(sealPng()));
    expect([image.width, image.height]).toEqual([150, 150]);
    expect(image.rgb.subarray(0, 3)).toEqual(new Uint8Array([200, 16, 24]));
    expect(image.alpha?.[0]).toBe(0);
    expect(image.alpha?.[75 * 150 + 75]).toBe(255);
  });

  it.each<[string, Uint8Array, string]>([
    ['a JPEG', new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]), 'image-not-png'],
    ['a truncated PNG', new Uint8Array(signaturePng().subarray(0, 60)), 'image-invalid'],
    [
      'more than 4000 px wide',
      new Uint8Array(png(4001, 1, () => [0, 0, 0, 255])),
      'image-too-large',
    ],
    ['more than 2 MiB', new Uint8Array(2 * 1024 * 1024 + 1), 'image-too-large'],
  ])('refuse %s', (_, bytes, code) => {
    expect(() => decodePngImage(bytes)).toThrow(SignatureImageError);
    try {
      decodePngImage(bytes);
    } catch (e) {
      expect((e as SignatureImageError).code).toBe(code);
    }
  });
});

describe('admin sign with images', () => {
  it('signs and co-signs with signature images and the seal; pdfsig and qpdf accept it', async () => {
    const once = await sign(
      path('minutes.pdf'),
      ...key('secretary'),
      '--field',
      'secretary',
      '--signature-image',
      path('signature.png'),
      '--out',
      path('once.pdf'),
    );
    expect(once).toEqual({ code: 0, stderr: '' });
    const twice = await sign(
      path('once.pdf'),
      ...key('chair'),
      '--field',
      'chair',
      '--signature-image',
      path('signature.png'),
      '--seal-image',
      path('seal.png'),
      '--out',
      path('twice.pdf'),
    );
    expect(twice).toEqual({ code: 0, stderr: '' });
    expect(judges.qpdfCheck(path('twice.pdf'))).toBe(0);
    expect(judges.pdfsig(path('twice.pdf')).map((e) => e.validation)).toEqual([
      'Signature is Valid.',
      'Signature is Valid.',
    ]);
    // The image objects are in the file: two signatures and their masks, one seal and its mask.
    const text = readFileSync(path('twice.pdf')).toString('latin1');
    expect(text.match(/\/Subtype \/Image/g)?.length).toBe(6);
  }, 60_000);

  it('refuses a file that is not a PNG before opening the key, writing nothing', async () => {
    writeFileSync(path('not.png'), 'GIF89a');
    const r = await sign(
      path('minutes.pdf'),
      ...key('secretary'),
      '--field',
      'secretary',
      '--seal-image',
      path('not.png'),
      '--out',
      path('refused.pdf'),
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error \[image-not-png\]: /);
    expect(existsSync(path('refused.pdf'))).toBe(false);
  });
});
