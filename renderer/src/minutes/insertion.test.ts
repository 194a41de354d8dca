/**
 * Inserting one generated block after another, on the editor's own schema (as blocks.test.ts):
 * a selected generated section is never replaced — the next block goes after it.
 */
import { getSchema, type JSONContent } from '@tiptap/core';
import { Fragment, type Node as PmNode } from '@tiptap/pm/model';
import { EditorState, NodeSelection, TextSelection, type Selection } from '@tiptap/pm/state';
import StarterKit from '@tiptap/starter-kit';
import { describe, expect, it } from 'vitest';
import { GENERATED_NODE, generatedSectionNode } from '../../../core/minutes/generated';
import { GeneratedSectionNode, GeneratedSections } from './generated-sections';
import { insertionRange } from './insertion';

const schema = getSchema([StarterKit, GeneratedSections, GeneratedSectionNode]);

const paragraph = (text: string): JSONContent =>
  text === '' ? { type: 'paragraph' } : { type: 'paragraph', content: [{ type: 'text', text }] };

function stateOf(blocks: JSONContent[], select: (doc: PmNode) => Selection): EditorState {
  const doc = schema.nodeFromJSON({ type: 'doc', content: blocks });
  return EditorState.create({ schema, doc, selection: select(doc) });
}

/** Applies an insertion the way the toolbar does, then selects what it inserted (as Tiptap leaves it). */
function insert(state: EditorState, blocks: JSONContent[]): EditorState {
  const { from, to } = insertionRange(state);
  const nodes = Fragment.fromArray(blocks.map((b) => schema.nodeFromJSON(b)));
  const tr = state.tr.replaceWith(from, to, nodes);
  // The inserted section stays selected, as it does in the editor.
  tr.doc.forEach((node, pos) => {
    if (node === nodes.lastChild && node.type.name === GENERATED_NODE)
      tr.setSelection(NodeSelection.create(tr.doc, pos));
  });
  return state.apply(tr);
}

/** Top-level blocks: a generated section by its kind, anything else by its text. */
const outline = (state: EditorState): string[] => {
  const out: string[] = [];
  state.doc.forEach((n) =>
    out.push(n.type.name === GENERATED_NODE ? `[${String(n.attrs.kind)}]` : n.textContent),
  );
  return out;
};

/** The start of the n-th top-level block. */
const blockStart = (doc: PmNode, n: number): number => {
  let pos = 0;
  for (let i = 0; i < n; i++) pos += doc.child(i).nodeSize;
  return pos;
};

describe('inserting generated blocks in the minutes editor', () => {
  it('puts "Chèn kết quả biểu quyết" after the attendance block just inserted', () => {
    let state = stateOf([paragraph('Bế mạc.'), paragraph('')], (doc) =>
      TextSelection.create(doc, blockStart(doc, 1) + 1),
    );
    state = insert(state, [generatedSectionNode('attendance')]);
    expect(state.selection).toBeInstanceOf(NodeSelection);
    state = insert(state, [generatedSectionNode('votes')]);
    expect(outline(state).filter((b) => b.startsWith('['))).toEqual(['[attendance]', '[votes]']);
    expect(outline(state)[0]).toBe('Bế mạc.');
  });

  it('puts a block after a selected section, never over it', () => {
    const state = stateOf(
      [paragraph('Mở đầu.'), generatedSectionNode('votes'), paragraph('Ghi chú.')],
      (doc) => NodeSelection.create(doc, blockStart(doc, 1)),
    );
    expect(outline(insert(state, [generatedSectionNode('attendance')]))).toEqual([
      'Mở đầu.',
      '[votes]',
      '[attendance]',
      'Ghi chú.',
    ]);
  });

  it('keeps a section that a text selection runs across', () => {
    const state = stateOf(
      [paragraph('Mở đầu.'), generatedSectionNode('attendance'), paragraph('Ghi chú.')],
      (doc) => TextSelection.create(doc, 2, blockStart(doc, 2) + 3),
    );
    const range = insertionRange(state);
    expect(range.from).toBe(range.to);
    expect(outline(insert(state, [generatedSectionNode('votes')]))).toContain('[attendance]');
  });

  it('replaces selected text that holds no section, as typing would', () => {
    const state = stateOf([paragraph('Mở đầu.')], (doc) => TextSelection.create(doc, 1, 8));
    expect(insertionRange(state)).toEqual({ from: 1, to: 8 });
  });
});
