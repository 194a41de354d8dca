/** Navigation of the document catalog: pages, the AcroForm and its (signature) fields. */
import { SigningError } from './errors';
import type { PdfDict } from './pdf-objects';
import { PdfRef, PdfString, type PdfValue, decodeTextString } from './pdf-objects';
import { type PdfFile, isName, resolveDict } from './pdf-xref';

export interface CatalogInfo {
  readonly ref: PdfRef;
  readonly dict: PdfDict;
  /** The AcroForm dictionary (resolved), if any, and the ref it lives at when indirect. */
  readonly acroForm: PdfDict | undefined;
  readonly acroFormRef: PdfRef | undefined;
}

export async function readCatalog(file: PdfFile): Promise<CatalogInfo> {
  const root = file.trailer.get('Root');
  const dict = await resolveDict(file, root);
  if (!(root instanceof PdfRef) || !dict)
    throw new SigningError('PDF_MALFORMED', 'The PDF has no document catalog');
  const af = dict.get('AcroForm');
  return {
    ref: root,
    dict,
    acroForm: await resolveDict(file, af),
    acroFormRef: af instanceof PdfRef ? af : undefined,
  };
}

export async function getPageRef(file: PdfFile, catalog: PdfDict, index: number): Promise<PdfRef> {
  let remaining = index;
  let node = catalog.get('Pages');
  for (let depth = 0; depth < 64; depth++) {
    const dict = await resolveDict(file, node);
    const kids = await file.resolve(dict?.get('Kids'));
    if (!dict || !Array.isArray(kids)) break;
    let descended = false;
    for (const kid of kids) {
      const kidDict = await resolveDict(file, kid);
      if (!kidDict || !(kid instanceof PdfRef)) continue;
      if (isName(kidDict.get('Type'), 'Pages') || kidDict.get('Kids') !== undefined) {
        const count = kidDict.get('Count');
        const n = typeof count === 'number' ? count : 0;
        if (remaining < n) {
          node = kid;
          descended = true;
          break;
        }
        remaining -= n;
      } else if (remaining-- === 0) {
        return kid;
      }
    }
    if (!descended) break;
  }
  throw new SigningError('PAGE_NOT_FOUND', `The PDF has no page ${index + 1}`);
}

export interface FormField {
  readonly ref: PdfRef;
  readonly dict: PdfDict;
  /** Fully qualified name (partial names joined with "."). */
  readonly name: string;
  /** Field type, inherited from ancestors when absent. */
  readonly type: string | undefined;
}

/** All terminal fields of the AcroForm, depth first. */
export async function listFields(
  file: PdfFile,
  acroForm: PdfDict | undefined,
): Promise<FormField[]> {
  const out: FormField[] = [];
  const seen = new Set<number>();
  async function walk(
    items: PdfValue | undefined,
    prefix: string,
    inheritedType: string | undefined,
  ): Promise<void> {
    const list = await file.resolve(items);
    if (!Array.isArray(list)) return;
    for (const item of list) {
      if (!(item instanceof PdfRef) || seen.has(item.num)) continue;
      seen.add(item.num);
      const dict = await resolveDict(file, item);
      if (!dict) continue;
      const t = dict.get('T');
      const partial = t instanceof PdfString ? decodeTextString(t) : undefined;
      const name = partial === undefined ? prefix : prefix ? `${prefix}.${partial}` : partial;
      const type = dict.nameOf('FT') ?? inheritedType;
      const kids = await file.resolve(dict.get('Kids'));
      const kidsAreFields =
        Array.isArray(kids) &&
        (
          await Promise.all(
            kids.map(async (k) => (await resolveDict(file, k))?.get('T') !== undefined),
          )
        ).some(Boolean);
      if (kidsAreFields) await walk(kids, name, type);
      else out.push({ ref: item, dict, name, type });
    }
  }
  await walk(acroForm?.get('Fields'), '', undefined);
  return out;
}
