/**
 * The generated minutes measured against the Decree 30/2020 layout (core/minutes/layout-rules.ts):
 * page size, margins, sizes and fonts read back from the PDF itself with pdf.js, fonts embedded
 * (pdf-lib), and every sentence the secretary typed printed once, in its place (pdftotext).
 * PNGs of pages 1 and last (1366 px wide) go to test/output/ to be looked at.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem } from 'pdfjs-dist/types/src/display/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderMinutesPdf, type MinutesData } from '../../core/minutes';
import {
  DECREE_30_LAYOUT,
  MM,
  checkPages,
  within,
  type MeasuredPage,
} from '../../core/minutes/layout-rules';
import { longSampleMinutes, sampleMinutes } from '../../core/minutes/testing';
import { minutesFonts } from '../helpers/minutes-fonts';
import { pdftotext } from '../helpers/pdf-judges';

const OUTPUT = new URL('../output/', import.meta.url).pathname;

interface Glyphs {
  readonly text: string;
  readonly x: number;
  readonly baseline: number;
  readonly width: number;
  readonly size: number;
  readonly font: string;
}

interface PageText {
  readonly width: number;
  readonly height: number;
  readonly items: Glyphs[];
}

async function readPages(pdf: Uint8Array): Promise<PageText[]> {
  const doc = await getDocument({ data: pdf.slice(), useSystemFonts: false }).promise;
  const pages: PageText[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const [, , width, height] = page.view as [number, number, number, number];
    const content = await page.getTextContent();
    // The fonts' own names (subset tag + PostScript name) once the page's fonts are loaded.
    await page.getOperatorList();
    const fontNameOf = (id: string): string => {
      const font = page.commonObjs.has(id) ? (page.commonObjs.get(id) as { name?: string }) : null;
      return font?.name ?? content.styles[id]?.fontFamily ?? id;
    };
    const items = content.items
      .filter((i): i is TextItem => 'str' in i && i.str.trim() !== '')
      .map((i) => ({
        text: i.str,
        x: i.transform[4] as number,
        baseline: i.transform[5] as number,
        width: i.width,
        size: Math.hypot(i.transform[0] as number, i.transform[1] as number),
        font: fontNameOf(i.fontName),
      }));
    pages.push({ width, height, items });
  }
  await doc.destroy();
  return pages;
}

/** A page number: alone, centred in the top margin (pages 2 on). */
const isPageNumber = (g: Glyphs, page: PageText, index: number): boolean =>
  index > 0 && g.text.trim() === String(index + 1) && g.baseline > page.height - 25 * MM;

function measure(pages: readonly PageText[]): MeasuredPage[] {
  return pages.map((page, index) => {
    const body = page.items.filter((g) => !isPageNumber(g, page, index));
    // Glyph boxes: ascenders up to the size above the baseline, descenders a quarter below.
    return {
      widthMm: page.width / MM,
      heightMm: page.height / MM,
      leftMm: Math.min(...body.map((g) => g.x)) / MM,
      rightMm: (page.width - Math.max(...body.map((g) => g.x + g.width))) / MM,
      topMm: (page.height - Math.max(...body.map((g) => g.baseline + g.size))) / MM,
      bottomMm: Math.min(...body.map((g) => g.baseline - g.size / 4)) / MM,
    };
  });
}

/** Minutes whose every typed sentence is unique, to find each once and in order. */
function typedMinutes(): { data: MinutesData; sentences: string[] } {
  const base = sampleMinutes();
  const sentences = [
    'Hôm nay, các đồng chí ủy viên Ban Chấp hành họp thường kỳ tháng Mười Một.',
    'Đồng chí Lê Văn Dũng đề nghị bổ sung số liệu quý IV vào báo cáo tổng kết.',
    'Ban Chấp hành thống nhất thông qua báo cáo có chỉnh sửa theo ý kiến đóng góp.',
    'Đồng chí Phạm Thị Thu Hằng đề nghị công khai quyết toán quỹ phúc lợi trước ngày 15/12.',
    'Giao Văn phòng hoàn thiện kế hoạch chăm lo Tết cho đoàn viên có hoàn cảnh khó khăn.',
  ];
  const p = (text: string) => ({ type: 'paragraph' as const, runs: [{ text }] });
  const [opening, d1, c1, d2, c3] = sentences as [string, string, string, string, string];
  return {
    sentences,
    data: {
      ...base,
      opening: [p(opening)],
      items: [
        { title: base.items[0]?.title ?? '', discussion: [p(d1)], decisions: [p(c1)] },
        { title: base.items[1]?.title ?? '', discussion: [p(d2)], decisions: [] },
        { title: base.items[2]?.title ?? '', discussion: [], decisions: [p(c3)] },
      ],
    },
  };
}

