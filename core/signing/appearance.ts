/**
 * The visible appearance (/AP /N form XObject) of a signature widget. Text is drawn by an
 * optional `drawText` that returns content-stream operators (glyph outlines with a Vietnamese
 * font); without it the appearance is a bordered box — never text in a standard 14 font,
 * which cannot show Vietnamese diacritics.
 */
import { PdfDict, PdfName, type PdfValue, latin1Bytes } from './pdf-objects';

/** Content-stream operators that paint `lines` inside a width × height box. */
export type AppearanceTextPainter = (
  lines: readonly string[],
  width: number,
  height: number,
) => string;

export interface AppearanceStream {
  readonly dict: PdfDict;
  readonly data: Uint8Array;
}

export function buildAppearance(
  width: number,
  height: number,
  lines: readonly string[],
  drawText?: AppearanceTextPainter,
): AppearanceStream {
  const ops: string[] = [];
  if (width > 0 && height > 0) {
    ops.push('q 0.16 0.29 0.55 RG 1 w', `0.5 0.5 ${fmt(width - 1)} ${fmt(height - 1)} re S Q`);
    if (drawText && lines.length > 0) ops.push(drawText(lines, width, height));
  }
  const data = latin1Bytes(ops.join('\n'));
  const bbox: PdfValue = [0, 0, width, height];
  const dict = new PdfDict([
    ['Type', new PdfName('XObject')],
    ['Subtype', new PdfName('Form')],
    ['BBox', bbox],
    ['Resources', new PdfDict()],
    ['Length', data.length],
  ]);
  return { dict, data };
}

export function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(3).replace(/0+$/, '').replace(/\.$/, '');
}
