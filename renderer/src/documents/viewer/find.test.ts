import { describe, expect, it } from 'vitest';
import { buildPageText, findInPages, hitRangeInItem } from './find';

describe('find in a PDF', () => {
  const page = buildPageText([
    { str: 'Quyết nghị số 12', hasEOL: true },
    { str: 'Hội đồng QUYẾT NGHỊ: ' },
    { str: 'thông qua' },
  ]);

  it('matches Vietnamese words ignoring case; a query with diacritics keeps them', () => {
    expect(findInPages([page], 'quyết nghị').map((h) => [h.start, h.end])).toEqual([
      [0, 10],
      [26, 36],
    ]);
    expect(findInPages([page], 'quyết nghi')).toEqual([]);
    expect(findInPages([page], 'quyet nghị')).toEqual([]);
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

  it('a query without diacritics ignores them on both sides, đ/Đ included', () => {
    const text = 'Về chuyển đổi số. ĐỀ ÁN CHUYỂN ĐỔI SỐ';
    const doc = buildPageText([{ str: text }]);
    const hits = findInPages([doc], 'chuyen doi so');
    expect(hits.map((h) => text.slice(h.start, h.end))).toEqual(['chuyển đổi số', 'CHUYỂN ĐỔI SỐ']);
    expect(findInPages([doc], 'de an').map((h) => text.slice(h.start, h.end))).toEqual(['ĐỀ ÁN']);
    expect(findInPages([page], 'quyet nghi').map((h) => [h.start, h.end])).toEqual([
      [0, 10],
      [26, 36],
    ]);
  });

  it('highlights the right glyphs in decomposed page text, for either form of the query', () => {
    const item = 'Đề án chuyển đổi số'.normalize('NFD');
    const doc = buildPageText([{ str: 'Mục 1 ', hasEOL: true }, { str: item }]);
    for (const query of ['chuyen doi', 'chuyển đổi', 'chuyển đổi'.normalize('NFD')]) {
      const [hit] = findInPages([doc], query);
      expect(hit).toBeDefined();
      if (!hit) return;
      const range = hitRangeInItem(doc, 1, item.length, hit);
      expect(range).not.toBeNull();
      if (!range) return;
      expect(item.slice(...range).normalize('NFC')).toBe('chuyển đổi');
    }
    const [dd] = findInPages([doc], 'de an');
    expect(dd && doc.text.slice(dd.start, dd.end).normalize('NFC')).toBe('Đề án');
  });
});
