/**
 * Where the toolbar's inserted blocks go. Over the selection, as a typed paragraph would — except
 * that a generated section is never replaced: an inserted section stays selected, and the next
 * "Chèn kết quả biểu quyết" right after "Chèn thành phần tham dự" would otherwise swap the
 * attendance for the votes. With a section selected (or inside the selection), the blocks go
 * after the selection instead.
 */
import { NodeSelection, type EditorState } from '@tiptap/pm/state';
import { GENERATED_NODE } from '../../../core/minutes/generated';

export interface InsertionRange {
  readonly from: number;
  readonly to: number;
}

export function insertionRange(state: EditorState): InsertionRange {
  const { selection, doc } = state;
  let holdsGenerated = selection instanceof NodeSelection;
  if (!selection.empty)
    doc.nodesBetween(selection.from, selection.to, (node) => {
      if (node.type.name === GENERATED_NODE) holdsGenerated = true;
      return !holdsGenerated;
    });
  return holdsGenerated
    ? { from: selection.to, to: selection.to }
    : { from: selection.from, to: selection.to };
}
