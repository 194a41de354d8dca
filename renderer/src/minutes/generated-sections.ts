import { Extension } from '@tiptap/core';
import { GENERATED_ATTRIBUTE_SPEC } from '../../../core/minutes/generated';

/** The typed generated sections of core/minutes in the editor: a `generated` block attribute. */
export const GeneratedSections = Extension.create({
  name: 'generatedSections',
  addGlobalAttributes: () => [GENERATED_ATTRIBUTE_SPEC],
});
