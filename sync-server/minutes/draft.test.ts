/**
 * The draft as the editor writes it → the minutes' rich text. Fragments are made by Tiptap's own
 * Yjs binding from the editor's own schema, so these tests see exactly what the server reads.
 */
import { Extension, Node, getSchema, type JSONContent } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  GENERATED_ATTRIBUTE_SPEC,
  GENERATED_NODE_SPEC,
  generatedSectionNode,
  markGenerated,
  type GeneratedSection,
} from '../../core/minutes/generated';
import { migrateMinutesDraft, MINUTES_DRAFT_VERSION } from '../../core/minutes/draft-migration';
import {
  draftToRichText,
  normalizeTitle,
  readMinutesDraft,
  splitDraft,
  splitMinutesDraft,
} from './draft';

// The editor's schema: StarterKit plus core/minutes' generated-section attribute.
const schema = getSchema([
  StarterKit,
  Extension.create({
    name: 'generatedSections',
    addGlobalAttributes: () => [GENERATED_ATTRIBUTE_SPEC],
  }),
  Node.create(GENERATED_NODE_SPEC),
]);

function fragmentOf(content: JSONContent[]): Y.XmlFragment {
  const fragment = new Y.Doc().getXmlFragment('minutesDraft');
  prosemirrorJSONToYXmlFragment(schema, { type: 'doc', content }, fragment);
  return fragment;
}

const text = (value: string, ...marks: ('bold' | 'italic')[]): JSONContent => ({
  type: 'text',
  text: value,
  ...(marks.length ? { marks: marks.map((type) => ({ type })) } : {}),
});
const p = (...content: JSONContent[]): JSONContent => ({ type: 'paragraph', content });
const h = (level: 2 | 3, value: string): JSONContent => ({
  type: 'heading',
  attrs: { level },
  content: [text(value)],
});
const list = (type: 'bulletList' | 'orderedList', ...items: JSONContent[][]): JSONContent => ({
  type,
  content: items.map((content) => ({ type: 'listItem', content })),
});

describe('draftToRichText', () => {
  it('keeps headings, paragraphs with bold/italic runs, and both kinds of list', () => {
    const blocks = draftToRichText(
      fragmentOf([
        h(2, 'Khai mạc'),
        p(text('Đồng chí '), text('Trần Thị Hồng Nhung', 'bold'), text(' phát biểu', 'italic')),
        list('bulletList', [p(text('Ý kiến một'))], [p(text('Ý kiến hai', 'bold', 'italic'))]),
        list('orderedList', [p(text('Thứ nhất'))]),
        h(3, 'Chi tiết'),
      ]),
    );
    expect(blocks).toEqual([
      { type: 'heading', level: 2, runs: [{ text: 'Khai mạc' }] },
      {
        type: 'paragraph',
        runs: [
          { text: 'Đồng chí ' },
          { text: 'Trần Thị Hồng Nhung', bold: true },
          { text: ' phát biểu', italic: true },
        ],
      },
      {
        type: 'list',
        ordered: false,
        items: [[{ text: 'Ý kiến một' }], [{ text: 'Ý kiến hai', bold: true, italic: true }]],
      },
      { type: 'list', ordered: true, items: [[{ text: 'Thứ nhất' }]] },
      { type: 'heading', level: 3, runs: [{ text: 'Chi tiết' }] },
    ]);
  });

  it('drops empty paragraphs and empty list items, keeps line breaks and nested lists', () => {
    const blocks = draftToRichText(
      fragmentOf([
        { type: 'paragraph' },
        p(text('Dòng một'), { type: 'hardBreak' }, text('dòng hai')),
        list(
          'bulletList',
          [{ type: 'paragraph' }],
          [p(text('Cha')), list('bulletList', [p(text('Con'))])],
        ),
      ]),
    );
    expect(blocks).toEqual([
      { type: 'paragraph', runs: [{ text: 'Dòng một' }, { text: '\n' }, { text: 'dòng hai' }] },
      { type: 'list', ordered: false, items: [[{ text: 'Cha' }, { text: '\n' }, { text: 'Con' }]] },
    ]);
  });

  it('reads an empty draft as no blocks', () => {
    expect(draftToRichText(new Y.Doc().getXmlFragment('minutesDraft'))).toEqual([]);
  });
});

