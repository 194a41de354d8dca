import { describe, expect, it } from 'vitest';
import { A4_POINTS, DECREE_30_LAYOUT, MM, PAGE_MARGINS, checkPages, within } from './layout-rules';
import { A4, BODY_SIZE, MARGINS } from './page-flow';

const page = { widthMm: 210, heightMm: 297, leftMm: 30, rightMm: 15, topMm: 20, bottomMm: 24 };

describe('Decree 30/2020 layout rules', () => {
  it('are what the renderer uses: A4, margins and body size inside the ranges', () => {
    expect(A4).toBe(A4_POINTS);
    expect(A4[0] / MM).toBeCloseTo(210, 6);
    expect(A4[1] / MM).toBeCloseTo(297, 6);
    expect(MARGINS).toBe(PAGE_MARGINS);
    for (const side of ['top', 'bottom', 'left', 'right'] as const)
      expect(within(MARGINS[side] / MM, DECREE_30_LAYOUT.marginsMm[side])).toBe(true);
    expect(within(BODY_SIZE, DECREE_30_LAYOUT.bodySizePt)).toBe(true);
  });

  it('accept a page set at the margins', () => {
    expect(checkPages([page, { ...page, leftMm: 45, rightMm: 60 }])).toEqual([]);
  });

  it('refuse a glyph inside any margin, and a page that is not A4', () => {
    expect(checkPages([{ ...page, leftMm: 25 }])).toEqual([
      { rule: 'margin', side: 'left', page: 0 },
    ]);
    expect(checkPages([page, { ...page, rightMm: 12, bottomMm: 10 }])).toEqual([
      { rule: 'margin', side: 'right', page: 1 },
      { rule: 'margin', side: 'bottom', page: 1 },
    ]);
    expect(checkPages([{ ...page, topMm: 18 }])).toEqual([
      { rule: 'margin', side: 'top', page: 0 },
    ]);
    expect(checkPages([{ ...page, widthMm: 215.9, heightMm: 279.4 }])).toEqual([
      { rule: 'page-size', page: 0 },
    ]);
  });

  it('refuse a text box set further in than the decree allows (the old 2.5 cm is too little)', () => {
    expect(
      checkPages([
        { ...page, leftMm: 40 },
        { ...page, leftMm: 38 },
      ]),
    ).toEqual([{ rule: 'margin', side: 'left', page: -1 }]);
    expect(checkPages([{ ...page, rightMm: 22, topMm: 30 }])).toEqual([
      { rule: 'margin', side: 'right', page: -1 },
      { rule: 'margin', side: 'top', page: -1 },
    ]);
  });
});
