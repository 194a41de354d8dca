import { describe, expect, it } from 'vitest';
import { buildPageText, findInPages, hitRangeInItem } from './find';

describe('find in a PDF', () => {
  const page = buildPageText([
    { str: 'Quyết nghị số 12', hasEOL: true },
    { str: 'Hội đồng QUYẾT NGHỊ: ' },
    { str: 'thông qua' },
  ]);

  it('matches Vietnamese words ignoring case but not diacritics', () => {
    expect(findInPages([page], 'quyết nghị').map((h) => [h.start, h.end])).toEqual([
      [0, 10],
      [26, 36],
    ]);
    expect(findInPages([page], 'quyet nghi')).toEqual([]);
    expect(findInPages([page, undefined, page], 'thông qua').map((h) => h.pageIndex)).toEqual([
      0, 2,
    ]);
    expect(findInPages([page], '   ')).toEqual([]);
  });

  it('maps a hit that spans two text items back to each item', () => {
    const [hit] = findInPages([page], 'nghị: thông');
    expect(hit).toBeDefined();
    if (!hit) return;
    expect(hitRangeInItem(page, 1, 'Hội đồng QUYẾT NGHỊ: '.length, hit)).toEqual([15, 21]);
    expect(hitRangeInItem(page, 2, 'thông qua'.length, hit)).toEqual([0, 5]);
    expect(hitRangeInItem(page, 0, 'Quyết nghị số 12'.length, hit)).toBeNull();
  });
});
