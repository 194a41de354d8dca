/**
 * Export for one's records: a copy of the PDF with annotations drawn into the pages (pdf-lib).
 * Coordinates are already PDF user space, so marks land where the viewer drew them; text is
 * turned with the page's /Rotate so it reads upright as on screen. Free text and notes use an
 * embedded Unicode TrueType font (the caller passes DejaVu Sans) so Vietnamese survives.
 */
import fontkit from '@pdf-lib/fontkit';
import {
  BlendMode,
  degrees,
  LineCapStyle,
  PDFDocument,
  rgb,
  type PDFFont,
  type PDFPage,
  type RGB,
} from 'pdf-lib';
import type { Rect } from '../geometry/viewport';
import type { Annotation } from './model';
import { CodedError } from '../errors/coded-error';

export class FlattenError extends CodedError<'unreadable-pdf' | 'encrypted-pdf'> {
  override readonly name = 'FlattenError';
}

export interface FlattenOptions {
  /** A TrueType font with Vietnamese glyphs (DejaVu Sans). */
  fontBytes: Uint8Array;
  /** Prefix notes with their author's name (useful when others' shared marks are included). */
  showAuthors?: boolean;
}

function colour(hex: string): RGB {
  const n = Number.parseInt(hex.slice(1), 16);
  return rgb(((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255);
}

/** Greedy word wrap to `width` points; long words are cut. */
export function wrapText(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) <= width || !line) {
        line = candidate;
      } else {
        lines.push(line);
        line = word;
      }
      while (font.widthOfTextAtSize(line, size) > width && line.length > 1) {
        let cut = line.length - 1;
        while (cut > 1 && font.widthOfTextAtSize(line.slice(0, cut), size) > width) cut--;
        lines.push(line.slice(0, cut));
        line = line.slice(cut);
      }
    }
    lines.push(line);
  }
  return lines;
}

/**
 * The on-screen "top-left" corner of a rect and the reading directions in user space for a
 * page turned by `rotation`: u runs along a line, v goes down to the next line.
 */
function frame(rect: Rect, rotation: number) {
  const [x1, y1, x2, y2] = rect;
  switch (rotation) {
    case 90:
      return { origin: [x1, y1], u: [0, 1], v: [1, 0], width: y2 - y1 } as const;
    case 180:
      return { origin: [x2, y1], u: [-1, 0], v: [0, 1], width: x2 - x1 } as const;
    case 270:
      return { origin: [x2, y2], u: [0, -1], v: [-1, 0], width: y2 - y1 } as const;
    default:
      return { origin: [x1, y2], u: [1, 0], v: [0, -1], width: x2 - x1 } as const;
  }
}

const TEXT_PAD = 2;
const LINE_HEIGHT = 1.15;
const rotationOf = (page: PDFPage) => ((page.getRotation().angle % 360) + 360) % 360;

function drawTextBlock(
  page: PDFPage,
  font: PDFFont,
  text: string | readonly string[],
  rect: Rect,
  size: number,
  color: RGB,
): void {
  const rotation = rotationOf(page);
  const f = frame(rect, rotation);
  const pad = TEXT_PAD;
  const lines =
    typeof text === 'string' ? wrapText(text, font, size, Math.max(f.width - 2 * pad, size)) : text;
  lines.forEach((line, i) => {
    const down = pad + size * (i + 1) * LINE_HEIGHT - size * 0.2;
    page.drawText(line, {
      x: f.origin[0] + f.u[0] * pad + f.v[0] * down,
      y: f.origin[1] + f.u[1] * pad + f.v[1] * down,
      size,
      font,
      color,
      rotate: degrees(rotation),
    });
  });
}

const NOTE_SIZE = 8;
/** The popup's width along a line of text, as on screen. */
const NOTE_WIDTH = 180;

/**
 * Where a note's text goes: a box as tall as its wrapped lines, beside the icon, kept inside
 * the page's visible area (crop box) — flipped to the icon's other side near an edge, shifted
 * up near the bottom, and cut with "…" only if the whole page could not hold it.
 */
