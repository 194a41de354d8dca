/**
 * The blocks the secretary inserts, through the editor's own schema and Yjs binding: the
 * attendance and vote copies reach the shared document as typed generated sections (what the
 * server leaves out by type), the agenda scaffold as plain text the secretary fills in.
 */
import { getSchema, type JSONContent } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { PollView } from '../../../core/api/votes';
import { GENERATED_ATTRIBUTE } from '../../../core/minutes/generated';
import { agendaBlock, attendanceBlock, votesBlock } from './blocks';
import { GeneratedSections } from './generated-sections';

const schema = getSchema([StarterKit, GeneratedSections]);

/** Each top-level block as the server reads it: node name and generated attribute. */
function stored(blocks: JSONContent[]): [string, unknown][] {
  const fragment = new Y.Doc().getXmlFragment('minutesDraft');
  prosemirrorJSONToYXmlFragment(schema, { type: 'doc', content: blocks }, fragment);
  return fragment
    .toArray()
    .filter((n): n is Y.XmlElement => n instanceof Y.XmlElement)
    .map((n) => [n.nodeName, n.getAttribute(GENERATED_ATTRIBUTE) ?? null]);
}

describe('generated blocks in the shared draft', () => {
  it('types every block of the attendance copy', () => {
    const blocks = attendanceBlock([
      { name: 'Trần Thị Hồng Nhung', role: 'Chủ tọa', present: true },
      { name: 'Lê Văn Dũng', role: 'Đại biểu', present: false },
    ]);
    expect(stored(blocks)).toEqual([
      ['heading', 'attendance'],
      ['paragraph', 'attendance'],
      ['bulletList', 'attendance'],
      ['paragraph', 'attendance'],
      ['bulletList', 'attendance'],
    ]);
  });

  it('types every block of the vote results, and the "none published yet" line', () => {
    const poll = {
      state: 'published',
      title: 'Thông qua chương trình',
      result: {
        tally: {
          options: [{ label: 'Tán thành', count: 3, percent: 100 }],
          passed: true,
        },
      },
    } as unknown as PollView;
    expect(stored(votesBlock([poll]))).toEqual([
      ['heading', 'votes'],
      ['bulletList', 'votes'],
      ['paragraph', 'votes'],
    ]);
    expect(stored(votesBlock([]))).toEqual([['paragraph', 'votes']]);
  });

  it('leaves the agenda scaffold untyped: it is the secretary’s own text to fill in', () => {
    expect(stored(agendaBlock(['Khai mạc']))).toEqual([
      ['heading', null],
      ['paragraph', null],
      ['paragraph', null],
    ]);
  });
});