describe('splitDraft', () => {
  const agenda = ['Khai mạc, thông qua chương trình kỳ họp', 'Tờ trình về dự toán ngân sách'];

  it('files text under the agenda item its heading names, numbered or not', () => {
    const items = splitDraft(
      draftToRichText(
        fragmentOf([
          h(2, '2. Tờ trình về dự toán ngân sách'),
          p(text('Đại biểu thảo luận về thu chi.')),
          p(text('Kết luận: ', 'italic'), text('Thống nhất trình Hội đồng.')),
          h(2, 'KHAI MẠC, THÔNG QUA CHƯƠNG TRÌNH KỲ HỌP:'),
          p(text('Chủ tọa khai mạc.')),
        ]),
      ),
      agenda,
    );
    expect(items.map((i) => i.title)).toEqual(agenda);
    expect(items[0]?.discussion).toEqual([
      { type: 'paragraph', runs: [{ text: 'Chủ tọa khai mạc.' }] },
    ]);
    expect(items[1]?.discussion).toEqual([
      { type: 'paragraph', runs: [{ text: 'Đại biểu thảo luận về thu chi.' }] },
    ]);
    expect(items[1]?.decisions).toEqual([
      { type: 'paragraph', runs: [{ text: 'Thống nhất trình Hội đồng.' }] },
    ]);
  });

  it('takes what follows a bare "Kết luận:" as decisions, and drops the empty label', () => {
    const [first] = splitDraft(
      draftToRichText(
        fragmentOf([
          h(2, agenda[0] ?? ''),
          p(text('Kết luận:', 'italic')),
          list('bulletList', [p(text('Thông qua chương trình.'))]),
        ]),
      ),
      agenda,
    );
    expect(first?.discussion).toEqual([]);
    expect(first?.decisions).toEqual([
      { type: 'list', ordered: false, items: [[{ text: 'Thông qua chương trình.' }]] },
    ]);
  });

  const typed = (kind: GeneratedSection, ...blocks: JSONContent[]) => markGenerated(kind, blocks);

  it('leaves out typed generated sections by their type, whatever their text says', () => {
    const fragment = fragmentOf([
      ...typed(
        'attendance',
        h(2, 'Danh sách đại biểu'),
        p(text('Có mặt (1/2):', 'bold')),
        list('bulletList', [p(text('Nguyễn Tiến Sỹ – Thư ký'))]),
      ),
      h(2, agenda[0] ?? ''),
      p(text('Chủ tọa khai mạc.')),
      ...typed(
        'votes',
        h(3, 'Kết quả biểu quyết: Chương trình'),
        list('bulletList', [p(text('Tán thành: 2 phiếu (100%)'))]),
        p(text('Kết quả: THÔNG QUA', 'bold')),
      ),
      p(text('Chủ tọa cảm ơn các đại biểu.')),
      // Typed by hand, not generated: kept, though a draft before typed sections would drop it.
      h(3, 'Kết quả biểu quyết của tổ công tác'),
      p(text('Tổ công tác báo cáo.')),
    ]);
    const blocks = draftToRichText(fragment);
    expect(blocks.map((b) => b.generated ?? null)).toEqual([
      'attendance',
      'attendance',
      'attendance',
      null,
      null,
      'votes',
      'votes',
      'votes',
      null,
      null,
      null,
    ]);
    const items = splitDraft(blocks, agenda);
    expect(items).toHaveLength(2);
    expect(items[0]?.discussion).toEqual([
      { type: 'paragraph', runs: [{ text: 'Chủ tọa khai mạc.' }] },
      { type: 'paragraph', runs: [{ text: 'Chủ tọa cảm ơn các đại biểu.' }] },
      { type: 'heading', level: 3, runs: [{ text: 'Kết quả biểu quyết của tổ công tác' }] },
      { type: 'paragraph', runs: [{ text: 'Tổ công tác báo cáo.' }] },
    ]);
    const printed = JSON.stringify(items);
    for (const copy of ['Nguyễn Tiến Sỹ', 'Danh sách', 'Tán thành', 'THÔNG QUA'])
      expect(printed).not.toContain(copy);
  });

  it('reads a read-only generated section as a place holder that prints nothing', () => {
    const blocks = draftToRichText(
      fragmentOf([
        p(text('Mở đầu.')),
        generatedSectionNode('attendance') as JSONContent,
        { type: 'generatedSection', attrs: { kind: 'signature' } },
        h(2, agenda[0] ?? ''),
        generatedSectionNode('votes') as JSONContent,
        p(text('Chủ tọa kết luận.')),
      ]),
    );
    expect(blocks.map((b) => b.generated ?? null)).toEqual([
      null,
      'attendance',
      null,
      'votes',
      null,
    ]);
    const { opening, items } = splitMinutesDraft(blocks, agenda);
    expect(opening).toEqual([{ type: 'paragraph', runs: [{ text: 'Mở đầu.' }] }]);
    expect(items[0]?.discussion).toEqual([
      { type: 'paragraph', runs: [{ text: 'Chủ tọa kết luận.' }] },
    ]);
  });

  it('ignores a generated attribute naming no known section', () => {
    const blocks = draftToRichText(
      fragmentOf([{ ...p(text('Ý kiến của đại biểu.')), attrs: { generated: 'signature' } }]),
    );
    expect(blocks).toEqual([{ type: 'paragraph', runs: [{ text: 'Ý kiến của đại biểu.' }] }]);
  });

  it('reads drafts written before typed sections: generated copies by their headings', () => {
    const items = splitDraft(
      draftToRichText(
        fragmentOf([
          h(2, 'Thành phần tham dự'),
          p(text('Có mặt (1/2):', 'bold')),
          list('bulletList', [p(text('Nguyễn Tiến Sỹ – Thư ký'))]),
          h(3, 'Kết quả biểu quyết: Nghị quyết'),
          list('bulletList', [p(text('Tán thành: 2 phiếu'))]),
          h(2, agenda[1] ?? ''),
          p(text('Không có ý kiến.')),
        ]),
      ),
      agenda,
    );
    expect(items).toHaveLength(2);
    expect(items[1]?.discussion).toEqual([
      { type: 'paragraph', runs: [{ text: 'Không có ý kiến.' }] },
    ]);
    expect(JSON.stringify(items)).not.toContain('Nguyễn Tiến Sỹ');
  });

  it('prints the scaffold\'s "Ý kiến thảo luận:" label once: the PDF has its own', () => {
    const [first, second] = splitDraft(
      draftToRichText(
        fragmentOf([
          h(2, `1. ${agenda[0] ?? ''}`),
          p(text('Ý kiến thảo luận: ', 'italic')),
          p(text('Kết luận: ', 'italic'), text('Thông qua chương trình.')),
          h(2, `2. ${agenda[1] ?? ''}`),
          p(
            text('Ý kiến thảo luận: ', 'italic'),
            text('Đại biểu đề nghị làm rõ chi thường xuyên.'),
          ),
          p(text('Kết luận: ', 'italic')),
          p(text('Ý kiến thảo luận rất sôi nổi.')),
        ]),
      ),
      agenda,
    );
    expect(first?.discussion).toEqual([]);
    expect(first?.decisions).toEqual([
      { type: 'paragraph', runs: [{ text: 'Thông qua chương trình.' }] },
    ]);
    expect(second?.discussion).toEqual([
      { type: 'paragraph', runs: [{ text: 'Đại biểu đề nghị làm rõ chi thường xuyên.' }] },
    ]);
    // Without a colon it is a sentence, not the label: kept where it stands.
    expect(second?.decisions).toEqual([
      { type: 'paragraph', runs: [{ text: 'Ý kiến thảo luận rất sôi nổi.' }] },
    ]);
  });

  it('keeps the text above the first agenda item as the opening, as written', () => {
    const { opening, items } = splitMinutesDraft(
      draftToRichText(
        fragmentOf([
          p(text('Phiên họp khai mạc lúc 8 giờ 30.')),
          p(text('Kết luận: ', 'italic'), text('mở đầu.')),
          h(2, agenda[0] ?? ''),
          p(text('Chủ tọa khai mạc.')),
        ]),
      ),
      agenda,
    );
    expect(opening).toEqual([
      { type: 'paragraph', runs: [{ text: 'Phiên họp khai mạc lúc 8 giờ 30.' }] },
      {
        type: 'paragraph',
        runs: [{ text: 'Kết luận: ', italic: true }, { text: 'mở đầu.' }],
      },
    ]);
    // Never filed under an agenda item or an invented "Các vấn đề khác".
    expect(items.map((i) => i.title)).toEqual(agenda);
    expect(items[0]?.discussion).toEqual([
      { type: 'paragraph', runs: [{ text: 'Chủ tọa khai mạc.' }] },
    ]);
    expect(items[1]).toEqual({ title: agenda[1], discussion: [], decisions: [] });
  });

  it('normalizes titles: case, NFC, numbering and trailing colon', () => {
    // "ọ" decomposed (o + combining dot below) must match the composed form.
    expect(normalizeTitle('Nội dung 3: Bế mạc kỳ ho\u0323p:')).toBe(
      normalizeTitle('bế mạc kỳ họp'),
    );
    expect(normalizeTitle('1. Khai mạc')).toBe('khai mạc');
  });
});

