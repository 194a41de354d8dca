/**
 * Flows content down A4 pages: a cursor, page breaks, and drawing of laid-out lines with the
 * document's four fonts. Everything is placed in points from the top margin downward.
 */
import { type PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib';
import { A4_POINTS, BODY_SIZE_PT, PAGE_MARGINS } from './layout-rules';
import { type FontStyle, type LaidLine, type Measure, wrapRuns } from './text-layout';
import type { RichRun } from './types';

/** Page and margins from the Decree 30/2020 rules (layout-rules.ts). */
export const A4 = A4_POINTS;
export const MARGINS = PAGE_MARGINS;

export type MinutesFontSet = Readonly<Record<FontStyle, PDFFont>>;

export type Align = 'left' | 'center' | 'right';

export interface TextOptions {
  readonly size?: number;
  readonly align?: Align;
  /** Left edge relative to the content box, and the width to wrap in (default: all of it). */
  readonly x?: number;
  readonly width?: number;
  readonly firstIndent?: number;
  /** Line height as a multiple of the size. */
  readonly leading?: number;
  /** Stretch the spaces so lines (all but a paragraph's last) fill the width. */
  readonly justify?: boolean;
}

/** Beyond this much extra space per gap a justified line looks worse than a ragged one. */
const MAX_JUSTIFY_GAP = 0.6;

export const BODY_SIZE = BODY_SIZE_PT;
export const LEADING = 1.35;

export class PageFlow {
  readonly pages: PDFPage[] = [];
  /** Distance from the page's top edge to the cursor. */
  y = 0;
  private readonly cache = new Map<string, number>();

  constructor(
    private readonly doc: PDFDocument,
    readonly fonts: MinutesFontSet,
  ) {
    this.newPage();
  }

  get page(): PDFPage {
    const page = this.pages[this.pages.length - 1];
    if (!page) throw new Error('no page');
    return page;
  }

  get pageIndex(): number {
    return this.pages.length - 1;
  }

  get contentWidth(): number {
    return A4[0] - MARGINS.left - MARGINS.right;
  }

  get remaining(): number {
    return A4[1] - MARGINS.bottom - this.y;
  }

  /** Absolute x of a content-box offset. */
  left(x: number): number {
    return MARGINS.left + x;
  }

  newPage(): void {
    this.pages.push(this.doc.addPage([A4[0], A4[1]]));
    this.y = MARGINS.top;
  }

  /** Starts a new page unless `height` points still fit on this one (and this one is not empty). */
  ensure(height: number): void {
    if (height > this.remaining && this.y > MARGINS.top + 0.5) this.newPage();
  }

  gap(points: number): void {
    this.y = Math.min(this.y + points, A4[1] - MARGINS.bottom);
  }

  measurer(size: number): Measure {
    return (text, style) => {
      const key = `${style}\u0000${size}\u0000${text}`;
      let w = this.cache.get(key);
      if (w === undefined) {
        w = this.fonts[style].widthOfTextAtSize(text, size);
        this.cache.set(key, w);
      }
      return w;
    };
  }

  wrap(runs: readonly RichRun[], options: TextOptions = {}): LaidLine[] {
    const size = options.size ?? BODY_SIZE;
    const width = options.width ?? this.contentWidth - (options.x ?? 0);
    return wrapRuns(runs, width, this.measurer(size), options.firstIndent ?? 0);
  }

  lineHeight(options: TextOptions = {}): number {
    return (options.size ?? BODY_SIZE) * (options.leading ?? LEADING);
  }

  /** Draws one laid-out line at the cursor, breaking the page first if it does not fit. */
  drawLine(line: LaidLine, options: TextOptions = {}): void {
    const size = options.size ?? BODY_SIZE;
    const height = this.lineHeight(options);
    this.ensure(height);
    const boxX = MARGINS.left + (options.x ?? 0);
    const boxWidth = options.width ?? this.contentWidth - (options.x ?? 0);
    const free = boxWidth - line.width - line.indent;
    const shift = options.align === 'center' ? free / 2 : options.align === 'right' ? free : 0;
    const x = boxX + line.indent + shift;
    if (options.justify && free > 0.5) this.drawJustified(line, x, free, size);
    else this.drawSegments(line, x, this.y + size, size);
    this.y += height;
  }

  /** Draws word by word, spreading `free` points over the line's spaces. */
  private drawJustified(line: LaidLine, x: number, free: number, size: number): void {
    const spaces = line.segments.reduce((n, s) => n + (s.text.match(/ /g)?.length ?? 0), 0);
    const extra = spaces > 0 ? free / spaces : 0;
    if (spaces === 0 || extra > size * MAX_JUSTIFY_GAP) {
      this.drawSegments(line, x, this.y + size, size);
      return;
    }
    const measure = this.measurer(size);
    let shift = 0;
    for (const s of line.segments) {
      let offset = 0;
      for (const [i, word] of s.text.split(' ').entries()) {
        if (i > 0) {
          offset += measure(' ', s.style);
          shift += extra;
        }
        if (word !== '') {
          this.page.drawText(word, {
            x: x + s.x + offset + shift,
            y: A4[1] - this.y - size,
            size,
            font: this.fonts[s.style],
            color: rgb(0, 0, 0),
          });
          offset += measure(word, s.style);
        }
      }
    }
  }

  /** Draws a line with its baseline `baselineFromTop` below the page top, ignoring the cursor. */
  drawSegments(line: LaidLine, x: number, baselineFromTop: number, size: number): void {
    for (const s of line.segments) {
      if (s.text.trim() === '') continue;
      this.page.drawText(s.text, {
        x: x + s.x,
        y: A4[1] - baselineFromTop,
        size,
        font: this.fonts[s.style],
        color: rgb(0, 0, 0),
      });
    }
  }

  /** Wraps and draws runs; returns the number of lines. */
  text(runs: readonly RichRun[], options: TextOptions = {}): number {
    const lines = this.wrap(runs, options);
    lines.forEach((line, i) => {
      // A paragraph's last line, and lines ended by a hard break, stay ragged.
      const justify = !!options.justify && i < lines.length - 1 && !line.hardBreak;
      this.drawLine(line, { ...options, justify });
    });
    return lines.length;
  }

  /** Horizontal rule from x1 to x2 (content-box coordinates) at `fromTop` below the page top. */
  rule(x1: number, x2: number, fromTop: number, thickness = 0.8): void {
    this.page.drawLine({
      start: { x: MARGINS.left + x1, y: A4[1] - fromTop },
      end: { x: MARGINS.left + x2, y: A4[1] - fromTop },
      thickness,
      color: rgb(0, 0, 0),
    });
  }
}