let dir: string;
let short: Uint8Array;
let long: Uint8Array;
let shortPages: PageText[];
let longPages: PageText[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'minutes-layout-'));
  short = await renderMinutesPdf(sampleMinutes(), minutesFonts());
  long = await renderMinutesPdf(longSampleMinutes(), minutesFonts());
  shortPages = await readPages(short);
  longPages = await readPages(long);
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the minutes layout, measured (Decree 30/2020)', () => {
  it('is A4 with every glyph inside the decree margins, on every page', () => {
    for (const pages of [shortPages, longPages]) {
      const measured = measure(pages);
      expect(checkPages(measured)).toEqual([]);
    }
  });

  it('would report text inside a margin (the check can fail)', () => {
    const [first] = measure(shortPages);
    if (!first) throw new Error('no page');
    expect(checkPages([{ ...first, leftMm: 25 }])).toEqual([
      { rule: 'margin', side: 'left', page: 0 },
    ]);
    expect(checkPages([{ ...first, widthMm: 216 }])).toEqual([{ rule: 'page-size', page: 0 }]);
  });

  it('prints the body in 13–14 pt and the heading elements in their sizes', () => {
    const items = longPages.flatMap((p) => p.items);
    const sentence = items.filter((g) => g.text.includes('quy chế chi tiêu nội bộ'));
    expect(sentence.length).toBeGreaterThan(0);
    for (const g of sentence) expect(within(g.size, DECREE_30_LAYOUT.bodySizePt, 0.01)).toBe(true);
    // The body is set upright in the layout rules' font, read back from the page's font name.
    const upright = `DHMINR+${DECREE_30_LAYOUT.font.postScriptName}`;
    expect(sentence.filter((g) => g.font === upright).length).toBeGreaterThan(0);
    // Every glyph on every page is in that family (regular, bold, italic or bold italic).
    const family = new RegExp(`^DHMIN[RBIJ]\\+${DECREE_30_LAYOUT.font.postScriptName}(-|$)`);
    for (const g of items) expect(g.font).toMatch(family);
    const first = shortPages[0]?.items ?? [];
    const sizeOf = (text: string) => first.find((g) => g.text.includes(text))?.size ?? 0;
    expect(within(sizeOf('Độc lập - Tự do - Hạnh phúc'), DECREE_30_LAYOUT.mottoSizePt, 0.01)).toBe(
      true,
    );
    expect(within(sizeOf('Số: 12/BB-CĐ'), DECREE_30_LAYOUT.numberSizePt, 0.01)).toBe(true);
    expect(within(sizeOf('Hà Nội, ngày'), DECREE_30_LAYOUT.dateSizePt, 0.01)).toBe(true);
    expect(within(sizeOf('CÔNG ĐOÀN VĂN PHÒNG'), DECREE_30_LAYOUT.issuingBodySizePt, 0.01)).toBe(
      true,
    );
    // The nation line shrinks to fit its column, never above the decree's size.
    expect(sizeOf('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')).toBeLessThanOrEqual(
      DECREE_30_LAYOUT.nationSizePt.max,
    );
  });

  it('numbers pages from 2 in 13–14 pt, centred in the top margin', () => {
    longPages.forEach((page, index) => {
      const numbers = page.items.filter((g) => isPageNumber(g, page, index));
      if (index === 0) return expect(numbers).toEqual([]);
      expect(numbers).toHaveLength(1);
      const [n] = numbers as [Glyphs];
      expect(within(n.size, { min: 13, max: 14 }, 0.01)).toBe(true);
      expect(Math.abs(n.x + n.width / 2 - page.width / 2)).toBeLessThan(1);
      expect(page.height - n.baseline - n.size).toBeGreaterThan(0);
      expect(page.height - n.baseline).toBeLessThan(DECREE_30_LAYOUT.marginsMm.top.min * MM);
    });
  });

  it('embeds every font it uses, as TrueType with Vietnamese glyphs', async () => {
    const doc = await PDFDocument.load(short);
    const fonts: string[] = [];
    for (const [, object] of doc.context.enumerateIndirectObjects()) {
      if (
        !(object instanceof PDFDict) ||
        object.get(PDFName.of('Type')) !== PDFName.of('FontDescriptor')
      )
        continue;
      fonts.push(String(object.get(PDFName.of('FontName'))));
      expect(object.has(PDFName.of('FontFile2'))).toBe(true);
    }
    expect(fonts.length).toBeGreaterThanOrEqual(3);
    const family = DECREE_30_LAYOUT.font.postScriptName;
    for (const name of fonts)
      expect(name).toMatch(new RegExp(`^/DHMIN[RBIJ]\\+${family}(-Bold|-Italic|-BoldItalic)?$`));
    // pdf.js read the Vietnamese letters back as they were written.
    const all = shortPages.flatMap((p) => p.items.map((g) => g.text)).join(' ');
    for (const word of ['CỘNG HÒA', 'Độc lập', 'Thành viên', 'Ủy viên', 'Đặng Quốc Việt'])
      expect(all).toContain(word);
  });
});

