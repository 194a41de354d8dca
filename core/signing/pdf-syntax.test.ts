import { describe, expect, it } from 'vitest';
import { oid, setOf, tlv } from './der';
import { formatPdfDate, parsePdfDate } from './pdf-date';
import type { PdfString } from './pdf-objects';
import {
  PdfDict,
  PdfName,
  PdfRef,
  decodeTextString,
  latin1Bytes,
  serialize,
  textString,
} from './pdf-objects';
import { PdfLexer } from './pdf-parse';
import { readPdf } from './pdf-xref';

const parse = (text: string) => new PdfLexer(latin1Bytes(text)).readValue();

describe('PDF object syntax', () => {
  it('parses dictionaries with refs, names, literal and hex strings, and writes them back', () => {
    const value = parse(
      '<< /Type /Annot /T (a\\(b\\)\\101\\\nc) /H <48 65 6C6> /P 12 0 R /N#20x [1 -2.5 true null] >>',
    );
    expect(value).toBeInstanceOf(PdfDict);
    const dict = value as PdfDict;
    expect(dict.nameOf('Type')).toBe('Annot');
    expect(decodeTextString(dict.get('T') as PdfString)).toBe('a(b)Ac');
    expect(decodeTextString(dict.get('H') as PdfString)).toBe('Hel`');
    expect(dict.get('P')).toEqual(new PdfRef(12, 0));
    expect(dict.get('N x')).toEqual([1, -2.5, true, null]);
    expect(parse(serialize(dict))).toEqual(dict);
  });

  it('writes non-ASCII text strings as UTF-16BE with a byte order mark', () => {
    const s = textString('Nguyễn Tiến Sỹ');
    expect([...s.bytes.subarray(0, 2)]).toEqual([0xfe, 0xff]);
    expect(decodeTextString(s)).toBe('Nguyễn Tiến Sỹ');
    expect(serialize(new PdfName('A B#'))).toBe('/A#20B#23');
  });

  it('formats /M with the time zone and reads it back to the same instant', () => {
    const t = new Date('2026-11-28T03:04:05Z');
    expect(formatPdfDate(t, 420)).toBe("D:20261128100405+07'00'");
    expect(parsePdfDate(formatPdfDate(t, 420))?.toISOString()).toBe(t.toISOString());
    expect(parsePdfDate('D:20261128030405Z')?.toISOString()).toBe(t.toISOString());
  });

  it('DER-sorts SET OF elements by their encodings', () => {
    const long = tlv(0x30, oid('1.2.840.113549.1.9.16.2.47'));
    const short = tlv(0x30, oid('1.2.3'));
    expect(setOf(long, short)).toEqual(setOf(short, long));
    expect([...setOf(long, short).subarray(2, 2 + short.length)]).toEqual([...short]);
  });

  it('rejects non-PDF bytes with a stable code', async () => {
    await expect(readPdf(latin1Bytes('hello'))).rejects.toMatchObject({ code: 'PDF_MALFORMED' });
    await expect(readPdf(latin1Bytes('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n'))).rejects.toMatchObject({
      code: 'PDF_MALFORMED',
    });
  });
});
