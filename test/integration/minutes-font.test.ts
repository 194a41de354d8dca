/**
 * The minutes' shipped font (assets/fonts/liberation-serif): every Vietnamese letter with every
 * tone is in each face's cmap, the faces are the family the layout rules name, with Times New
 * Roman's metrics, and the generated PDF embeds them under that name.
 */
import fontkit from '@pdf-lib/fontkit';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem } from 'pdfjs-dist/types/src/display/api';
import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { renderMinutesPdf } from '../../core/minutes';
import { DECREE_30_LAYOUT } from '../../core/minutes/layout-rules';
import { sampleMinutes } from '../../core/minutes/testing';
import { VIETNAMESE_LETTERS } from '../../core/minutes/vietnamese-letters';
import { minutesFonts } from '../helpers/minutes-fonts';

const faces = Object.entries(minutesFonts()) as [string, Uint8Array][];

describe('the minutes font', () => {
  it('is four faces of the family the layout rules name', () => {
    expect(faces.map(([style]) => style)).toEqual(['regular', 'bold', 'italic', 'boldItalic']);
    for (const [, bytes] of faces) {
      const font = fontkit.create(bytes);
      expect(font.familyName).toBe(DECREE_30_LAYOUT.font.family);
      expect(font.postscriptName?.startsWith(DECREE_30_LAYOUT.font.postScriptName)).toBe(true);
    }
  });

  it('has a glyph for every Vietnamese letter with every tone, in every face', () => {
    expect(VIETNAMESE_LETTERS).toHaveLength(186);
    expect(new Set(VIETNAMESE_LETTERS).size).toBe(186);
    for (const letter of VIETNAMESE_LETTERS) expect([...letter]).toHaveLength(1);
    for (const [style, bytes] of faces) {
      const font = fontkit.create(bytes);
      const missing = VIETNAMESE_LETTERS.filter(
        (l) => !font.hasGlyphForCodePoint(l.codePointAt(0) ?? 0),
      );
      expect(missing, style).toEqual([]);
    }
  });

  it('has Times New Roman widths (metric-compatible), not a wider serif', () => {
    const font = fontkit.create(faces[0]?.[1] ?? new Uint8Array());
    // Times New Roman Regular: 2048 units per em, "n" 1024, "m" 1593, space 512.
    const width = (c: string) => font.glyphForCodePoint(c.codePointAt(0) ?? 0).advanceWidth;
    expect(font.unitsPerEm).toBe(2048);
    expect([width('n'), width('m'), width(' ')]).toEqual([1024, 1593, 512]);
  });

  it('is embedded in the minutes under its own name, with every letter the minutes print', async () => {
    const pdf = await renderMinutesPdf(
      { ...sampleMinutes(), meetingTitle: VIETNAMESE_LETTERS.join('') },
      minutesFonts(),
    );
    const doc = await PDFDocument.load(pdf);
    const names: string[] = [];
    for (const [, object] of doc.context.enumerateIndirectObjects())
      if (
        object instanceof PDFDict &&
        object.get(PDFName.of('Type')) === PDFName.of('FontDescriptor')
      ) {
        expect(object.has(PDFName.of('FontFile2'))).toBe(true);
        names.push(String(object.get(PDFName.of('FontName'))));
      }
    expect(names.sort()).toEqual([
      '/DHMINB+LiberationSerif-Bold',
      '/DHMINI+LiberationSerif-Italic',
      '/DHMINJ+LiberationSerif-BoldItalic',
      '/DHMINR+LiberationSerif',
    ]);
    // pdf.js reads every letter back from the page (the title holds them all).
    const reader = await getDocument({ data: pdf.slice(), useSystemFonts: false }).promise;
    const content = await (await reader.getPage(1)).getTextContent();
    const printed = content.items.map((i) => (i as TextItem).str ?? '').join('');
    await reader.destroy();
    expect(VIETNAMESE_LETTERS.filter((l) => !printed.includes(l))).toEqual([]);
  });
});
