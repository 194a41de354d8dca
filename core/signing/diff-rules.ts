/**
 * The rules, as data, that may permit rewriting an object of a signed revision. One rule per
 * role; an object with no rule for its role, or whose rule finds anything else changed, is a
 * change after signing. Modelled on pyHanko's sign/diff_analysis (read for ideas, not copied).
 */
import type { ObjectRole } from './diff-roles';
import {
  type ModificationLevel,
  type PermittedChange,
  type RefusedChangeCode,
  differingKeys,
  maxLevel,
  sameValue,
} from './diff-vocabulary';
import { PdfDict, PdfRef, type PdfValue } from './pdf-objects';
import { type PdfFile, isName, resolveDict } from './pdf-xref';

export interface RuleContext {
  readonly old: PdfFile;
  readonly new: PdfFile;
}

export type RuleOutcome =
  | { readonly permitted: PermittedChange[]; readonly level: ModificationLevel }
  | { readonly refused: RefusedChangeCode; readonly message: string };

export interface RevisionRule {
  readonly role: ObjectRole;
  /** What the rule permits, in words (for documentation and tests). */
  readonly permits: string;
  judge(oldValue: PdfValue, newValue: PdfValue, ctx: RuleContext): Promise<RuleOutcome>;
}

const refuse = (code: RefusedChangeCode, message: string): RuleOutcome => ({
  refused: code,
  message,
});
const permit = (level: ModificationLevel, ...permitted: PermittedChange[]): RuleOutcome => ({
  permitted,
  level,
});
const isRefusal = (o: RuleOutcome): o is Extract<RuleOutcome, { refused: RefusedChangeCode }> =>
  'refused' in o;

function combine(outcomes: readonly RuleOutcome[]): RuleOutcome {
  const refusal = outcomes.find(isRefusal);
  if (refusal) return refusal;
  let level: ModificationLevel = 'none';
  const permitted: PermittedChange[] = [];
  for (const o of outcomes) {
    if (isRefusal(o)) continue;
    level = maxLevel(level, o.level);
    permitted.push(...o.permitted);
  }
  return { permitted, level };
}

/** Whether `value` (in the new revision) is a signature field or a widget of one. */
async function isSignatureWidget(file: PdfFile, value: PdfValue): Promise<boolean> {
  const dict = await resolveDict(file, value);
  if (!dict || !isName(dict.get('Subtype'), 'Widget')) return false;
  if (isName(dict.get('FT'), 'Sig')) return true;
  const parent = await resolveDict(file, dict.get('Parent'));
  return !!parent && isName(parent.get('FT'), 'Sig');
}

/** An array that may only grow, by items `accept` approves; the old items stay in place. */
async function judgeGrowingList(
  oldList: PdfValue | undefined,
  newList: PdfValue | undefined,
  accept: (item: PdfValue) => Promise<boolean>,
  onReject: RuleOutcome,
  onGrow: RuleOutcome,
): Promise<RuleOutcome> {
  const before = Array.isArray(oldList) ? oldList : [];
  if (!Array.isArray(newList)) return onReject;
  if (!before.every((item) => newList.some((n) => sameValue(n, item)))) return onReject;
  const added = newList.filter((n) => !before.some((item) => sameValue(n, item)));
  for (const item of added) if (!(await accept(item))) return onReject;
  return added.length > 0 ? onGrow : permit('none');
}

/**
 * Document timestamps (B-LTA) come in a new invisible field of their own: when every item a
 * list gained is such a field, the growth is an LTA update, as pyHanko judges it (and as DocMDP
 * P=1 still allows), not form filling.
 */
async function onlyDocumentTimestampsAdded(
  oldList: PdfValue | undefined,
  newList: PdfValue | undefined,
  ctx: RuleContext,
): Promise<boolean> {
  const before = Array.isArray(oldList) ? oldList : [];
  if (!Array.isArray(newList)) return false;
  const added = newList.filter((n) => !before.some((item) => sameValue(n, item)));
  if (added.length === 0) return false;
  for (const item of added) {
    const field = await resolveDict(ctx.new, item);
    const value = field && (await resolveDict(ctx.new, field.get('V')));
    if (!value || !isName(value.get('Type'), 'DocTimeStamp')) return false;
  }
  return true;
}

const DOCUMENT_TIMESTAMP_ADDED = permit('lta-updates', 'document-timestamp-added');

