/**
 * Text folded for matching, with a map back to the original offsets, so a match found in the
 * folded text can be highlighted on the original glyphs. Vietnamese text arrives precomposed
 * (NFC) or decomposed (NFD, from some PDF producers and macOS input); both fold the same.
 */

export interface FoldedText {
  /** The folded text that matching runs on. */
  readonly text: string;
  /** For each UTF-16 unit of `text`, the [start, end) range in the original it came from. */
  readonly starts: readonly number[];
  readonly ends: readonly number[];
}

export type FoldMode =
  /** Ignore case only: "Nghị" = "nghị" ≠ "nghi". */
  | 'case'
  /** Ignore case and diacritics, đ counts as d: "chuyen doi so" = "Chuyển đổi số". */
  | 'diacritics';

const COMBINING = /\p{M}/u;
const COMBINING_ALL = /\p{M}/gu;

/** One letter with the combining marks that follow it, folded. */
function foldCluster(cluster: string, mode: FoldMode): string {
  if (mode === 'case') return cluster.normalize('NFC').toLocaleLowerCase('vi');
  return cluster
    .normalize('NFD')
    .replace(COMBINING_ALL, '')
    .replace(/[đĐ]/g, 'd')
    .toLocaleLowerCase('vi');
}

/** Folds `text` for matching; see FoldMode. */
export function foldText(text: string, mode: FoldMode): FoldedText {
  let out = '';
  const starts: number[] = [];
  const ends: number[] = [];
  let i = 0;
  while (i < text.length) {
    const start = i;
    i += (text.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
    // The combining marks after a letter belong to it, so a highlight never splits them off.
    while (i < text.length && COMBINING.test(text[i] ?? '')) i += 1;
    const folded = foldCluster(text.slice(start, i), mode);
    for (let k = 0; k < folded.length; k += 1) {
      starts.push(start);
      ends.push(i);
    }
    out += folded;
  }
  return { text: out, starts, ends };
}

/** Whether `text` carries any Vietnamese diacritic (tone mark, circumflex, breve, horn, đ). */
export function hasDiacritics(text: string): boolean {
  return /[đĐ]/.test(text) || COMBINING.test(text.normalize('NFD'));
}

/** The original [start, end) range of the folded range [from, to). */
export function originalRange(folded: FoldedText, from: number, to: number): [number, number] {
  const start = folded.starts[from] ?? 0;
  const end = folded.ends[to - 1] ?? start;
  return [start, end];
}
