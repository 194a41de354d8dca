/**
 * Generated sections of the minutes draft: the blocks the secretary inserts from the meeting's
 * records (attendance, vote results). Sections II and IV of the PDF print those from the
 * server's own records, so the server leaves their draft copies out — recognised by type: every
 * top-level block of a generated section carries the node attribute `generated` (HTML
 * `data-generated`) naming its kind, whatever its text says or however it was edited.
 *
 * Drafts written before the attribute existed marked these sections only by their heading
 * text; `legacyGeneratedHeading` reads those, and only in drafts with no typed block at all.
 */

/** The node attribute (on headings, paragraphs and lists) that marks a generated block. */
export const GENERATED_ATTRIBUTE = 'generated';

export type GeneratedSection = 'attendance' | 'votes';
export const GENERATED_SECTIONS: readonly GeneratedSection[] = ['attendance', 'votes'];

export const isGeneratedSection = (value: unknown): value is GeneratedSection =>
  typeof value === 'string' && (GENERATED_SECTIONS as readonly string[]).includes(value);

/** The top-level block types a generated section is made of. */
export const GENERATED_BLOCK_TYPES = ['heading', 'paragraph', 'bulletList', 'orderedList'] as const;

/**
 * The attribute as an editor schema declares it (Tiptap's global-attribute shape, written
 * without Tiptap or the DOM so core stays pure): absent by default, not copied onto the new
 * block when Enter splits one, so what the secretary types next is their own text.
 */
export const GENERATED_ATTRIBUTE_SPEC = {
  types: [...GENERATED_BLOCK_TYPES],
  attributes: {
    [GENERATED_ATTRIBUTE]: {
      default: null,
      keepOnSplit: false,
      parseHTML: (element: { getAttribute(name: string): string | null }) => {
        const value = element.getAttribute(`data-${GENERATED_ATTRIBUTE}`);
        return isGeneratedSection(value) ? value : null;
      },
      renderHTML: (attributes: Record<string, unknown>) => {
        const value = attributes[GENERATED_ATTRIBUTE];
        return isGeneratedSection(value) ? { [`data-${GENERATED_ATTRIBUTE}`]: value } : {};
      },
    },
  },
};

/** An editor node as JSON (the ProseMirror/Tiptap shape), as far as core needs it. */
export interface DraftNodeJson {
  type?: string;
  attrs?: Record<string, unknown>;
  content?: DraftNodeJson[];
  [key: string]: unknown;
}

/** Stamps every top-level block of a generated section with its kind. */
export function markGenerated<Node extends DraftNodeJson>(
  kind: GeneratedSection,
  blocks: readonly Node[],
): Node[] {
  return blocks.map((block) => ({
    ...block,
    attrs: { ...block.attrs, [GENERATED_ATTRIBUTE]: kind },
  }));
}

/** The headings that started each generated section in drafts written before typed blocks. */
const LEGACY_HEADINGS: Record<GeneratedSection, readonly string[]> = {
  attendance: ['thành phần tham dự', 'attendance'],
  votes: ['kết quả biểu quyết', 'vote result'],
};

/** The kind of generated section a legacy heading text started, or null. */
export function legacyGeneratedHeading(text: string): GeneratedSection | null {
  const t = text.normalize('NFC').toLocaleLowerCase('vi').trim();
  for (const kind of GENERATED_SECTIONS)
    if (LEGACY_HEADINGS[kind].some((prefix) => t.startsWith(prefix))) return kind;
  return null;
}

/**
 * The read-only generated section: one atom node in the draft (`<section data-generated-section>`)
 * that stores only its kind. Editors show it from the meeting's records, as the PDF prints it;
 * nothing typed can live inside it, so nothing typed is silently dropped.
 */
export const GENERATED_NODE = 'generatedSection';
export const GENERATED_NODE_ATTRIBUTE = 'data-generated-section';

/** The draft JSON of a generated section of `kind`. */
export const generatedSectionNode = (kind: GeneratedSection): DraftNodeJson => ({
  type: GENERATED_NODE,
  attrs: { kind },
});

/**
 * The node as an editor schema declares it (Tiptap's Node config shape, written without Tiptap
 * so core stays pure): a block atom, selectable and deletable whole, with no content.
 */
export const GENERATED_NODE_SPEC = {
  name: GENERATED_NODE,
  group: 'block',
  atom: true,
  selectable: true,
  draggable: false,
  addAttributes: () => ({
    kind: {
      default: null,
      parseHTML: (element: { getAttribute(name: string): string | null }) => {
        const value = element.getAttribute(GENERATED_NODE_ATTRIBUTE);
        return isGeneratedSection(value) ? value : null;
      },
      renderHTML: (attributes: Record<string, unknown>) =>
        isGeneratedSection(attributes.kind) ? { [GENERATED_NODE_ATTRIBUTE]: attributes.kind } : {},
    },
  }),
  parseHTML: () => [{ tag: `section[${GENERATED_NODE_ATTRIBUTE}]` }],
  renderHTML: ({ HTMLAttributes }: { HTMLAttributes: Record<string, unknown> }) =>
    ['section', HTMLAttributes] as [string, Record<string, unknown>],
};
