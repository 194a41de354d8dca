/**
 * PAdES B-LT: the Document Security Store (ISO 32000-2 12.8.4.3, ETSI EN 319 142-1 5.4). Appends
 * an incremental update that adds or extends the catalog's /DSS with the certificates, OCSP
 * responses and CRLs (DER) a verifier needs once the network or the certificates are gone.
 * Pure: bytes in, bytes out. Material already in the store is not written twice, and when
 * nothing is new the file comes back unchanged (no empty revision).
 */
import { bytesEqual } from './der';
import { decodeStream } from './pdf-filters';
import { readCatalog } from './pdf-form';
import { ObjectNumbers, type UpdatedObject, addEntries } from './pdf-incremental';
import { writeIncrementalUpdate } from './pdf-incremental';
import { PdfDict, PdfName, PdfRef, type PdfValue } from './pdf-objects';
import { type PdfFile, readPdf, resolveDict } from './pdf-xref';

/** Validation material, each item one DER object. */
export interface ValidationMaterial {
  readonly certificates: readonly Uint8Array[];
  /** DER OCSPResponse (RFC 6960), as the responder answered. */
  readonly ocspResponses: readonly Uint8Array[];
  readonly crls: readonly Uint8Array[];
}

/** The three DSS arrays, in the names the PDF uses. */
const DSS_ARRAYS = [
  ['Certs', 'certificates'],
  ['OCSPs', 'ocspResponses'],
  ['CRLs', 'crls'],
] as const;

export interface DssUpdate {
  /** The file with the DSS revision appended, or the input itself when nothing was new. */
  readonly pdf: Uint8Array;
  /** How many items of each kind the new revision added. */
  readonly added: {
    readonly certificates: number;
    readonly ocspResponses: number;
    readonly crls: number;
  };
}

/** What the store already holds: the refs of each array and the decoded bytes behind them. */
export interface DssContents {
  readonly certificates: readonly Uint8Array[];
  readonly ocspResponses: readonly Uint8Array[];
  readonly crls: readonly Uint8Array[];
}

async function readArray(
  file: PdfFile,
  dss: PdfDict | undefined,
  key: string,
): Promise<{ refs: PdfValue[]; data: Uint8Array[] }> {
  const list = await file.resolve(dss?.get(key));
  const refs = Array.isArray(list) ? list : [];
  const data: Uint8Array[] = [];
  for (const item of refs) {
    if (!(item instanceof PdfRef)) continue;
    const stream = await file.getStream(item);
    if (stream) data.push(await decodeStream(stream));
  }
  return { refs, data };
}

/** The material already embedded in a file's DSS (empty lists when it has none). */
export async function readDss(pdf: Uint8Array | PdfFile): Promise<DssContents> {
  const file = pdf instanceof Uint8Array ? await readPdf(pdf) : pdf;
  const catalog = await readCatalog(file);
  const dss = await resolveDict(file, catalog.dict.get('DSS'));
  const [certs, ocsps, crls] = await Promise.all(
    DSS_ARRAYS.map(([key]) => readArray(file, dss, key)),
  );
  return {
    certificates: certs?.data ?? [],
    ocspResponses: ocsps?.data ?? [],
    crls: crls?.data ?? [],
  };
}

/** Items of `wanted` that are neither in `have` nor earlier in `wanted`. */
function fresh(have: readonly Uint8Array[], wanted: readonly Uint8Array[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const item of wanted) {
    if (have.some((h) => bytesEqual(h, item)) || out.some((o) => bytesEqual(o, item))) continue;
    out.push(item);
  }
  return out;
}

/**
 * Adds `material` to the file's DSS in one incremental update (a classic xref section after a
 * classic file). Existing entries keep their objects; the DSS dictionary is written anew with
 * the old refs followed by the new streams, and the catalog gains /DSS if it had none.
 */
export async function appendDss(pdf: Uint8Array, material: ValidationMaterial): Promise<DssUpdate> {
  const file = await readPdf(pdf);
  const catalog = await readCatalog(file);
  const dssValue = catalog.dict.get('DSS');
  const oldDss = await resolveDict(file, dssValue);
  const numbers = new ObjectNumbers(file);
  const objects: UpdatedObject[] = [];
  const dss = oldDss ? oldDss.clone() : new PdfDict([['Type', new PdfName('DSS')]]);
  const added = { certificates: 0, ocspResponses: 0, crls: 0 };
  for (const [key, kind] of DSS_ARRAYS) {
    const existing = await readArray(file, oldDss, key);
    const items = fresh(existing.data, material[kind]);
    if (items.length === 0) continue;
    added[kind] = items.length;
    const refs: PdfValue[] = [...existing.refs];
    for (const data of items) {
      const ref = numbers.allocate();
      refs.push(ref);
      objects.push({ ref, value: new PdfDict([['Length', data.length]]), streamData: data });
    }
    dss.set(key, refs);
  }
  if (objects.length === 0) return { pdf, added };

  if (dssValue instanceof PdfRef) {
    objects.push({ ref: dssValue, value: dss });
  } else {
    // No DSS, or one written inline in the catalog: the catalog points at a new DSS object.
    const dssRef = numbers.allocate();
    objects.push({ ref: dssRef, value: dss });
    const source = await file.getObject(catalog.ref.num);
    if (!source) throw new Error('the catalog object cannot be read back');
    objects.push(
      dssValue === undefined
        ? addEntries(source, [['DSS', dssRef]])
        : { ref: catalog.ref, value: catalog.dict.clone().set('DSS', dssRef) },
    );
  }
  return { pdf: writeIncrementalUpdate(file, objects, numbers), added };
}