describe('the minutes text (pdftotext)', () => {
  it('prints every typed sentence once, in its place, and nothing invented', async () => {
    const { data, sentences } = typedMinutes();
    const pdf = await renderMinutesPdf(data, minutesFonts());
    const file = join(dir, 'typed.pdf');
    writeFileSync(file, pdf);
    // Page numbers (the first line of pages 2 on) stand between pages, not in the text.
    const text = pdftotext(file)
      .split('\f')
      .map((page, i) => (i === 0 ? page : page.replace(/^\s*\d+\s*\n/, '')))
      .join(' ')
      .replace(/\s+/g, ' ');
    let at = -1;
    for (const s of sentences) {
      const i = text.indexOf(s);
      expect(i, s).toBeGreaterThan(at);
      expect(text.indexOf(s, i + 1), `${s} printed twice`).toBe(-1);
      at = i;
    }
    // The opening stands above section I; no filler stands for what nobody wrote.
    expect(text.indexOf(sentences[0] ?? '')).toBeLessThan(text.indexOf('I. THỜI GIAN, ĐỊA ĐIỂM'));
    expect(text).not.toContain('Không có.');
    expect(text).not.toContain('Không có ý kiến');
    expect(text).not.toContain('Các vấn đề khác');
    // The vote table's quorum row says whether the quorum (túc số) was reached.
    expect(text).toMatch(/Túc số Đạt/);
    expect(text).not.toContain('Số lượng tham gia');
  });

  it('says nothing about the end when no close was recorded', async () => {
    const { endsAt: _unused, ...open } = sampleMinutes();
    const file = join(dir, 'open.pdf');
    writeFileSync(file, await renderMinutesPdf(open, minutesFonts()));
    const text = pdftotext(file);
    expect(text).not.toContain('kết thúc');
    expect(text).toContain('bắt đầu lúc 08 giờ 30 phút');
  });

  it('renders pages 1 and last 1366 px wide for a human look', () => {
    mkdirSync(OUTPUT, { recursive: true });
    const file = join(dir, 'long.pdf');
    writeFileSync(file, long);
    for (const [page, name] of [
      [1, 'minutes-layout-first'],
      [longPages.length, 'minutes-layout-last'],
    ] as const) {
      execFileSync('/usr/bin/pdftoppm', [
        '-png',
        '-singlefile',
        '-scale-to-x',
        '1366',
        '-scale-to-y',
        '-1',
        '-f',
        String(page),
        '-l',
        String(page),
        file,
        join(OUTPUT, name),
      ]);
    }
  });
});
