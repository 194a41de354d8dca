/** Export: flattened annotations judged by pdf-lib (re-read) and poppler's pdftotext. */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { degrees, PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { FlattenError, flattenAnnotations } from '../../core/annotations/flatten';
import type { Annotation } from '../../core/annotations/model';

const SHA = '12'.repeat(32);
const common = {
  documentSha256: SHA,
  color: '#b3261e',
  author: { memberId: 'dung', name: 'Lê Văn Dũng' },
  createdAt: '2026-12-01T02:00:00.000Z',
  updatedAt: '2026-12-01T02:00:00.000Z',
  visibility: 'private' as const,
};
const fontBytes = () => readFile('node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf');

describe('flattenAnnotations', () => {
  it('draws every kind into a copy; free text and notes keep Vietnamese diacritics', async () => {
    const source = await PDFDocument.create();
    source.addPage([595, 842]);
    source.addPage([595, 842]).setRotation(degrees(90));
    const input = await source.save();
    const before = input.slice();
    const annotations: Annotation[] = [
      {
        ...common,
        id: 'h',
        kind: 'highlight',
        pageIndex: 0,
        quads: [[72, 712, 300, 712, 72, 700, 300, 700]],
        text: '',
      },
      {
        ...common,
        id: 'i',
        kind: 'ink',
        pageIndex: 0,
        paths: [[100, 100, 150, 160, 200, 120]],
        width: 2,
      },
      {
        ...common,
        id: 'n',
        kind: 'note',
        pageIndex: 0,
        at: [400, 500],
        text: 'Cần đối chiếu số liệu',
      },
      {
        ...common,
        id: 't',
        kind: 'text',
        pageIndex: 0,
        rect: [72, 600, 400, 640],
        text: 'Đồng ý với tờ trình, đề nghị bổ sung',
        fontSize: 12,
      },
      {
        ...common,
        id: 'r',
        kind: 'text',
        pageIndex: 1,
        rect: [100, 100, 300, 500],
        text: 'Trang xoay: Hội đồng',
        fontSize: 14,
      },
      {
        ...common,
        id: 'gone',
        kind: 'text',
        pageIndex: 9,
        rect: [0, 0, 10, 10],
        text: 'x',
        fontSize: 9,
      },
    ];
    const output = await flattenAnnotations(input, annotations, {
      fontBytes: await fontBytes(),
      showAuthors: true,
    });
    expect(input).toEqual(before);
    const reread = await PDFDocument.load(output);
    expect(reread.getPageCount()).toBe(2);
    expect(reread.getPage(1).getRotation().angle).toBe(90);

    const text = async (page: number) => {
      const child = execFile('pdftotext', ['-f', `${page}`, '-l', `${page}`, '-', '-'], {
        encoding: 'utf8',
      });
      child.stdin?.end(Buffer.from(output));
      let out = '';
      child.stdout?.on('data', (chunk: string) => (out += chunk));
      await new Promise((resolve, reject) => child.on('close', resolve).on('error', reject));
      return out.replace(/\s+/g, ' ');
    };
    const first = await text(1);
    expect(first).toContain('Đồng ý với tờ trình');
    expect(first).toContain('Lê Văn Dũng: Cần đối chiếu số liệu');
    expect(await text(2)).toContain('Trang xoay: Hội đồng');
  });

  it('keeps every note inside the page: flipped at the right edge, lifted at the bottom', async () => {
    const source = await PDFDocument.create();
    source.addPage([595, 842]);
    source.addPage([595, 842]).setRotation(degrees(90));
    const long = 'Đề nghị ban soạn thảo rà soát lại toàn bộ số liệu của phụ lục kèm theo tờ trình.';
    const note = (id: string, pageIndex: number, at: [number, number], text: string) =>
      ({ ...common, id, kind: 'note', pageIndex, at, text }) satisfies Annotation;
    const output = await flattenAnnotations(
      await source.save(),
      [
        note('right', 0, [585, 500], `Mép phải. ${long}`),
        note('bottom', 0, [200, 20], `Mép dưới. ${long}`),
        note('huge', 0, [60, 830], Array.from({ length: 400 }, () => long).join(' ')),
        note('turned', 1, [560, 60], `Trang xoay. ${long}`),
      ],
      { fontBytes: await fontBytes() },
    );
    for (const page of [1, 2]) {
      const child = execFile('pdftotext', ['-bbox', '-f', `${page}`, '-l', `${page}`, '-', '-'], {
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      });
      child.stdin?.end(Buffer.from(output));
      let html = '';
      child.stdout?.on('data', (chunk: string) => (html += chunk));
      await new Promise((resolve, reject) => child.on('close', resolve).on('error', reject));
      const [, width = '0', height = '0'] =
        /<page width="([\d.]+)" height="([\d.]+)"/.exec(html) ?? [];
      const words = [
        ...html.matchAll(
          /xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)</g,
        ),
      ];
      expect(words.length).toBeGreaterThan(10);
      const outside = words
        .filter(([, x1, y1, x2, y2]) => {
          const [a, b, c, d] = [x1, y1, x2, y2].map(Number) as [number, number, number, number];
          return a < -0.5 || b < -0.5 || c > Number(width) + 0.5 || d > Number(height) + 0.5;
        })
        .map((m) => m[5]);
      expect(outside, `page ${page}`).toEqual([]);
      const list = words.map((m) => m[5] ?? '');
      const count = (word: string) => list.filter((w) => w === word).length;
      // Whole notes survive beside the edges: first and last words there, nothing cut off.
      if (page === 1) {
        expect([count('phải.'), count('dưới.')]).toEqual([1, 1]);
        expect(count('trình.')).toBeGreaterThanOrEqual(3);
        expect(list.some((w) => w.endsWith('…'))).toBe(true);
      } else {
        expect([count('xoay.'), count('trình.')]).toEqual([1, 1]);
      }
    }
  });

  it('refuses bytes that are not a PDF with a stable code', async () => {
    await expect(
      flattenAnnotations(new TextEncoder().encode('not a pdf'), [], {
        fontBytes: await fontBytes(),
      }),
    ).rejects.toBeInstanceOf(FlattenError);
  });
});
