import type { PageViewport } from 'pdfjs-dist';
import { boundsOf, shapeOf, type Annotation } from '../../../../core/annotations/model';
import type { Point, Rect } from '../../../../core/geometry/viewport';

/** PDF point → CSS px on the page, through pdf.js' own viewport (zoom, rotation, crop box). */
export function toView(viewport: PageViewport, x: number, y: number): Point {
  const p = viewport.convertToViewportPoint(x, y) as number[];
  return [p[0] ?? 0, p[1] ?? 0];
}

/** CSS px on the page → PDF point. */
export function toPdf(viewport: PageViewport, x: number, y: number): Point {
  const p = viewport.convertToPdfPoint(x, y) as number[];
  return [p[0] ?? 0, p[1] ?? 0];
}

/** A PDF rectangle's box on screen (normalised: rotation can swap corners). */
export function rectToView(viewport: PageViewport, [x1, y1, x2, y2]: Rect): Rect {
  const a = toView(viewport, x1, y1);
  const b = toView(viewport, x2, y2);
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1])];
}

export const markBox = (viewport: PageViewport, a: Annotation): Rect =>
  rectToView(viewport, boundsOf(shapeOf(a)));

/** A flat x,y list of PDF points as an SVG points attribute. */
export function svgPoints(viewport: PageViewport, flat: readonly number[]): string {
  const out: string[] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) {
    const [x, y] = toView(viewport, flat[i] as number, flat[i + 1] as number);
    out.push(`${x.toFixed(1)},${y.toFixed(1)}`);
  }
  return out.join(' ');
}
