import { describe, expect, it } from 'vitest';
import { foldText, hasDiacritics, originalRange } from './fold';
import { newStyleToneMarks } from './tone-marks';

describe('tone-mark spelling', () => {
  it('finds the new-style placement at the end of a syllable', () => {
    expect(newStyleToneMarks('Chủ toạ hoà giải, Huỷ, XOÁ, khoẻ, Thuỳ')).toEqual([
      'toạ',
      'hoà',
      'Huỷ',
      'XOÁ',
      'khoẻ',
      'Thuỳ',
    ]);
  });

  it('accepts the traditional placement, "qu", and marks before a final consonant', () => {
    expect(newStyleToneMarks('Chủ tọa hòa giải, Hủy, XÓA, khỏe, quý, Quỹ, toán, thuyết')).toEqual(
      [],
    );
  });

  it('reads decomposed text as its NFC form', () => {
    expect(newStyleToneMarks('Huỷ'.normalize('NFD'))).toEqual(['Huỷ']);
  });
});

describe('folding for find', () => {
  it('folds diacritics, đ/Đ and case', () => {
    expect(foldText('Chuyển Đổi số', 'diacritics').text).toBe('chuyen doi so');
    expect(foldText('ĐẠI HỘI đại biểu', 'diacritics').text).toBe('dai hoi dai bieu');
    expect(foldText('Nghị', 'case').text).toBe('nghị');
  });

  it('folds precomposed and decomposed input alike and maps back to the original', () => {
    const nfd = 'Về chuyển đổi số'.normalize('NFD');
    const folded = foldText(nfd, 'diacritics');
    expect(folded.text).toBe('ve chuyen doi so');
    const at = folded.text.indexOf('chuyen');
    const [start, end] = originalRange(folded, at, at + 'chuyen'.length);
    expect(nfd.slice(start, end).normalize('NFC')).toBe('chuyển');
    // The marks after the last letter go with it.
    const [s2, e2] = originalRange(folded, folded.text.length - 2, folded.text.length);
    expect(nfd.slice(s2, e2).normalize('NFC')).toBe('số');
    expect(foldText(nfd, 'case').text).toBe('về chuyển đổi số');
  });

  it('tells a query with diacritics from one without', () => {
    expect(hasDiacritics('chuyen doi so')).toBe(false);
    expect(hasDiacritics('chuyển')).toBe(true);
    expect(hasDiacritics('dd Đ')).toBe(true);
    expect(hasDiacritics('chuyển'.normalize('NFD'))).toBe(true);
  });
});
