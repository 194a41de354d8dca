/**
 * Text search over a PDF's pages. Page text is the text layer's items joined, so a hit maps back
 * to the spans the text layer draws. Matching ignores case (Vietnamese rules). A query typed
 * without diacritics ignores them on both sides ("chuyen doi so" finds "chuyển đổi số", đ = d),
 * since many people type without them; a query with diacritics keeps them, because "nghị" and
 * "nghi" are different words. Hits are offsets in the original page text either way.
 */
import { foldText, hasDiacritics, originalRange, type FoldMode } from '../../../../core/text/fold';

export interface PageText {
  /** The items' strings joined, in text layer order (an end of line adds one space). */
  text: string;
  /** Start offset of each item in `text`. */
  itemStarts: number[];
}

export interface FindHit {
  pageIndex: number;
  /** Offsets in the page text. */
  start: number;
  end: number;
}

export function buildPageText(items: readonly { str: string; hasEOL?: boolean }[]): PageText {
  let text = '';
  const itemStarts: number[] = [];
  for (const item of items) {
    itemStarts.push(text.length);
    text += item.str;
    if (item.hasEOL) text += ' ';
  }
  return { text, itemStarts };
}

/** Every occurrence of `query` in each page, in reading order. */
export function findInPages(pages: readonly (PageText | undefined)[], query: string): FindHit[] {
  const trimmed = query.trim();
  const mode: FoldMode = hasDiacritics(trimmed) ? 'case' : 'diacritics';
  const needle = foldText(trimmed, mode).text;
  if (needle.length === 0) return [];
  const hits: FindHit[] = [];
  pages.forEach((page, pageIndex) => {
    if (!page) return;
    const hay = foldText(page.text, mode);
    for (
      let at = hay.text.indexOf(needle);
      at !== -1;
      at = hay.text.indexOf(needle, at + needle.length)
    ) {
      const [start, end] = originalRange(hay, at, at + needle.length);
      hits.push({ pageIndex, start, end });
    }
  });
  return hits;
}
/** The part of item `index` that a hit covers, as [from, to) offsets in the item's string. */
export function hitRangeInItem(
  page: PageText,
  index: number,
  itemLength: number,
  hit: Pick<FindHit, 'start' | 'end'>,
): [number, number] | null {
  const itemStart = page.itemStarts[index] ?? 0;
  const from = Math.max(hit.start, itemStart) - itemStart;
  const to = Math.min(hit.end, itemStart + itemLength) - itemStart;
  return from < to ? [from, to] : null;
}
