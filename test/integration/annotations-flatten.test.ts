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

  it('refuses bytes that are not a PDF with a stable code', async () => {
    await expect(
      flattenAnnotations(new TextEncoder().encode('not a pdf'), [], {
        fontBytes: await fontBytes(),
      }),
    ).rejects.toBeInstanceOf(FlattenError);
  });
});
