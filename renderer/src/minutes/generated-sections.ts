import { Extension, Node } from '@tiptap/core';
import { ReactNodeViewRenderer } from '@tiptap/react';
import { GENERATED_ATTRIBUTE_SPEC, GENERATED_NODE_SPEC } from '../../../core/minutes/generated';
import { GeneratedSectionView } from './GeneratedSectionView';

/** The typed generated sections of core/minutes in the editor: a `generated` block attribute. */
export const GeneratedSections = Extension.create({
  name: 'generatedSections',
  addGlobalAttributes: () => [GENERATED_ATTRIBUTE_SPEC],
});

/** The read-only generated section (an atom shown from the records). */
export const GeneratedSectionNode = Node.create({
  ...GENERATED_NODE_SPEC,
  addNodeView: () => ReactNodeViewRenderer(GeneratedSectionView),
});
