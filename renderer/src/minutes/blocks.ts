/**
 * Blocks the secretary inserts into the draft, as Tiptap JSON, in the biên bản's own wording
 * (Vietnamese, like core/minutes' labels), not the UI language. Attendance and vote results
 * are not copied in: they are read-only generated sections (core/minutes/generated.ts,
 * generatedSectionNode) that show the records, as the PDF prints them.
 */
import type { JSONContent } from '@tiptap/react';

/** The /Reason written into each signature of the minutes. */
export const signingReason = (meetingTitle: string): string => `Ký biên bản: ${meetingTitle}`;

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
export function agendaBlock(titles: readonly string[]): JSONContent[] {
  return titles.flatMap((title, i) => [
    heading(2, `${i + 1}. ${title}`),
    paragraph(text('Ý kiến thảo luận: ', [{ type: 'italic' }])),
    paragraph(text('Kết luận: ', [{ type: 'italic' }])),
  ]);
}
