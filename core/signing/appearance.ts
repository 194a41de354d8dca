/**
 * The visible appearance (/AP /N form XObject) of a signature widget. Text is drawn by an
 * optional `drawText` that returns content-stream operators (glyph outlines with a Vietnamese
 * font); without it the appearance is a bordered box — never text in a standard 14 font,
 * which cannot show Vietnamese diacritics.
 */
import { layoutImages, type ImagePlacement, type SignatureImages } from './appearance-image';
import { PdfDict, PdfName, type PdfRef, type PdfValue, latin1Bytes } from './pdf-objects';

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

/** Signature and seal images to draw, with the refs their image XObjects are written at. */
export interface AppearancePictures {
  readonly images: SignatureImages;
  readonly refs: { readonly signature?: PdfRef; readonly seal?: PdfRef };
}

const drawImage = (name: string, p: ImagePlacement): string =>
  `q ${fmt(p.width)} 0 0 ${fmt(p.height)} ${fmt(p.x)} ${fmt(p.y)} cm /${name} Do Q`;

export function buildAppearance(
  width: number,
  height: number,
  lines: readonly string[],
  drawText?: AppearanceTextPainter,
  pictures?: AppearancePictures,
): AppearanceStream {
  const ops: string[] = [];
  const xobjects = new PdfDict();
  if (width > 0 && height > 0) {
    ops.push('q 0.16 0.29 0.55 RG 1 w', `0.5 0.5 ${fmt(width - 1)} ${fmt(height - 1)} re S Q`);
    const layout = pictures ? layoutImages(width, height, pictures.images) : undefined;
    // With images the text keeps a band at the bottom; the seal is drawn last, over the signature.
    // A seal covers the band's left part: the text starts right of it.
    const textX = layout?.seal ? Math.min(width / 2, layout.seal.x + layout.seal.width) : 0;
    if (drawText && lines.length > 0)
      ops.push(
        `q 1 0 0 1 ${fmt(textX)} 0 cm`,
        drawText(lines, width - textX, layout?.textHeight ?? height),
        'Q',
      );
    for (const key of ['signature', 'seal'] as const) {
      const ref = pictures?.refs[key];
      const place = layout?.[key];
      if (!ref || !place) continue;
      const name = key === 'signature' ? 'Sig' : 'Seal';
      xobjects.set(name, ref);
      ops.push(drawImage(name, place));
    }
  }
  const data = latin1Bytes(ops.join('\n'));
  const bbox: PdfValue = [0, 0, width, height];
  const resources = new PdfDict(xobjects.entries.size > 0 ? [['XObject', xobjects]] : []);
  const dict = new PdfDict([
    ['Type', new PdfName('XObject')],
    ['Subtype', new PdfName('Form')],
    ['BBox', bbox],
    ['Resources', resources],
    ['Length', data.length],
  ]);
  return { dict, data };
}

export function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(3).replace(/0+$/, '').replace(/\.$/, '');
}