function notePopup(
  page: PDFPage,
  font: PDFFont,
  text: string,
  [x, y]: readonly [number, number],
): { box: Rect; lines: string[] } {
  const rotation = rotationOf(page);
  const sideways = rotation === 90 || rotation === 270;
  const crop = page.getCropBox();
  // On screen: `across` runs along a line, `down` from line to line.
  const across = Math.min(NOTE_WIDTH, sideways ? crop.height : crop.width);
  const room = sideways ? crop.width : crop.height;
  const lineHeight = NOTE_SIZE * LINE_HEIGHT;
  let lines = wrapText(text, font, NOTE_SIZE, across - 2 * TEXT_PAD);
  const fits = Math.max(1, Math.floor((room - 2 * TEXT_PAD - NOTE_SIZE * 0.3) / lineHeight));
  if (lines.length > fits) lines = [...lines.slice(0, fits - 1), `${lines[fits - 1] ?? ''}…`];
  const down = 2 * TEXT_PAD + lines.length * lineHeight + NOTE_SIZE * 0.3;
  const [w, h] = sideways ? [down, across] : [across, down];
  const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(v, hi));
  // Right of the icon (14 pt wide, 4 pt gap), else left of it; top level with the anchor.
  let left = x + 18;
  if (left + w > crop.x + crop.width) left = x - 4 - w;
  left = clamp(left, crop.x, crop.x + crop.width - w);
  const bottom = clamp(y - h, crop.y, crop.y + crop.height - h);
  return { box: [left, bottom, left + w, bottom + h], lines };
}

function drawAnnotation(page: PDFPage, font: PDFFont, a: Annotation, options: FlattenOptions) {
  const color = colour(a.color);
  switch (a.kind) {
    case 'highlight':
      for (const q of a.quads) {
        const xs = [q[0], q[2], q[4], q[6]];
        const ys = [q[1], q[3], q[5], q[7]];
        const x = Math.min(...xs);
        const y = Math.min(...ys);
        page.drawRectangle({
          x,
          y,
          width: Math.max(...xs) - x,
          height: Math.max(...ys) - y,
          color,
          opacity: 0.4,
          blendMode: BlendMode.Multiply,
        });
      }
      break;
    case 'ink':
      for (const path of a.paths)
        for (let i = 2; i + 1 < path.length; i += 2)
          page.drawLine({
            start: { x: path[i - 2] as number, y: path[i - 1] as number },
            end: { x: path[i] as number, y: path[i + 1] as number },
            thickness: a.width,
            color,
            lineCap: LineCapStyle.Round,
          });
      break;
    case 'note': {
      const [x, y] = a.at;
      // The icon: a small folded-corner square at the note's anchor (its top-left).
      page.drawRectangle({
        x,
        y: y - 14,
        width: 14,
        height: 14,
        color,
        borderColor: rgb(0.11, 0.11, 0.1),
        borderWidth: 0.8,
      });
      const text = options.showAuthors ? `${a.author.name}: ${a.text}` : a.text;
      if (text) {
        const { box, lines } = notePopup(page, font, text, [x, y]);
        page.drawRectangle({
          x: box[0],
          y: box[1],
          width: box[2] - box[0],
          height: box[3] - box[1],
          color: rgb(1, 0.98, 0.88),
          opacity: 0.9,
          borderColor: color,
          borderWidth: 0.8,
        });
        drawTextBlock(page, font, lines, box, NOTE_SIZE, rgb(0.11, 0.11, 0.1));
      }
      break;
    }
    case 'text':
      drawTextBlock(page, font, a.text, a.rect, a.fontSize, color);
      break;
  }
}

/** A copy of `pdfBytes` with `annotations` drawn in; the input bytes are left untouched. */
export async function flattenAnnotations(
  pdfBytes: Uint8Array,
  annotations: readonly Annotation[],
  options: FlattenOptions,
): Promise<Uint8Array> {
  let pdf: PDFDocument;
  try {
    pdf = await PDFDocument.load(pdfBytes.slice(), { updateMetadata: false });
  } catch (error) {
    const encrypted = /encrypt/i.test(String(error));
    throw new FlattenError(
      encrypted ? 'encrypted-pdf' : 'unreadable-pdf',
      encrypted ? 'The PDF is encrypted.' : 'The PDF could not be read.',
    );
  }
  pdf.registerFontkit(fontkit);
  const font = await pdf.embedFont(options.fontBytes, { subset: true });
  const pages = pdf.getPages();
  for (const a of annotations) {
    const page = pages[a.pageIndex];
    if (page) drawAnnotation(page, font, a, options);
  }
  return pdf.save();
}
