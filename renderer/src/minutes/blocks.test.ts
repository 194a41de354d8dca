/**
 * The blocks the secretary inserts, through the editor's own schema and Yjs binding: attendance
 * and vote results as read-only generated sections (one atom each, holding no text), the
 * agenda scaffold as plain text the secretary fills in.
 */
import { getSchema, type JSONContent } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  GENERATED_ATTRIBUTE,
  GENERATED_NODE,
  generatedSectionNode,
} from '../../../core/minutes/generated';
import { agendaBlock } from './blocks';
import { GeneratedSectionNode, GeneratedSections } from './generated-sections';

const schema = getSchema([StarterKit, GeneratedSections, GeneratedSectionNode]);

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
  it('stores a read-only generated section as one atom naming its kind, with no text', () => {
    const fragment = new Y.Doc().getXmlFragment('minutesDraft');
    const content = [generatedSectionNode('attendance'), generatedSectionNode('votes')];
    prosemirrorJSONToYXmlFragment(schema, { type: 'doc', content }, fragment);
    const nodes = fragment.toArray().filter((n): n is Y.XmlElement => n instanceof Y.XmlElement);
    expect(nodes.map((n) => [n.nodeName, n.getAttribute('kind'), n.length])).toEqual([
      [GENERATED_NODE, 'attendance', 0],
      [GENERATED_NODE, 'votes', 0],
    ]);
  });

  it('leaves the agenda scaffold untyped: it is the secretary’s own text to fill in', () => {
    expect(stored(agendaBlock(['Khai mạc']))).toEqual([
      ['heading', null],
      ['paragraph', null],
      ['paragraph', null],
    ]);
  });
});
