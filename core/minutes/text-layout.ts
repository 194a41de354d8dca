/**
 * Line breaking for styled runs: breaks at spaces, measures with the real font, and splits a
 * word wider than the line only between grapheme clusters (never inside "ễ" or a multi-code-unit
 * character). Pure: the caller supplies the measuring function.
 */
import type { RichRun } from './types';

export type FontStyle = 'regular' | 'bold' | 'italic' | 'boldItalic';

/** Width in points of `text` in `style` at the size being laid out. */
export type Measure = (text: string, style: FontStyle) => number;

export interface LineSegment {
  readonly text: string;
  readonly style: FontStyle;
  /** Offset from the line's start. */
  readonly x: number;
  readonly width: number;
}

export interface LaidLine {
  readonly segments: readonly LineSegment[];
  readonly width: number;
  /** Extra offset of this line (first-line indent). */
  readonly indent: number;
  /** The line ends at a "\n" or the end of the text, not at a wrap. */
  readonly hardBreak: boolean;
}

interface Piece {
  text: string;
  style: FontStyle;
}

export function styleOf(run: Pick<RichRun, 'bold' | 'italic'>): FontStyle {
  if (run.bold && run.italic) return 'boldItalic';
  if (run.bold) return 'bold';
  return run.italic ? 'italic' : 'regular';
}

const segmenter = new Intl.Segmenter('vi', { granularity: 'grapheme' });

export function graphemes(text: string): string[] {
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

interface Word {
  readonly pieces: Piece[];
  /** Style of the space before the word: that of the run the space was typed in. */
  readonly space: FontStyle;
}

/** Splits runs into hard lines (at "\n"), each a list of words; a word is styled pieces. */
function hardLines(runs: readonly RichRun[]): Word[][] {
  const lines: Word[][] = [[]];
  let word: Word | undefined;
  let space: FontStyle = 'regular';
  for (const run of runs) {
    const style = styleOf(run);
    for (const token of run.text.split(/(\n|[ \t\u00a0]+)/)) {
      if (token === '') continue;
      if (token === '\n') {
        word = undefined;
        lines.push([]);
      } else if (/^[ \t\u00a0]+$/.test(token)) {
        word = undefined;
        space = style;
      } else {
        if (!word) {
          word = { pieces: [], space };
          lines[lines.length - 1]?.push(word);
        }
        word.pieces.push({ text: token, style });
        space = style;
      }
    }
  }
  return lines;
}

class LineBuilder {
  readonly lines: LaidLine[] = [];
  private pieces: { piece: Piece; x: number; width: number }[] = [];
  private width = 0;

  constructor(
    private readonly measure: Measure,
    private readonly maxWidth: number,
    private readonly firstIndent: number,
  ) {}

  get room(): number {
    return this.maxWidth - (this.lines.length === 0 ? this.firstIndent : 0) - this.width;
  }

  get empty(): boolean {
    return this.pieces.length === 0;
  }

  add(piece: Piece, width: number): void {
    this.pieces.push({ piece, x: this.width, width });
    this.width += width;
  }

  space(style: FontStyle): number {
    return this.measure(' ', style);
  }

  finish(hardBreak = false): void {
    const segments: LineSegment[] = [];
    for (const { piece, x, width } of this.pieces) {
      const last = segments[segments.length - 1];
      if (last && last.style === piece.style && Math.abs(last.x + last.width - x) < 1e-6) {
        segments[segments.length - 1] = {
          ...last,
          text: last.text + piece.text,
          width: last.width + width,
        };
      } else segments.push({ text: piece.text, style: piece.style, x, width });
    }
    const indent = this.lines.length === 0 ? this.firstIndent : 0;
    this.lines.push({ segments, width: this.width, indent, hardBreak });
    this.pieces = [];
    this.width = 0;
  }
}

/** Places a word too wide for any line, grapheme by grapheme. */
function placeLongWord(b: LineBuilder, word: Piece[], measure: Measure): void {
  for (const piece of word) {
    let chunk = '';
    for (const g of graphemes(piece.text)) {
      const w = measure(chunk + g, piece.style);
      if (w > b.room && (chunk !== '' || !b.empty)) {
        if (chunk !== '') b.add({ text: chunk, style: piece.style }, measure(chunk, piece.style));
        b.finish();
        chunk = g;
      } else chunk += g;
    }
    if (chunk !== '') b.add({ text: chunk, style: piece.style }, measure(chunk, piece.style));
  }
}

/**
 * Breaks styled runs into lines no wider than `maxWidth` (the first line `firstIndent` narrower).
 * Runs of spaces collapse to one; "\n" forces a break; an empty hard line stays an empty line.
 */
export function wrapRuns(
  runs: readonly RichRun[],
  maxWidth: number,
  measure: Measure,
  firstIndent = 0,
): LaidLine[] {
  const b = new LineBuilder(measure, maxWidth, firstIndent);
  for (const words of hardLines(runs)) {
    for (const { pieces, space } of words) {
      const widths = pieces.map((p) => measure(p.text, p.style));
      const total = widths.reduce((s, w) => s + w, 0);
      const gap = b.empty ? 0 : b.space(space);
      if (gap + total <= b.room) {
        if (gap > 0) b.add({ text: ' ', style: space }, gap);
        pieces.forEach((p, i) => b.add(p, widths[i] ?? 0));
        continue;
      }
      if (!b.empty) b.finish();
      if (total <= b.room) pieces.forEach((p, i) => b.add(p, widths[i] ?? 0));
      else placeLongWord(b, pieces, measure);
    }
    b.finish(true);
  }
  return b.lines;
}
