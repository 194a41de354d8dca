/**
 * The words of the difference analysis: how far a later revision went (pyHanko's modification
 * levels), what a rule permitted, and why a change was refused. Server, CLI and UI show these.
 */
import { PdfDict, PdfName, PdfRaw, PdfRef, PdfString, type PdfValue } from './pdf-objects';
import type { IndirectObject } from './pdf-parse';

/** Ordered: each level allows everything the ones before it allow. */
export type ModificationLevel = 'none' | 'lta-updates' | 'form-filling' | 'annotations' | 'other';

export const LEVEL_RANK: Readonly<Record<ModificationLevel, number>> = {
  none: 0,
  'lta-updates': 1,
  'form-filling': 2,
  annotations: 3,
  other: 4,
};

export const maxLevel = (a: ModificationLevel, b: ModificationLevel): ModificationLevel =>
  LEVEL_RANK[a] >= LEVEL_RANK[b] ? a : b;

/** Changes a rule may permit after a signature. */
export type PermittedChange =
  | 'signature-added'
  | 'signature-field-created'
  | 'document-timestamp-added'
  | 'widget-joined-annots'
  | 'form-fields-grew'
  | 'dss-updated'
  | 'catalog-references'
  | 'document-info-updated';

/** Why a change was refused (a change after signing). */
export type RefusedChangeCode =
  | 'page-changed'
  | 'page-content-changed'
  | 'annotation-added'
  | 'font-changed'
  | 'signed-field-changed'
  | 'signature-rewritten'
  | 'form-changed'
  | 'catalog-changed'
  | 'metadata-changed'
  | 'object-freed'
  | 'object-changed'
  | 'data-appended'
  | 'docmdp-forbids'
  | 'not-a-revision';

export interface RefusedChange {
  readonly code: RefusedChangeCode;
  /** The object number concerned, when there is one. */
  readonly object?: number;
  readonly message: string;
}

/** What one revision, or all revisions after a signature, changed. */
export interface ChangeAnalysis {
  readonly level: ModificationLevel;
  readonly permitted: readonly PermittedChange[];
  readonly refused: readonly RefusedChange[];
}

export const NO_CHANGES: ChangeAnalysis = { level: 'none', permitted: [], refused: [] };

export function mergeAnalyses(list: readonly ChangeAnalysis[]): ChangeAnalysis {
  let level: ModificationLevel = 'none';
  const permitted = new Set<PermittedChange>();
  const refused: RefusedChange[] = [];
  for (const a of list) {
    level = maxLevel(level, a.level);
    for (const p of a.permitted) permitted.add(p);
    refused.push(...a.refused);
  }
  return { level, permitted: [...permitted], refused };
}

const bytesSame = (a: Uint8Array, b: Uint8Array): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/** Deep equality of parsed values, as a verifier compares them (not their spelling). */
export function sameValue(a: PdfValue | undefined, b: PdfValue | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a === null || b === null) return false;
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  if (a instanceof PdfName) return b instanceof PdfName && a.name === b.name;
  if (a instanceof PdfString) return b instanceof PdfString && bytesSame(a.bytes, b.bytes);
  if (a instanceof PdfRef) return b instanceof PdfRef && a.num === b.num && a.gen === b.gen;
  if (a instanceof PdfRaw) return b instanceof PdfRaw && a.text === b.text;
  if (Array.isArray(a))
    return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (!(a instanceof PdfDict) || !(b instanceof PdfDict)) return false;
  return differingKeys(a, b).length === 0;
}

/** Keys whose values differ between two dictionaries (added, removed or changed). */
export function differingKeys(a: PdfDict, b: PdfDict): string[] {
  const keys = new Set([...a.entries.keys(), ...b.entries.keys()]);
  return [...keys].filter((k) => !sameValue(a.get(k), b.get(k)));
}

export function sameObject(a: IndirectObject, b: IndirectObject): boolean {
  if (!sameValue(a.value, b.value)) return false;
  if (!a.stream || !b.stream) return !a.stream && !b.stream;
  return bytesSame(a.stream.data, b.stream.data);
}
