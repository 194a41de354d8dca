import { describe, expect, it } from 'vitest';
import { COLUMN_PADDING, PAGE_GAP, pageAt, pageOffsets } from './layout';
import { stepZoom, zoomFactor } from './zoom';

describe('page column layout', () => {
  const sizes = [
    { width: 600, height: 800 },
    { width: 800, height: 600 },
    { width: 600, height: 800 },
  ];

  it('stacks pages with a gap and finds the page a reader is on', () => {
    const { tops, total } = pageOffsets(sizes);
    expect(tops).toEqual([
      COLUMN_PADDING,
      COLUMN_PADDING + 800 + PAGE_GAP,
      COLUMN_PADDING + 1400 + 2 * PAGE_GAP,
    ]);
    expect(total).toBe(2200 + 2 * PAGE_GAP + 2 * COLUMN_PADDING);
    expect(pageAt(tops, 0, 600)).toBe(0);
    expect(pageAt(tops, tops[1] ?? 0, 600)).toBe(1);
    expect(pageAt(tops, total, 600)).toBe(2);
  });
});

describe('zoom', () => {
  const a4 = { width: 595, height: 842 };
  it('fits width and page into the viewer box', () => {
    // 100% is real size: 595 pt = 793 CSS px.
    expect(zoomFactor('page-width', a4, { width: 793 + 32, height: 500 })).toBeCloseTo(1, 2);
    expect(zoomFactor('page-fit', a4, { width: 2000, height: 1122 + 32 })).toBeCloseTo(1, 2);
    expect(zoomFactor(9, a4, { width: 10, height: 10 })).toBe(4);
  });
  it('steps through the levels between 50% and 400%', () => {
    expect(stepZoom(1, 1)).toBe(1.1);
    expect(stepZoom(1, -1)).toBe(0.9);
    expect(stepZoom(1.17, 1)).toBe(1.25);
    expect(stepZoom(4, 1)).toBe(4);
    expect(stepZoom(0.5, -1)).toBe(0.5);
  });
});
