/** Where each page sits in the continuous scroll column (pure, so scroll maths is testable). */

export const PAGE_GAP = 16;
export const COLUMN_PADDING = 16;

export interface PageSize {
  width: number;
  height: number;
}

/** Top offset (CSS px) of each page, and the column's total height. */
export function pageOffsets(sizes: readonly PageSize[]): { tops: number[]; total: number } {
  const tops: number[] = [];
  let y = COLUMN_PADDING;
  for (const size of sizes) {
    tops.push(y);
    y += size.height + PAGE_GAP;
  }
  return { tops, total: y - PAGE_GAP + COLUMN_PADDING };
}

/** The page under a line a third of the way down the viewport: what a reader calls "this page". */
export function pageAt(tops: readonly number[], scrollTop: number, viewportHeight: number): number {
  const probe = scrollTop + viewportHeight / 3;
  let lo = 0;
  let hi = tops.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((tops[mid] ?? 0) <= probe) lo = mid;
    else hi = mid - 1;
  }
  return Math.max(0, lo);
}
