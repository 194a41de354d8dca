/**
 * What each object of a signed revision is for — catalog, form, signature field, page, page
 * content, DSS… — so a later rewrite of it is judged by the rule for that role.
 */
import { listFields, readCatalog } from './pdf-form';
import { PdfDict, PdfRef, type PdfValue } from './pdf-objects';
import { type PdfFile, resolveDict } from './pdf-xref';

export type ObjectRole =
  | 'catalog'
  | 'acroform'
  | 'fields-array'
  | 'signature-field'
  | 'signature-widget'
  | 'signature'
  | 'page-tree'
  | 'page'
  | 'annots-array'
  | 'content'
  | 'font'
  | 'dss'
  | 'info'
  | 'other';

export type RoleMap = ReadonlyMap<number, ObjectRole>;

const MAX_WALK = 100_000;

export async function objectRoles(file: PdfFile): Promise<RoleMap> {
  const roles = new Map<number, ObjectRole>();
  const give = (v: PdfValue | undefined, role: ObjectRole): void => {
    if (v instanceof PdfRef && !roles.has(v.num)) roles.set(v.num, role);
  };
  const catalog = await readCatalog(file);
  give(catalog.ref, 'catalog');
  give(file.trailer.get('Info'), 'info');
  give(catalog.dict.get('AcroForm'), 'acroform');
  give(catalog.acroForm?.get('Fields'), 'fields-array');
  for (const field of await listFields(file, catalog.acroForm)) {
    if (field.type !== 'Sig') continue;
    give(field.ref, 'signature-field');
    give(field.dict.get('V'), 'signature');
    const kids = await file.resolve(field.dict.get('Kids'));
    if (Array.isArray(kids)) for (const k of kids) give(k, 'signature-widget');
  }
  await walkPages(file, catalog.dict.get('Pages'), give);
  await walkTree(file, catalog.dict.get('DSS'), (ref) => give(ref, 'dss'));
  return roles;
}

async function walkPages(
  file: PdfFile,
  root: PdfValue | undefined,
  give: (v: PdfValue | undefined, role: ObjectRole) => void,
): Promise<void> {
  const queue: PdfValue[] = [root ?? null];
  const seen = new Set<number>();
  while (queue.length > 0 && seen.size < MAX_WALK) {
    const node = queue.shift();
    if (!(node instanceof PdfRef) || seen.has(node.num)) continue;
    seen.add(node.num);
    const dict = await resolveDict(file, node);
    if (!dict) continue;
    const kids = await file.resolve(dict.get('Kids'));
    if (Array.isArray(kids)) {
      give(node, 'page-tree');
      queue.push(...kids);
      continue;
    }
    give(node, 'page');
    give(dict.get('Annots'), 'annots-array');
    const contents = dict.get('Contents');
    give(contents, 'content');
    const list = await file.resolve(contents);
    if (Array.isArray(list)) for (const c of list) give(c, 'content');
    const resources = await resolveDict(file, dict.get('Resources'));
    const fonts = await resolveDict(file, resources?.get('Font'));
    if (fonts) for (const f of fonts.entries.values()) give(f, 'font');
  }
}

/** Visits every indirect object reachable from `start` (bounded). */
export async function walkTree(
  file: PdfFile,
  start: PdfValue | undefined,
  visit: (ref: PdfRef) => void,
): Promise<void> {
  const seen = new Set<number>();
  const stack: (PdfValue | undefined)[] = [start];
  while (stack.length > 0 && seen.size < MAX_WALK) {
    const v = stack.pop();
    if (v instanceof PdfRef) {
      if (seen.has(v.num)) continue;
      seen.add(v.num);
      visit(v);
      const obj = await file.getObject(v.num);
      stack.push(obj?.value);
    } else if (Array.isArray(v)) stack.push(...v);
    else if (v instanceof PdfDict) stack.push(...v.entries.values());
  }
}
