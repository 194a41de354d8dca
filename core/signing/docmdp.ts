/**
 * DocMDP certification (ISO 32000-1 12.8.2.2): a certification signature's /Reference names the
 * DocMDP transform with /P — 1 no changes, 2 form filling and signing, 3 also annotations — and
 * the catalog's /Perms /DocMDP points at it. A field /Lock (FieldMDP) may carry /P as well.
 */
import { type ModificationLevel, LEVEL_RANK } from './diff-vocabulary';
import type { PdfDict } from './pdf-objects';
import { PdfRef } from './pdf-objects';
import { type PdfFile, isName, resolveDict } from './pdf-xref';

export type DocMdpPermission = 1 | 2 | 3;

const asPermission = (v: unknown): DocMdpPermission | undefined =>
  v === 1 || v === 2 || v === 3 ? v : undefined;

/** The /P of a signature dictionary's DocMDP reference, if it is a certification signature. */
export async function docMdpOfSignature(
  file: PdfFile,
  sig: PdfDict,
): Promise<DocMdpPermission | undefined> {
  const refs = await file.resolve(sig.get('Reference'));
  if (!Array.isArray(refs)) return undefined;
  for (const r of refs) {
    const dict = await resolveDict(file, r);
    if (!dict || !isName(dict.get('TransformMethod'), 'DocMDP')) continue;
    const params = await resolveDict(file, dict.get('TransformParams'));
    const p = await file.resolve(params?.get('P'));
    return asPermission(p) ?? 2; // /P defaults to 2
  }
  return undefined;
}

/** The permission of the document's certification, from the catalog's /Perms /DocMDP. */
export async function documentCertification(
  file: PdfFile,
  catalog: PdfDict,
): Promise<DocMdpPermission | undefined> {
  const perms = await resolveDict(file, catalog.get('Perms'));
  const ref = perms?.get('DocMDP');
  const sig = await resolveDict(file, ref);
  if (!(ref instanceof PdfRef) || !sig) return undefined;
  return docMdpOfSignature(file, sig);
}

/** The /P of a signature field's /Lock dictionary (FieldMDP with a DocMDP-style limit). */
export async function lockPermission(
  file: PdfFile,
  field: PdfDict,
): Promise<DocMdpPermission | undefined> {
  const lock = await resolveDict(file, field.get('Lock'));
  return asPermission(await file.resolve(lock?.get('P')));
}

/** Whether changes up to `level` are within what permission `p` allows. */
export function docMdpAllows(p: DocMdpPermission, level: ModificationLevel): boolean {
  return LEVEL_RANK[level] <= p;
}
