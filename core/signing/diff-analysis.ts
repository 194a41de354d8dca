/**
 * Difference analysis between PDF revisions: every object a later revision writes (classic
 * xref, xref stream or packed in an object stream) is compared, parsed, with the signed
 * revision's version, and refused unless a rule in diff-rules.ts permits it. New objects are
 * judged through the references to them that a rule approved (an orphan changes nothing).
 */
import { type ObjectRole, objectRoles } from './diff-roles';
import { REVISION_RULES, UNRULED_ROLES, isRefusal, judgeCatalog } from './diff-rules';
import {
  type ChangeAnalysis,
  type ModificationLevel,
  NO_CHANGES,
  type PermittedChange,
  type RefusedChange,
  maxLevel,
  mergeAnalyses,
  sameObject,
  sameValue,
} from './diff-vocabulary';
import { PdfRef } from './pdf-objects';
import type { IndirectObject } from './pdf-parse';
import type { PdfRevision, PdfRevisions } from './pdf-revisions';
import type { PdfFile } from './pdf-xref';

const ROLE_WORDS: Readonly<Record<ObjectRole, string>> = {
  catalog: 'the document catalog',
  acroform: 'the form',
  'fields-array': 'the form field list',
  'signature-field': 'a signature field',
  'signature-widget': 'a signature widget',
  signature: 'a signature dictionary',
  'page-tree': 'the page tree',
  page: 'a page',
  'annots-array': "a page's annotation list",
  content: 'a page content stream',
  font: 'a font',
  dss: 'the DSS',
  info: 'the document information (metadata)',
  other: 'an object of the signed revision',
};

/** Cross-reference and object streams are containers: their contents are judged one by one. */
const isContainer = (o: IndirectObject | undefined): boolean => {
  const type = o?.stream?.dict.nameOf('Type');
  return type === 'XRef' || type === 'ObjStm';
};

/** What `next` changed relative to `prev`, the revision just before it. */
export async function analyseRevision(prev: PdfFile, next: PdfFile): Promise<ChangeAnalysis> {
  const roles = await objectRoles(prev);
  const ctx = { old: prev, new: next };
  let level: ModificationLevel = 'none';
  const permitted = new Set<PermittedChange>();
  const refused: RefusedChange[] = [];
  const refuse = (r: RefusedChange): void => void refused.push(r);

  const oldRoot = prev.trailer.get('Root');
  const newRoot = next.trailer.get('Root');
  if (!sameValue(oldRoot, newRoot) && newRoot instanceof PdfRef) {
    // A catalog at a new object number is judged as a rewrite of the old one.
    const o = await prev.resolve(oldRoot);
    const n = await next.resolve(newRoot);
    const outcome = await judgeCatalog(o ?? null, n ?? null, ctx);
    if (isRefusal(outcome)) refuse({ code: outcome.refused, message: outcome.message });
    else outcome.permitted.forEach((p) => permitted.add(p));
  }
  // A new document information dictionary is permitted and named, as pyHanko's DocInfoRule
  // permits it: it is not page content, and the verdict still says it changed. A rewrite of
  // the same object is judged below by the info rule.
  const oldInfo = prev.trailer.get('Info');
  const newInfo = next.trailer.get('Info');
  if (
    !sameValue(oldInfo, newInfo) &&
    !sameValue(await prev.resolve(oldInfo), await next.resolve(newInfo))
  ) {
    level = maxLevel(level, 'lta-updates');
    permitted.add('document-info-updated');
  }

  for (const [num, kind] of next.newestSection) {
    if (num === 0) continue;
    const before = await prev.getObject(num);
    if (kind === 'free') {
      if (before)
        refuse({ code: 'object-freed', object: num, message: `object ${num} was deleted` });
      continue;
    }
    const after = await next.getObject(num);
    if (!before || !after) continue;
    if (isContainer(after) && isContainer(before)) continue;
    if (sameObject(before, after)) continue;
    const role = roles.get(num) ?? 'other';
    const rule = REVISION_RULES.find((r) => r.role === role);
    const words = ROLE_WORDS[role];
    if (!rule || (before.stream ?? after.stream)) {
      if (role !== 'dss') {
        refuse({
          code: UNRULED_ROLES[role],
          object: num,
          message: `${words} (object ${num}) changed`,
        });
        continue;
      }
    }
    if (!rule) continue;
    const outcome = await rule.judge(before.value, after.value, ctx);
    if (isRefusal(outcome))
      refuse({ code: outcome.refused, object: num, message: `${outcome.message} (object ${num})` });
    else {
      level = maxLevel(level, outcome.level);
      outcome.permitted.forEach((p) => permitted.add(p));
    }
  }
  if (refused.length > 0) level = 'other';
  else if (next.newestSection.size > 0 && level === 'none') level = 'lta-updates';
  return { level, permitted: [...permitted], refused };
}

/** Everything the revisions after `revision` changed, one analysis per revision merged. */
export async function analyseAfter(
  revisions: PdfRevisions,
  revision: PdfRevision,
): Promise<ChangeAnalysis> {
  const list = revisions.revisions;
  const out: ChangeAnalysis[] = [NO_CHANGES];
  for (let i = revision.index + 1; i < list.length; i++) {
    const prev = list[i - 1];
    const next = list[i];
    if (prev && next) out.push(await analyseRevision(prev.file, next.file));
  }
  if (revisions.trailingBytes > 0)
    out.push({
      level: 'other',
      permitted: [],
      refused: [
        {
          code: 'data-appended',
          message: `${revisions.trailingBytes} bytes were appended outside any revision`,
        },
      ],
    });
  return mergeAnalyses(out);
}
