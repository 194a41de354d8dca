/**
 * The collaborative draft (Tiptap/ProseMirror content in the shared document's `minutesDraft`
 * XmlFragment) → core/minutes rich text, split into the agenda items of section III.
 *
 * Layout the editor's blocks follow: a heading with an agenda item's title starts that item;
 * a block starting "Kết luận"/"Quyết định" switches it to decisions, "Ý kiến thảo luận:" back to
 * discussion (both bare labels are left to the PDF, which prints its own). Generated copies of what
 * sections II and IV print from the server's own records (attendance, vote results) are typed
 * blocks (core/minutes/generated.ts) and are left out by type, so they are not printed twice;
 * drafts written before the type existed are read by their heading text, as then. What the
 * secretary wrote above the first agenda item is the opening, printed at the top as written.
 */
import * as Y from 'yjs';
import type { RichBlock, RichRun, RichText } from '../../core/minutes';
import { sharedMinutesDraft } from '../../core/docs/shared';
import {
  legacyGeneratedBlocks,
  MINUTES_DRAFT_VERSION,
  readMinutesDraftVersion,
} from '../../core/minutes/draft-migration';
import {
  GENERATED_ATTRIBUTE,
  GENERATED_NODE,
  isGeneratedSection,
  type GeneratedSection,
} from '../../core/minutes/generated';

export const DECISION_PREFIXES = ['kết luận', 'quyết định', 'conclusion', 'decision'];
/** The discussion label the agenda scaffold writes ("Ý kiến thảo luận: …"); the PDF prints its own. */
export const DISCUSSION_LABEL = 'ý kiến thảo luận';

/** A top-level block of the draft; `generated` names the generated section it belongs to. */
export type DraftBlock = RichBlock & { generated?: GeneratedSection };

function runsOf(element: Y.XmlElement | Y.XmlText): RichRun[] {
  if (element instanceof Y.XmlText) {
    const runs: RichRun[] = [];
    for (const op of element.toDelta() as { insert?: unknown; attributes?: object }[]) {
      if (typeof op.insert !== 'string' || op.insert === '') continue;
      const marks = (op.attributes ?? {}) as Record<string, unknown>;
      runs.push({
        text: op.insert,
        ...(marks.bold !== undefined ? { bold: true } : {}),
        ...(marks.italic !== undefined ? { italic: true } : {}),
      });
    }
    return runs;
  }
  if (element.nodeName === 'hardBreak') return [{ text: '\n' }];
  return element
    .toArray()
    .flatMap((child) =>
      child instanceof Y.XmlElement || child instanceof Y.XmlText ? runsOf(child) : [],
    );
}

const plain = (runs: readonly RichRun[]): string =>
  runs
    .map((r) => r.text)
    .join('')
    .trim();

function listItems(list: Y.XmlElement): RichRun[][] {
  const items: RichRun[][] = [];
  for (const item of list.toArray()) {
    if (!(item instanceof Y.XmlElement)) continue;
    // A list item holds paragraphs (and nested lists, flattened into the same item's text).
    const parts = item
      .toArray()
      .map((child) => (child instanceof Y.XmlElement ? runsOf(child) : []))
      .filter((runs) => plain(runs) !== '');
    const runs: RichRun[] = [];
    parts.forEach((p, i) => runs.push(...(i > 0 ? [{ text: '\n' }] : []), ...p));
    if (runs.length > 0) items.push(runs);
  }
  return items;
}

function blockOf(node: Y.XmlElement): RichBlock | null {
  const name = node.nodeName;
  if (name === 'bulletList' || name === 'orderedList') {
    const items = listItems(node);
    return items.length > 0 ? { type: 'list', ordered: name === 'orderedList', items } : null;
  }
  const runs = runsOf(node);
  if (plain(runs) === '') return null;
  if (name !== 'heading') return { type: 'paragraph', runs };
  const raw = Number(node.getAttribute('level'));
  return { type: 'heading', level: raw === 1 || raw === 2 ? raw : 3, runs };
}

/** Top-level blocks of the draft, empty paragraphs left out, generated ones typed. */
export function draftToRichText(fragment: Y.XmlFragment): DraftBlock[] {
  const blocks: DraftBlock[] = [];
  for (const node of fragment.toArray()) {
    if (!(node instanceof Y.XmlElement)) continue;
    if (node.nodeName === GENERATED_NODE) {
      // A read-only section holds no text: it stands where the records are printed.
      const kind: unknown = node.getAttribute('kind');
      if (isGeneratedSection(kind)) blocks.push({ type: 'paragraph', runs: [], generated: kind });
      continue;
    }
    const block = blockOf(node);
    if (!block) continue;
    const generated: unknown = node.getAttribute(GENERATED_ATTRIBUTE);
    blocks.push(isGeneratedSection(generated) ? { ...block, generated } : block);
  }
  return blocks;
}

/** The draft of a meeting, and whether it predates typed generated sections. */
export interface MinutesDraft {
  blocks: DraftBlock[];
  legacy: boolean;
}

