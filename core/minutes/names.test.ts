import { describe, expect, it } from 'vitest';
import { compareVietnameseNames, givenName } from './names';

describe('Vietnamese name order', () => {
  it('takes the last word as the given name', () => {
    expect(givenName('  Nguyễn Tiến  Sỹ ')).toEqual({ given: 'Sỹ', rest: 'Nguyễn Tiến' });
    expect(givenName('Hùng')).toEqual({ given: 'Hùng', rest: '' });
  });

  it('sorts by given name, then by family and middle names', () => {
    const names = [
      'Nguyễn Tiến Sỹ',
      'Trần Thị Hồng Nhung',
      'Lê Văn Dũng',
      'Đặng Quốc Việt',
      'Vũ Thị Ngọc Ánh',
      'Phạm Thị Thu Hằng',
      'Nguyễn Văn An',
      'Bùi Văn An',
    ];
    expect([...names].sort(compareVietnameseNames)).toEqual([
      'Bùi Văn An',
      'Nguyễn Văn An',
      'Vũ Thị Ngọc Ánh',
      'Lê Văn Dũng',
      'Phạm Thị Thu Hằng',
      'Trần Thị Hồng Nhung',
      'Nguyễn Tiến Sỹ',
      'Đặng Quốc Việt',
    ]);
  });

  it('uses Vietnamese letter order: d before đ, a before ă before â', () => {
    expect(['Đức', 'Dung'].map((g) => `Lê ${g}`).sort(compareVietnameseNames)).toEqual([
      'Lê Dung',
      'Lê Đức',
    ]);
    expect(['Lê Ân', 'Lê Ăn', 'Lê An'].sort(compareVietnameseNames)).toEqual([
      'Lê An',
      'Lê Ăn',
      'Lê Ân',
    ]);
  });
});
