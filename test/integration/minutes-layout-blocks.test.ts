/**
 * The end of the minutes, measured (Decree 30/2020, Phụ lục I): the signature blocks with and
 * without an authority prefix, level fields with the title centred above each and the name
 * below, and the "Nơi nhận" block at the left margin under them, in its sizes and faces, read
 * back from the PDF with pdf.js.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem } from 'pdfjs-dist/types/src/display/api';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderMinutesPdf, type MinutesData } from '../../core/minutes';
import { DECREE_30_LAYOUT, MM, PAGE_MARGINS } from '../../core/minutes/layout-rules';
import { SAMPLE_CHAIR, SAMPLE_SECRETARY, sampleMinutes } from '../../core/minutes/testing';
import { minutesFonts } from '../helpers/minutes-fonts';

interface Glyphs {
  readonly text: string;
  readonly x: number;
  readonly baseline: number;
  readonly width: number;
  readonly size: number;
  readonly font: string;
}

interface LastPage {
  readonly items: Glyphs[];
  readonly fields: Map<string, [number, number, number, number]>;
}

async function lastPage(pdf: Uint8Array): Promise<LastPage> {
  const doc = await getDocument({ data: pdf.slice(), useSystemFonts: false }).promise;
  const page = await doc.getPage(doc.numPages);
  const content = await page.getTextContent();
  await page.getOperatorList();
  const fontName = (id: string) => (page.commonObjs.get(id) as { name: string }).name;
  const items = content.items
    .filter((i): i is TextItem => 'str' in i && i.str.trim() !== '')
    .map((i) => ({
      text: i.str,
      x: i.transform[4] as number,
      baseline: i.transform[5] as number,
      width: i.width,
      size: Math.hypot(i.transform[0] as number, i.transform[1] as number),
      font: fontName(i.fontName),
    }));
  const fields = new Map<string, [number, number, number, number]>();
  for (const a of (await page.getAnnotations()) as { fieldName?: string; rect: number[] }[])
    if (a.fieldName) fields.set(a.fieldName, a.rect as [number, number, number, number]);
  await doc.destroy();
  return { items, fields };
}

const find = (page: LastPage, text: string): Glyphs => {
  const g = page.items.find((i) => i.text === text);
  if (!g) throw new Error(`"${text}" is not on the last page: ${page.items.map((i) => i.text)}`);
  return g;
};

const centre = (g: Glyphs) => g.x + g.width / 2;
const FACE = DECREE_30_LAYOUT.font.postScriptName;

function withBlocks(): MinutesData {
  const base = sampleMinutes();
  return {
    ...base,
    chair: { ...base.chair, authority: { kind: 'TM', onBehalfOf: 'Ban Chấp hành' } },
    recipients: {
      to: ['Ban Thường vụ Công đoàn Viên chức Việt Nam', 'Các ủy viên Ban Chấp hành'],
      archive: 'VT, CĐ',
    },
  };
}

let plain: LastPage;
let blocks: LastPage;

beforeAll(async () => {
  plain = await lastPage(await renderMinutesPdf(sampleMinutes(), minutesFonts()));
  blocks = await lastPage(await renderMinutesPdf(withBlocks(), minutesFonts()));
}, 60_000);

describe('signature blocks', () => {
  it('plain: "THƯ KÝ" and "CHỦ TỌA", bold 13 pt, centred over level fields, names below', () => {
    const secretary = plain.fields.get('secretary');
    const chair = plain.fields.get('chair');
    if (!secretary || !chair) throw new Error('no signature fields');
    expect(secretary[3]).toBeCloseTo(chair[3], 3);
    for (const [title, name, rect] of [
      ['THƯ KÝ', SAMPLE_SECRETARY, secretary],
      ['CHỦ TỌA', SAMPLE_CHAIR, chair],
    ] as const) {
      const t = find(plain, title);
      const n = find(plain, name);
      expect(t.font).toBe(`DHMINB+${FACE}-Bold`);
      expect(n.font).toBe(`DHMINB+${FACE}-Bold`);
      expect(t.size).toBeCloseTo(DECREE_30_LAYOUT.signerSizePt.min, 2);
      const middle = (rect[0] + rect[2]) / 2;
      expect(Math.abs(centre(t) - middle)).toBeLessThan(1);
      expect(Math.abs(centre(n) - middle)).toBeLessThan(1);
      expect(t.baseline).toBeGreaterThan(rect[3]);
      expect(n.baseline + n.size).toBeLessThan(rect[1]);
    }
    expect(plain.items.some((g) => g.text.startsWith('Nơi nhận'))).toBe(false);
  });

  it('with an authority: "TM. BAN CHẤP HÀNH", then the position, fields still level', () => {
    const chair = blocks.fields.get('chair');
    const secretary = blocks.fields.get('secretary');
    if (!chair || !secretary) throw new Error('no signature fields');
    expect(secretary[3]).toBeCloseTo(chair[3], 3);
    const prefix = find(blocks, 'TM. BAN CHẤP HÀNH');
    const position = find(blocks, 'CHỦ TỊCH CÔNG ĐOÀN');
    const middle = (chair[0] + chair[2]) / 2;
    for (const g of [prefix, position]) {
      expect(g.font).toBe(`DHMINB+${FACE}-Bold`);
      expect(g.size).toBeCloseTo(13, 2);
      expect(Math.abs(centre(g) - middle)).toBeLessThan(1);
      expect(g.baseline).toBeGreaterThan(chair[3]);
    }
    expect(prefix.baseline).toBeGreaterThan(position.baseline);
    expect(blocks.items.some((g) => g.text === 'CHỦ TỌA')).toBe(false);
    expect(find(blocks, 'THƯ KÝ').baseline).toBeCloseTo(prefix.baseline, 2);
  });
});

describe('"Nơi nhận"', () => {
  it('stands at the left margin under the signatures: label bold italic 12 pt, list 11 pt', () => {
    const label = find(blocks, 'Nơi nhận:');
    expect(label.font).toBe(`DHMINJ+${FACE}-BoldItalic`);
    expect(label.size).toBeCloseTo(DECREE_30_LAYOUT.recipientsLabelSizePt, 2);
    expect(Math.abs(label.x - PAGE_MARGINS.left)).toBeLessThan(0.5);
    const names = [find(blocks, SAMPLE_SECRETARY), find(blocks, SAMPLE_CHAIR)];
    for (const n of names) expect(label.baseline).toBeLessThan(n.baseline - n.size);
    const lines = [
      '- Ban Thường vụ Công đoàn Viên chức Việt Nam;',
      '- Các ủy viên Ban Chấp hành;',
      '- Lưu: VT, CĐ.',
    ].map((t) => find(blocks, t));
    let above = label.baseline;
    for (const g of lines) {
      expect(g.font).toBe(`DHMINR+${FACE}`);
      expect(g.size).toBeCloseTo(DECREE_30_LAYOUT.recipientsSizePt, 2);
      expect(Math.abs(g.x - PAGE_MARGINS.left)).toBeLessThan(0.5);
      expect(g.baseline).toBeLessThan(above);
      above = g.baseline;
    }
    // Still above the bottom margin.
    expect(above).toBeGreaterThan(DECREE_30_LAYOUT.marginsMm.bottom.min * MM);
  });
});
