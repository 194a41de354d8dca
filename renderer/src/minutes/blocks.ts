/**
 * Generated blocks the secretary inserts into the draft, as Tiptap JSON. Their wording is the
 * biên bản's own (Vietnamese, like core/minutes' labels), not the UI language. The attendance
 * and vote copies are typed generated sections (core/minutes/generated.ts): the server leaves
 * them out by type, since the PDF prints both from its own records.
 */
import type { JSONContent } from '@tiptap/react';
import type { PollView } from '../../../core/api/votes';
import { markGenerated } from '../../../core/minutes/generated';

/** The /Reason written into each signature of the minutes. */
export const signingReason = (meetingTitle: string): string => `Ký biên bản: ${meetingTitle}`;

export interface AttendeeLine {
  name: string;
  role: string;
  present: boolean;
}

const text = (value: string, marks?: JSONContent['marks']): JSONContent => ({
  type: 'text',
  text: value,
  ...(marks ? { marks } : {}),
});
const paragraph = (...content: JSONContent[]): JSONContent => ({ type: 'paragraph', content });
const heading = (level: 2 | 3, value: string): JSONContent => ({
  type: 'heading',
  attrs: { level },
  content: [text(value)],
});
const bullets = (lines: string[]): JSONContent => ({
  type: 'bulletList',
  content: lines.map((line) => ({ type: 'listItem', content: [paragraph(text(line))] })),
});

export function attendanceBlock(people: readonly AttendeeLine[]): JSONContent[] {
  const present = people.filter((p) => p.present);
  const absent = people.filter((p) => !p.present);
  const line = (p: AttendeeLine) => `${p.name} – ${p.role}`;
  const blocks: JSONContent[] = [
    heading(2, 'Thành phần tham dự'),
    paragraph(text(`Có mặt (${present.length}/${people.length}):`, [{ type: 'bold' }])),
  ];
  const none = paragraph(text('Không có.', [{ type: 'italic' }]));
  blocks.push(present.length ? bullets(present.map(line)) : none);
  blocks.push(paragraph(text(`Vắng mặt (${absent.length}/${people.length}):`, [{ type: 'bold' }])));
  blocks.push(absent.length ? bullets(absent.map(line)) : none);
  return markGenerated('attendance', blocks);
}

export function agendaBlock(titles: readonly string[]): JSONContent[] {
  return titles.flatMap((title, i) => [
    heading(2, `${i + 1}. ${title}`),
    paragraph(text('Ý kiến thảo luận: ', [{ type: 'italic' }])),
    paragraph(text('Kết luận: ', [{ type: 'italic' }])),
  ]);
}

const percent = (n: number) => n.toLocaleString('vi-VN', { maximumFractionDigits: 2 });

export function votesBlock(polls: readonly PollView[]): JSONContent[] {
  const published = polls.filter((p) => p.state === 'published' && p.result);
  if (published.length === 0)
    return markGenerated('votes', [
      paragraph(text('Chưa có kết quả biểu quyết nào được công bố.', [{ type: 'italic' }])),
    ]);
  return published.flatMap((poll) => {
    const tally = poll.result!.tally;
    return markGenerated('votes', [
      heading(3, `Kết quả biểu quyết: ${poll.title}`),
      bullets(tally.options.map((o) => `${o.label}: ${o.count} phiếu (${percent(o.percent)}%)`)),
      paragraph(
        text(`Kết quả: ${tally.passed ? 'THÔNG QUA' : 'KHÔNG THÔNG QUA'}`, [{ type: 'bold' }]),
      ),
    ]);
  });
}