describe('readMinutesDraft: drafts stored before typed sections', () => {
  const agenda = ['Khai mạc, thông qua chương trình kỳ họp', 'Tờ trình về dự toán ngân sách'];
  const docOf = (content: JSONContent[]): Y.Doc => {
    const doc = fragmentOf(content).doc;
    if (!doc) throw new Error('the fragment has no document');
    return doc;
  };
  const read = (doc: Y.Doc) => {
    const draft = readMinutesDraft(doc);
    return splitDraft(draft.blocks, agenda, { legacy: draft.legacy });
  };

  it('reads a stored legacy draft as then, and the same once a writer has migrated it', () => {
    const doc = docOf([
      h(2, 'Thành phần tham dự'),
      p(text('Có mặt (1/2):', 'bold')),
      list('bulletList', [p(text('Nguyễn Tiến Sỹ – Thư ký'))]),
      h(2, agenda[0] ?? ''),
      p(text('Chủ tọa khai mạc.')),
      p(text('Kết luận: ', 'italic'), text('Thông qua chương trình.')),
      h(3, 'Kết quả biểu quyết: Chương trình'),
      list('bulletList', [p(text('Tán thành: 2 phiếu'))]),
      p(text('Kết quả: THÔNG QUA', 'bold')),
      h(3, 'Ghi chú'),
      p(text('Phiên họp kết thúc đúng giờ.')),
    ]);
    expect(readMinutesDraft(doc).legacy).toBe(true);
    const before = read(doc);
    expect(before[0]).toEqual({
      title: agenda[0],
      discussion: [
        { type: 'paragraph', runs: [{ text: 'Chủ tọa khai mạc.' }] },
        { type: 'heading', level: 3, runs: [{ text: 'Ghi chú' }] },
        { type: 'paragraph', runs: [{ text: 'Phiên họp kết thúc đúng giờ.' }] },
      ],
      decisions: [{ type: 'paragraph', runs: [{ text: 'Thông qua chương trình.' }] }],
    });
    for (const copy of ['Nguyễn Tiến Sỹ', 'Tán thành', 'THÔNG QUA'])
      expect(JSON.stringify(before)).not.toContain(copy);

    expect(migrateMinutesDraft(doc)).toBe(true);
    expect(readMinutesDraft(doc).legacy).toBe(false);
    expect(read(doc)).toEqual(before);
  });

  it('a current draft keeps a heading typed by hand that only looks like a copy', () => {
    const doc = docOf([
      h(2, agenda[1] ?? ''),
      h(3, 'Kết quả biểu quyết của tổ công tác'),
      p(text('Tổ công tác báo cáo.')),
    ]);
    doc.getMap('meta').set('minutesDraftVersion', MINUTES_DRAFT_VERSION);
    expect(read(doc)[1]?.discussion).toEqual([
      { type: 'heading', level: 3, runs: [{ text: 'Kết quả biểu quyết của tổ công tác' }] },
      { type: 'paragraph', runs: [{ text: 'Tổ công tác báo cáo.' }] },
    ]);
  });
});