async function judgeFields(
  oldFields: PdfValue | undefined,
  newFields: PdfValue | undefined,
  ctx: RuleContext,
): Promise<RuleOutcome> {
  const before = await ctx.old.resolve(oldFields);
  const after = await ctx.new.resolve(newFields);
  return judgeGrowingList(
    before,
    after,
    async (item) => {
      const dict = await resolveDict(ctx.new, item);
      return !!dict && isName(dict.get('FT'), 'Sig') && item instanceof PdfRef;
    },
    refuse('form-changed', 'the form gained a field that is not a signature field'),
    (await onlyDocumentTimestampsAdded(before, after, ctx))
      ? DOCUMENT_TIMESTAMP_ADDED
      : permit('form-filling', 'form-fields-grew', 'signature-field-created'),
  );
}

async function judgeAnnots(
  oldAnnots: PdfValue | undefined,
  newAnnots: PdfValue | undefined,
  ctx: RuleContext,
): Promise<RuleOutcome> {
  const before = await ctx.old.resolve(oldAnnots);
  const after = await ctx.new.resolve(newAnnots);
  return judgeGrowingList(
    before,
    after,
    (item) => isSignatureWidget(ctx.new, item),
    refuse('annotation-added', 'an annotation other than a signature widget was added or removed'),
    (await onlyDocumentTimestampsAdded(before, after, ctx))
      ? DOCUMENT_TIMESTAMP_ADDED
      : permit('form-filling', 'widget-joined-annots'),
  );
}

async function judgeAcroFormDicts(
  oldForm: PdfDict | undefined,
  newForm: PdfDict | undefined,
  ctx: RuleContext,
): Promise<RuleOutcome> {
  if (!newForm) return refuse('form-changed', 'the form was removed');
  const before = oldForm ?? new PdfDict();
  const keys = differingKeys(before, newForm);
  const other = keys.filter((k) => k !== 'Fields' && k !== 'SigFlags');
  if (other.length > 0) return refuse('form-changed', `the form's /${other[0]} changed`);
  if (!keys.includes('Fields')) return permit('lta-updates');
  return judgeFields(before.get('Fields'), newForm.get('Fields'), ctx);
}

const DSS_KEYS = new Set(['Type', 'VRI', 'Certs', 'OCSPs', 'CRLs']);

async function judgeDssDict(value: PdfValue | undefined, ctx: RuleContext): Promise<RuleOutcome> {
  const dss = await resolveDict(ctx.new, value);
  if (!dss) return refuse('catalog-changed', 'the catalog /DSS is not a dictionary');
  const extra = [...dss.entries.keys()].find((k) => !DSS_KEYS.has(k));
  if (extra) return refuse('catalog-changed', `the DSS holds an unexpected /${extra}`);
  return permit('lta-updates', 'dss-updated');
}

/**
 * A rewrite of an object inside the DSS. Its streams are validation data and its arrays lists
 * of them, so both may change (pyHanko permits extending /DSS and /VRI at every DocMDP level);
 * the DSS dictionary itself must stay a DSS, so it cannot smuggle in an action or a form.
 */
async function judgeDssObject(o: PdfValue, n: PdfValue, ctx: RuleContext): Promise<RuleOutcome> {
  const wasDss = o instanceof PdfDict && isName(o.get('Type'), 'DSS');
  const isDss = n instanceof PdfDict && isName(n.get('Type'), 'DSS');
  if (wasDss && !isDss) return refuse('catalog-changed', 'the DSS was replaced by something else');
  if (isDss) return judgeDssDict(n, ctx);
  return permit('lta-updates', 'dss-updated');
}

async function judgeCatalog(o: PdfValue, n: PdfValue, ctx: RuleContext): Promise<RuleOutcome> {
  if (!(o instanceof PdfDict) || !(n instanceof PdfDict))
    return refuse('catalog-changed', 'the document catalog was replaced');
  const keys = differingKeys(o, n);
  const other = keys.find((k) => k !== 'AcroForm' && k !== 'DSS');
  if (other) return refuse('catalog-changed', `the document catalog's /${other} changed`);
  const outcomes: RuleOutcome[] = [permit('lta-updates', 'catalog-references')];
  if (keys.includes('AcroForm')) {
    outcomes.push(
      await judgeAcroFormDicts(
        await resolveDict(ctx.old, o.get('AcroForm')),
        await resolveDict(ctx.new, n.get('AcroForm')),
        ctx,
      ),
    );
  }
  if (keys.includes('DSS')) outcomes.push(await judgeDssDict(n.get('DSS'), ctx));
  return combine(outcomes);
}

