/**
 * The minutes draft's protocol version, kept in the shared document's `meta` map:
 * 1 (or absent) — generated copies were recognised by their heading text;
 * 2 — generated copies are typed blocks (core/minutes/generated.ts), text is only text.
 * A member who may write the draft migrates it once, when it has synced: legacy copies are
 * stamped with their type in place and the version is set, so from then on a heading a
 * secretary types by hand ("Kết quả biểu quyết của tổ…") is never taken for a copy.
 */
import * as Y from 'yjs';
import { SharedTypes, sharedMinutesDraft } from '../docs/shared';
import { readNumber } from '../docs/values';
import {
  GENERATED_ATTRIBUTE,
  isGeneratedSection,
  legacyGeneratedHeading,
  type GeneratedSection,
} from './generated';

export const MINUTES_DRAFT_VERSION = 2;
const VERSION_KEY = 'minutesDraftVersion';

export function readMinutesDraftVersion(doc: Y.Doc): number {
  return readNumber(doc.getMap<unknown>(SharedTypes.meta), VERSION_KEY) ?? 1;
}

/** Labels that ended a legacy copy: a decision started there (as the server read drafts then). */
const DECISION_LABELS = ['kết luận', 'quyết định', 'conclusion', 'decision'];

function textOf(node: Y.XmlElement | Y.XmlText): string {
  if (node instanceof Y.XmlText)
    return (node.toDelta() as { insert?: unknown }[])
      .map((op) => (typeof op.insert === 'string' ? op.insert : ''))
      .join('');
  return node
    .toArray()
    .map((child) =>
      child instanceof Y.XmlElement || child instanceof Y.XmlText ? textOf(child) : '',
    )
    .join('');
}

/**
 * Which top-level blocks of a version-1 draft were generated copies: a heading
 * "Thành phần tham dự…"/"Kết quả biểu quyết…" and what follows it, up to the next heading or
 * decision label.
 */
export function legacyGeneratedBlocks(
  blocks: readonly { heading: boolean; list: boolean; text: string }[],
): (GeneratedSection | null)[] {
  let current: GeneratedSection | null = null;
  return blocks.map((block) => {
    if (block.heading) {
      current = legacyGeneratedHeading(block.text);
      return current;
    }
    const t = block.text.normalize('NFC').toLocaleLowerCase('vi').trim();
    if (!block.list && DECISION_LABELS.some((label) => t.startsWith(label))) current = null;
    return current;
  });
}

/**
 * Brings a draft to the current version; returns whether it wrote anything. Safe to call on
 * every load: a current draft is left alone, and two members migrating at once write the same.
 */
export function migrateMinutesDraft(doc: Y.Doc): boolean {
  if (readMinutesDraftVersion(doc) >= MINUTES_DRAFT_VERSION) return false;
  doc.transact(() => {
    const nodes = sharedMinutesDraft(doc)
      .toArray()
      .filter((n): n is Y.XmlElement => n instanceof Y.XmlElement);
    const kinds = legacyGeneratedBlocks(
      nodes.map((n) => ({
        heading: n.nodeName === 'heading',
        list: n.nodeName === 'bulletList' || n.nodeName === 'orderedList',
        text: textOf(n),
      })),
    );
    nodes.forEach((node, i) => {
      const kind = kinds[i];
      if (kind && !isGeneratedSection(node.getAttribute(GENERATED_ATTRIBUTE)))
        node.setAttribute(GENERATED_ATTRIBUTE, kind);
    });
    doc.getMap<unknown>(SharedTypes.meta).set(VERSION_KEY, MINUTES_DRAFT_VERSION);
  });
  return true;
}
