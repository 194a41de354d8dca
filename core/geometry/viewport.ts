import { CodedError } from '../errors/coded-error';

/**
 * PDF user space ↔ viewport (CSS pixel) transforms: the same affine matrix pdf.js' PageViewport
 * builds, so marks stored in PDF points land on the same pixels pdf.js paints at any zoom,
 * rotation (0/90/180/270) and crop box. The renderer may use pdf.js' own viewport methods; this
 * pure version lets core code (export, hit tests) and tests do the same math without pdf.js.
 */

/** An affine matrix [a, b, c, d, e, f]: x' = a·x + c·y + e, y' = b·x + d·y + f. */
export type Matrix = readonly [number, number, number, number, number, number];
export type Point = readonly [number, number];
/** An axis-aligned rectangle [x1, y1, x2, y2] with x1 ≤ x2 and y1 ≤ y2 once normalised. */
export type Rect = readonly [number, number, number, number];
export type Rotation = 0 | 90 | 180 | 270;

export interface ViewportParams {
  /** The page's view box in PDF user space (the crop box): [x1, y1, x2, y2]. */
  viewBox: Rect;
  /** CSS pixels per PDF point (1 = 100%). */
  scale: number;
  /** Clockwise rotation in degrees; any multiple of 90 (normalised into 0..270). */
  rotation: number;
  offsetX?: number;
  offsetY?: number;
}

export class GeometryError extends CodedError<'invalid-geometry'> {
  override readonly name = 'GeometryError';
  constructor(message: string) {
    super('invalid-geometry', message);
  }
}

export function normaliseRotation(rotation: number): Rotation {
  if (!Number.isFinite(rotation) || rotation % 90 !== 0)
    throw new GeometryError(`rotation must be a multiple of 90, got ${rotation}`);
  return (((rotation % 360) + 360) % 360) as Rotation;
}

/** The viewport's matrix and size, as pdf.js computes them (PDF y grows up, CSS y grows down). */
export function viewportTransform(params: ViewportParams): {
  transform: Matrix;
  width: number;
  height: number;
} {
  const { viewBox, scale } = params;
  if (!(scale > 0) || !Number.isFinite(scale))
    throw new GeometryError(`scale must be positive, got ${scale}`);
  const rotation = normaliseRotation(params.rotation);
  const [x1, y1, x2, y2] = viewBox;
  const centerX = (x1 + x2) / 2;
  const centerY = (y1 + y2) / 2;
  // Unit vectors of the rotated, y-flipped page.
  const [ra, rb, rc, rd] =
    rotation === 0
      ? [1, 0, 0, -1]
      : rotation === 90
        ? [0, 1, 1, 0]
        : rotation === 180
          ? [-1, 0, 0, 1]
          : [0, -1, -1, 0];
  const offsetX = params.offsetX ?? 0;
  const offsetY = params.offsetY ?? 0;
  const sideways = ra === 0;
  const canvasX = Math.abs((sideways ? centerY - y1 : centerX - x1) * scale) + offsetX;
  const canvasY = Math.abs((sideways ? centerX - x1 : centerY - y1) * scale) + offsetY;
  const boxW = (x2 - x1) * scale;
  const boxH = (y2 - y1) * scale;
  return {
    transform: [
      ra * scale,
      rb * scale,
      rc * scale,
      rd * scale,
      canvasX - ra * scale * centerX - rc * scale * centerY,
      canvasY - rb * scale * centerX - rd * scale * centerY,
    ],
    width: Math.abs(sideways ? boxH : boxW),
    height: Math.abs(sideways ? boxW : boxH),
  };
}

export function applyTransform(m: Matrix, [x, y]: Point): Point {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

export function applyInverseTransform(m: Matrix, [x, y]: Point): Point {
  const det = m[0] * m[3] - m[1] * m[2];
  if (det === 0) throw new GeometryError('matrix is not invertible');
  return [
    (x * m[3] - y * m[2] + m[2] * m[5] - m[4] * m[3]) / det,
    (-x * m[1] + y * m[0] + m[4] * m[1] - m[5] * m[0]) / det,
  ];
}

/** PDF user-space point → viewport point (pdf.js `convertToViewportPoint`). */
export const pdfToViewport = applyTransform;
/** Viewport point → PDF user-space point (pdf.js `convertToPdfPoint`). */
export const viewportToPdf = applyInverseTransform;

/** Orders a rectangle's corners so x1 ≤ x2 and y1 ≤ y2. */
export function normaliseRect([ax, ay, bx, by]: Rect): Rect {
  return [Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by)];
}

/** The bounding box of a rectangle mapped through a (rotating) matrix, normalised. */
export function transformRect(m: Matrix, [x1, y1, x2, y2]: Rect): Rect {
  const corners = [
    applyTransform(m, [x1, y1]),
    applyTransform(m, [x2, y2]),
    applyTransform(m, [x1, y2]),
    applyTransform(m, [x2, y1]),
  ];
  const xs = corners.map((p) => p[0]);
  const ys = corners.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/** A viewport rectangle (e.g. a selection's client rect relative to the page) in PDF space. */
export function viewportRectToPdf(m: Matrix, rect: Rect): Rect {
  const [x1, y1, x2, y2] = rect;
  const corners = [
    applyInverseTransform(m, [x1, y1]),
    applyInverseTransform(m, [x2, y2]),
    applyInverseTransform(m, [x1, y2]),
    applyInverseTransform(m, [x2, y1]),
  ];
  const xs = corners.map((p) => p[0]);
  const ys = corners.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}