/** Filling an empty signature field: /V (a new signature) and its appearance, nothing else. */
async function judgeSignatureField(
  o: PdfValue,
  n: PdfValue,
  ctx: RuleContext,
): Promise<RuleOutcome> {
  if (!(o instanceof PdfDict) || !(n instanceof PdfDict))
    return refuse('signed-field-changed', 'a signature field was replaced');
  if (o.get('V') !== undefined)
    return refuse('signed-field-changed', 'a field that was already signed was changed');
  const keys = differingKeys(o, n);
  const other = keys.find((k) => k !== 'V' && k !== 'AP');
  if (other) return refuse('signed-field-changed', `a signature field's /${other} changed`);
  if (!keys.includes('V'))
    return refuse('signed-field-changed', 'an unsigned field changed without being signed');
  const sig = await resolveDict(ctx.new, n.get('V'));
  const existedBefore =
    n.get('V') instanceof PdfRef && !!(await ctx.old.getObject((n.get('V') as PdfRef).num));
  if (!sig || existedBefore)
    return refuse('signed-field-changed', 'a field was given a value that is not a new signature');
  if (isName(sig.get('Type'), 'DocTimeStamp'))
    return permit('lta-updates', 'document-timestamp-added');
  return permit('form-filling', 'signature-added');
}

/** A kid widget of a signature field may gain its appearance when the field is signed. */
async function judgeSignatureWidget(
  o: PdfValue,
  n: PdfValue,
  ctx: RuleContext,
): Promise<RuleOutcome> {
  if (!(o instanceof PdfDict) || !(n instanceof PdfDict))
    return refuse('signed-field-changed', 'a signature widget was replaced');
  const other = differingKeys(o, n).find((k) => k !== 'AP');
  if (other) return refuse('signed-field-changed', `a signature widget's /${other} changed`);
  const before = await resolveDict(ctx.old, o.get('Parent'));
  const after = await resolveDict(ctx.new, n.get('Parent'));
  if (before?.get('V') !== undefined || after?.get('V') === undefined)
    return refuse('signed-field-changed', 'a widget appearance changed without a new signature');
  return permit('form-filling', 'signature-added');
}

async function judgePage(o: PdfValue, n: PdfValue, ctx: RuleContext): Promise<RuleOutcome> {
  if (!(o instanceof PdfDict) || !(n instanceof PdfDict))
    return refuse('page-changed', 'a page was replaced');
  const other = differingKeys(o, n).filter((k) => k !== 'Annots');
  if (other.includes('Contents') || other.includes('Resources'))
    return refuse('page-content-changed', "a page's content changed after signing");
  if (other.length > 0) return refuse('page-changed', `a page's /${other[0]} changed`);
  return judgeAnnots(o.get('Annots'), n.get('Annots'), ctx);
}

export const REVISION_RULES: readonly RevisionRule[] = [
  {
    role: 'catalog',
    permits: 'the catalog gaining or changing its /AcroForm and /DSS references only',
    judge: judgeCatalog,
  },
  {
    role: 'acroform',
    permits: '/AcroForm /Fields growing by signature fields, and /SigFlags',
    judge: async (o, n, ctx) =>
      judgeAcroFormDicts(
        o instanceof PdfDict ? o : undefined,
        n instanceof PdfDict ? n : undefined,
        ctx,
      ),
  },
  {
    role: 'fields-array',
    permits: 'the /Fields array growing by signature fields',
    judge: (o, n, ctx) => judgeFields(o, n, ctx),
  },
  {
    role: 'signature-field',
    permits: "an empty signature field's /V set to a new signature, and its appearance",
    judge: judgeSignatureField,
  },
  {
    role: 'signature-widget',
    permits: "a signature field's widget getting its appearance when the field is signed",
    judge: judgeSignatureWidget,
  },
  {
    role: 'page',
    permits: "a page's /Annots growing by signature widgets, nothing else on the page",
    judge: judgePage,
  },
  {
    role: 'annots-array',
    permits: 'a page /Annots array growing by signature widgets',
    judge: (o, n, ctx) => judgeAnnots(o, n, ctx),
  },
  {
    role: 'dss',
    permits: 'the DSS (VRI, certificates, OCSP responses, CRLs) being extended, nothing else in it',
    judge: judgeDssObject,
  },
  {
    role: 'info',
    permits: 'the document information dictionary being updated (pyHanko: DocInfoRule)',
    judge: async () => permit('lta-updates', 'document-info-updated'),
  },
];

/** Refusals for roles no rule covers, in the words a reader understands. */
export const UNRULED_ROLES: Readonly<Record<ObjectRole, RefusedChangeCode>> = {
  catalog: 'catalog-changed',
  acroform: 'form-changed',
  'fields-array': 'form-changed',
  'signature-field': 'signed-field-changed',
  'signature-widget': 'signed-field-changed',
  signature: 'signature-rewritten',
  'page-tree': 'page-changed',
  page: 'page-changed',
  'annots-array': 'annotation-added',
  content: 'page-content-changed',
  font: 'font-changed',
  dss: 'object-changed',
  info: 'metadata-changed',
  other: 'object-changed',
};

export { isRefusal, judgeCatalog };