/** Reads the shared document's draft (the caller checks its size limits first). */
export function readMinutesDraft(doc: Y.Doc): MinutesDraft {
  const blocks = draftToRichText(sharedMinutesDraft(doc));
  const legacy =
    readMinutesDraftVersion(doc) < MINUTES_DRAFT_VERSION &&
    !blocks.some((b) => b.generated !== undefined);
  return { blocks, legacy };
}

/** Lower case, NFC, leading numbering ("1.", "Nội dung 2:") and trailing colon removed. */
export function normalizeTitle(text: string): string {
  return text
    .normalize('NFC')
    .toLocaleLowerCase('vi')
    .replace(/^\s*(nội dung\s*)?\d+\s*[.:)-]?\s*/u, '')
    .replace(/[\s:.]+$/u, '')
    .trim();
}

const startsWithAny = (text: string, prefixes: readonly string[]) => {
  const t = text.normalize('NFC').toLocaleLowerCase('vi').trim();
  return prefixes.some((p) => t.startsWith(p));
};

const blockText = (b: RichBlock): string => (b.type === 'list' ? '' : plain(b.runs));

export interface DraftItem {
  title: string;
  discussion: RichText;
  decisions: RichText;
}

/** The draft as the PDF prints it: the opening text, then each agenda item. */
export interface SplitDraft {
  /** Blocks above the first agenda heading, kept as written (labels included). */
  opening: RichBlock[];
  items: DraftItem[];
}

/** The agenda items of the draft (splitMinutesDraft without the opening). */
export function splitDraft(
  blocks: readonly DraftBlock[],
  agendaTitles: readonly string[],
  options: { legacy?: boolean } = {},
): DraftItem[] {
  return splitMinutesDraft(blocks, agendaTitles, options).items;
}

/**
 * Splits the draft into its opening and the meeting's agenda items (in agenda order).
 * Generated blocks are left out, and what follows one counts as discussion. A `legacy` draft
 * (protocol version 1, core/minutes/draft-migration.ts, not yet migrated by a writer) is read
 * as then: its copies are found by their headings, by the rule the migration stamps them with,
 * so a draft reads the same before and after its migration.
 */
export function splitMinutesDraft(
  blocks: readonly DraftBlock[],
  agendaTitles: readonly string[],
  options: { legacy?: boolean } = {},
): SplitDraft {
  const legacy = options.legacy ?? !blocks.some((b) => b.generated !== undefined);
  const keyed = agendaTitles.map((title) => ({
    title,
    key: normalizeTitle(title),
    discussion: [] as RichBlock[],
    decisions: [] as RichBlock[],
  }));
  const opening: RichBlock[] = [];
  let current: { discussion: RichBlock[]; decisions: RichBlock[] } | null = null;
  const agendaItem = (block: RichBlock) =>
    block.type === 'heading'
      ? keyed.find((k) => k.key !== '' && k.key === normalizeTitle(blockText(block)))
      : undefined;
  // An agenda item's heading is never a copy, whatever its title says.
  const copies = legacy
    ? legacyGeneratedBlocks(
        blocks.map((b) => ({
          heading: b.type === 'heading',
          list: b.type === 'list',
          text: agendaItem(b) ? '' : blockText(b),
        })),
      )
    : [];
  let mode: 'discussion' | 'decisions' = 'discussion';
  for (const [i, block] of blocks.entries()) {
    // Text after a copy counts as discussion, as drafts were always read.
    if (block.generated !== undefined || copies[i]) {
      mode = 'discussion';
      continue;
    }
    const text = blockText(block);
    const item = agendaItem(block);
    if (item) {
      current = item;
      mode = 'discussion';
      continue;
    }
    if (current === null) {
      opening.push(block);
      continue;
    }
    if (block.type !== 'list' && startsWithAny(text, DECISION_PREFIXES)) {
      mode = 'decisions';
      // A bare label ("Kết luận:") is printed by the PDF itself; text after it is kept.
      if (block.type === 'heading') continue;
      const colon = text.indexOf(':');
      if (colon < 0) current.decisions.push(block);
      else if (text.slice(colon + 1).trim() !== '')
        current.decisions.push({
          type: 'paragraph',
          runs: [{ text: text.slice(colon + 1).trim() }],
        });
      continue;
    }
    if (block.type === 'paragraph' && startsWithAny(text, [DISCUSSION_LABEL])) {
      const colon = text.indexOf(':');
      if (colon >= 0) {
        // As for "Kết luận:": the label is the PDF's "a) Ý kiến thảo luận:", printed once.
        mode = 'discussion';
        const rest = text.slice(colon + 1).trim();
        if (rest !== '') current.discussion.push({ type: 'paragraph', runs: [{ text: rest }] });
        continue;
      }
    }
    current[mode].push(block);
  }
  const items: DraftItem[] = keyed.map(({ title, discussion, decisions }) => ({
    title,
    discussion,
    decisions,
  }));
  return { opening, items };
}
