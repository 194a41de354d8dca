import { PDFDocument, degrees } from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import {
  GeometryError,
  normaliseRect,
  pdfToViewport,
  transformRect,
  viewportRectToPdf,
  viewportToPdf,
  viewportTransform,
  type Point,
  type Rect,
} from './viewport';

const ROTATIONS = [0, 90, 180, 270] as const;
const SCALES = [0.5, 1, 1.25, 2, 3.7];
// A crop box that does not start at the origin: the offset must survive every transform.
const CROP: Rect = [36, 72, 36 + 400, 72 + 600];

const close = (a: Point, b: Point) => {
  expect(a[0]).toBeCloseTo(b[0], 6);
  expect(a[1]).toBeCloseTo(b[1], 6);
};

describe('viewportTransform', () => {
  it('maps the crop box corners to the page corners at 0° (top-left is PDF top-left)', () => {
    const { transform, width, height } = viewportTransform({
      viewBox: CROP,
      scale: 2,
      rotation: 0,
    });
    expect([width, height]).toEqual([800, 1200]);
    close(pdfToViewport(transform, [36, 672]), [0, 0]);
    close(pdfToViewport(transform, [436, 72]), [800, 1200]);
  });

  it('swaps width and height at 90° and 270°, and puts PDF top-left at the top-right at 90°', () => {
    const v90 = viewportTransform({ viewBox: CROP, scale: 1, rotation: 90 });
    expect([v90.width, v90.height]).toEqual([600, 400]);
    close(pdfToViewport(v90.transform, [36, 672]), [600, 0]);
    const v270 = viewportTransform({ viewBox: CROP, scale: 1, rotation: 270 });
    close(pdfToViewport(v270.transform, [36, 672]), [0, 400]);
    const v180 = viewportTransform({ viewBox: CROP, scale: 1, rotation: 180 });
    close(pdfToViewport(v180.transform, [36, 672]), [400, 600]);
  });

  it('normalises rotations (-90 is 270, 450 is 90) and refuses odd angles and scales', () => {
    const a = viewportTransform({ viewBox: CROP, scale: 1, rotation: -90 });
    const b = viewportTransform({ viewBox: CROP, scale: 1, rotation: 270 });
    expect(a.transform).toEqual(b.transform);
    expect(viewportTransform({ viewBox: CROP, scale: 1, rotation: 450 }).transform).toEqual(
      viewportTransform({ viewBox: CROP, scale: 1, rotation: 90 }).transform,
    );
    expect(() => viewportTransform({ viewBox: CROP, scale: 1, rotation: 45 })).toThrow(
      GeometryError,
    );
    expect(() => viewportTransform({ viewBox: CROP, scale: 0, rotation: 0 })).toThrow(
      GeometryError,
    );
  });

  it.each(ROTATIONS.flatMap((r) => SCALES.map((s) => [r, s] as const)))(
    'round-trips points at rotation %i°, scale %f',
    (rotation, scale) => {
      const { transform, width, height } = viewportTransform({ viewBox: CROP, scale, rotation });
      for (const p of [
        [36, 72],
        [100.5, 300.25],
        [436, 672],
        [250, 500],
      ] as Point[]) {
        const v = pdfToViewport(transform, p);
        // Every point of the crop box lands inside the page box.
        expect(v[0]).toBeGreaterThanOrEqual(-1e-9);
        expect(v[0]).toBeLessThanOrEqual(width + 1e-9);
        expect(v[1]).toBeGreaterThanOrEqual(-1e-9);
        expect(v[1]).toBeLessThanOrEqual(height + 1e-9);
        close(viewportToPdf(transform, v), p);
      }
    },
  );

  it.each(ROTATIONS.flatMap((r) => SCALES.map((s) => [r, s] as const)))(
    'round-trips rectangles at rotation %i°, scale %f, normalised',
    (rotation, scale) => {
      const { transform } = viewportTransform({ viewBox: CROP, scale, rotation });
      const rect: Rect = [100, 200, 180, 215];
      const onScreen = transformRect(transform, rect);
      expect(onScreen[0]).toBeLessThanOrEqual(onScreen[2]);
      expect(onScreen[1]).toBeLessThanOrEqual(onScreen[3]);
      // Size is preserved up to the scale (and a swap when sideways).
      const sideways = rotation % 180 !== 0;
      const [w, h] = [onScreen[2] - onScreen[0], onScreen[3] - onScreen[1]];
      expect(sideways ? h : w).toBeCloseTo(80 * scale, 6);
      expect(sideways ? w : h).toBeCloseTo(15 * scale, 6);
      const back = viewportRectToPdf(transform, onScreen);
      back.forEach((value, i) => expect(value).toBeCloseTo(rect[i] as number, 6));
    },
  );

  it('normaliseRect orders corners', () => {
    expect(normaliseRect([10, 20, 5, 2])).toEqual([5, 2, 10, 20]);
  });
});

describe('agrees with pdf.js PageViewport', () => {
  it('matches convertToViewportPoint / convertToPdfPoint on a cropped, rotated page', async () => {
    const pdf = await PDFDocument.create();
    const page = pdf.addPage([500, 800]);
    page.setCropBox(CROP[0], CROP[1], CROP[2] - CROP[0], CROP[3] - CROP[1]);
    const rotated = pdf.addPage([500, 800]);
    rotated.setRotation(degrees(90));
    const bytes = await pdf.save();
    const doc = await getDocument({ data: bytes, useSystemFonts: false, isEvalSupported: false })
      .promise;
    try {
      for (const pageNo of [1, 2]) {
        const p = await doc.getPage(pageNo);
        const viewBox = p.view as unknown as Rect;
        for (const extra of ROTATIONS) {
          for (const scale of [0.75, 1.5, 2.25]) {
            const theirs = p.getViewport({ scale, rotation: p.rotate + extra });
            const mine = viewportTransform({ viewBox, scale, rotation: p.rotate + extra });
            expect(mine.width).toBeCloseTo(theirs.width, 6);
            expect(mine.height).toBeCloseTo(theirs.height, 6);
            for (const pt of [
              [50, 90],
              [300, 500],
              [viewBox[2], viewBox[3]],
            ] as Point[]) {
              close(
                pdfToViewport(mine.transform, pt),
                theirs.convertToViewportPoint(pt[0], pt[1]) as unknown as Point,
              );
              close(
                viewportToPdf(mine.transform, [12, 34]),
                theirs.convertToPdfPoint(12, 34) as unknown as Point,
              );
            }
          }
        }
      }
    } finally {
      await doc.destroy();
    }
  });
});
