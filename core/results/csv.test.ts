import { describe, expect, it } from 'vitest';
import { CSV_BOM, csvCell, toCsv } from './csv';

describe('csvCell', () => {
  it.each<[string | number, string]>([
    ['Tán thành', 'Tán thành'],
    [40, '40'],
    [57.14, '57.14'],
    ['a,b', '"a,b"'],
    ['nói "có"', '"nói ""có"""'],
    ['hai\ndòng', '"hai\ndòng"'],
    // Formula injection: = + - @ (and tab / CR) are made plain text.
    ['=1+1', "'=1+1"],
    ['+84 912', "'+84 912"],
    ['-5', "'-5"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['=HYPERLINK("u","x")', '"\'=HYPERLINK(""u"",""x"")"'],
    // Numbers are ours, never user text: a number is not prefixed.
    [0, '0'],
  ])('%j → %s', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('normalises text to NFC (precomposed Vietnamese letters)', () => {
    expect(csvCell('Hủy'.normalize('NFD'))).toBe('Hủy'.normalize('NFC'));
  });
});

describe('toCsv', () => {
  it('starts with the BOM and ends every record with CRLF', () => {
    const text = toCsv([
      ['a', 'b'],
      ['1', 'x,y'],
    ]);
    expect(text.startsWith(CSV_BOM)).toBe(true);
    expect(text.slice(1)).toBe('a,b\r\n1,"x,y"\r\n');
  });
});
