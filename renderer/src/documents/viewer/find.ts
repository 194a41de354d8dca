/**
 * Text search over a PDF's pages. Page text is the text layer's items joined, so a hit maps back
 * to the spans the text layer draws. Matching ignores case (Vietnamese rules) but not diacritics:
 * "nghị" and "nghi" are different words in Vietnamese.
 */

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

export const normalizeForFind = (s: string): string => s.normalize('NFC').toLocaleLowerCase('vi');

/** Every occurrence of `query` in each page, in reading order. */
export function findInPages(pages: readonly (PageText | undefined)[], query: string): FindHit[] {
  const needle = normalizeForFind(query.trim());
  if (needle.length === 0) return [];
  const hits: FindHit[] = [];
  pages.forEach((page, pageIndex) => {
    if (!page) return;
    // Offsets must stay valid for the page text: use the normalized form only if it kept length.
    const normalized = normalizeForFind(page.text);
    const hay =
      normalized.length === page.text.length ? normalized : page.text.toLocaleLowerCase('vi');
    for (let at = hay.indexOf(needle); at !== -1; at = hay.indexOf(needle, at + needle.length))
      hits.push({ pageIndex, start: at, end: at + needle.length });
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
