import { Extension, Node } from '@tiptap/core';
import { NodeSelection, Plugin } from '@tiptap/pm/state';
import { ReactNodeViewRenderer } from '@tiptap/react';
import {
  GENERATED_ATTRIBUTE_SPEC,
  GENERATED_NODE,
  GENERATED_NODE_SPEC,
} from '../../../core/minutes/generated';
import { GeneratedSectionView } from './GeneratedSectionView';

/** The typed generated sections of core/minutes in the editor: a `generated` block attribute. */
export const GeneratedSections = Extension.create({
  name: 'generatedSections',
  addGlobalAttributes: () => [GENERATED_ATTRIBUTE_SPEC],
});

/**
 * The read-only generated section (an atom shown from the records). Typing while it is
 * selected does nothing — ProseMirror would replace the section with the keystroke; deleting
 * it stays an explicit Backspace/Delete.
 */
export const GeneratedSectionNode = Node.create({
  ...GENERATED_NODE_SPEC,
  addNodeView: () => ReactNodeViewRenderer(GeneratedSectionView),
  addProseMirrorPlugins: () => [
    new Plugin({
      props: {
        handleTextInput: (view) => {
          const { selection } = view.state;
          return selection instanceof NodeSelection && selection.node.type.name === GENERATED_NODE;
        },
      },
    }),
  ],
});
