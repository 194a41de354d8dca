/**
 * PAdES B-B signing of any valid PDF as an append-only incremental update: earlier
 * revisions — and the signatures over them — stay byte-for-byte intact.
 */
import type { CertificateSigner, Hasher } from '../crypto/types';
import { type AppearanceTextPainter, buildAppearance } from './appearance';
import { assembleDetachedCms, buildSignedAttributes, signWithCertificateKey } from './cms';
import { concatBytes } from './der';
import { SigningError } from './errors';
import { formatPdfDate } from './pdf-date';
import {
  ObjectNumbers,
  type UpdatedObject,
  addEntries,
  writeIncrementalUpdate,
} from './pdf-incremental';
import type { IndirectObject } from './pdf-parse';
import { type DocMdpPermission, documentCertification, lockPermission } from './docmdp';
import { type CatalogInfo, type FormField, getPageRef, listFields, readCatalog } from './pdf-form';
import {
  PdfDict,
  PdfName,
  PdfRaw,
  PdfRef,
  PdfString,
  type PdfValue,
  latin1Bytes,
  latin1Text,
  textString,
} from './pdf-objects';
import { type PdfFile, readPdf, resolveDict } from './pdf-xref';

/**
 * Bytes reserved for the CMS in /Contents by default. Room for the signer's chain and, since
 * PAdES B-T writes the signature timestamp into the same placeholder after signing, for a
 * TimeStampToken with its TSA certificate chain (a few KiB at real TSAs).
 */
export const DEFAULT_CONTENTS_SIZE = 16384;

/** Room for a CMS carrying `chainBytes` of signer certificates plus a signature timestamp. */
export const contentsSizeFor = (chainBytes: number): number =>
  Math.max(DEFAULT_CONTENTS_SIZE, chainBytes + 4096 + 8192);

export interface SignatureAppearance {
  /** Zero-based page index. */
  readonly page: number;
  /** [x1, y1, x2, y2] in PDF user space. */
  readonly rect: readonly [number, number, number, number];
  /** Text lines; defaults to name, role and time. */
  readonly lines?: readonly string[];
}

export interface SignPdfOptions extends PrepareSignatureOptions {
  /** Holds the key (RSA or EC: the scheme follows the leaf certificate) and the chain. */
  readonly signer: CertificateSigner;
}

/**
 * A PDF with its signature placeholder written and the signed attributes computed, waiting for
 * the signature value — what a hash-based remote signer (CSC signHash) or a token signs.
 */
export interface PreparedPdfSignature {
  /** The DER SET of signed attributes: the signature covers exactly these bytes. */
  readonly signedAttributes: Uint8Array;
  /** SHA-256 of signedAttributes: the hash a remote provider signs. */
  readonly signedAttributesDigest: Uint8Array;
  /**
   * Embeds the CMS made from `signature` (RSA PKCS#1 v1.5, or DER ECDSA) and returns the signed
   * file. It does not check the signature: verify the result before accepting it.
   */
  complete(signature: Uint8Array): Uint8Array;
}

export interface PrepareSignatureOptions {
  readonly pdf: Uint8Array;
  /** Leaf first; only needed when there is no `signer` (prepareSignature). */
  readonly certificateChainDer?: readonly Uint8Array[];
  readonly hasher: Hasher;
  /** Existing empty signature field to fill, or the name of a new one (default "Signature<n>"). */
  readonly fieldName?: string;
  readonly reason?: string;
  readonly location?: string;
  /** Signer's display name, written to /Name. */
  readonly name: string;
  /** Shown in the appearance (e.g. "Thư ký", "Chủ tọa"). */
  readonly role?: string;
  /** Claimed signing time, written to /M (PAdES B-B carries no signingTime attribute). */
  readonly signingTime: Date;
  /** Zone for /M and the appearance, minutes east of UTC; default 0. */
  readonly utcOffsetMinutes?: number;
  /** Where to draw a new field's widget; an existing field keeps its own rect. Absent: invisible. */
  readonly appearance?: SignatureAppearance;
  /** Paints text in the appearance (see appearance.ts); absent: a bordered box only. */
  readonly drawText?: AppearanceTextPainter;
  /** Bytes reserved for the CMS in /Contents; default DEFAULT_CONTENTS_SIZE. */
  readonly contentsSize?: number;
  /**
   * Make this a certification signature (DocMDP) with this permission: 1 no changes, 2 form
   * filling and signing, 3 also annotations. Only the first signature of a file may certify.
   */
  readonly certify?: DocMdpPermission;
}

const BYTE_RANGE_PLACEHOLDER = `[0 ${'9'.repeat(10)} ${'9'.repeat(10)} ${'9'.repeat(10)}]`;

function rectOf(v: PdfValue | undefined): [number, number, number, number] {
  const nums = Array.isArray(v) ? v.map((x) => (typeof x === 'number' ? x : 0)) : [];
  const [a = 0, b = 0, c = 0, d = 0] = nums;
  return [Math.min(a, c), Math.min(b, d), Math.max(a, c), Math.max(b, d)];
}

/** Adds `item` to an array that is either inline in `owner[key]` or an indirect object. */
async function appendToArray(
  file: PdfFile,
  owner: PdfDict,
  key: string,
  item: PdfRef,
  updates: UpdatedObject[],
): Promise<void> {
  const current = owner.get(key);
  const list = await file.resolve(current);
  const next = [...(Array.isArray(list) ? list : []), item];
  if (current instanceof PdfRef && Array.isArray(list)) updates.push({ ref: current, value: next });
  else owner.set(key, next);
}

async function existingObject(file: PdfFile, ref: PdfRef): Promise<IndirectObject> {
  const obj = await file.getObject(ref.num);
  if (!obj) throw new SigningError('PDF_MALFORMED', `Object ${ref.num} of the form is missing`);
  return obj;
}

function indexOf(haystack: Uint8Array, needle: string, from: number): number {
  const text = latin1Text(haystack.subarray(from));
  const i = text.indexOf(needle);
  return i < 0 ? -1 : from + i;
}

/** Signs `pdf` and returns the signed file (the input with one incremental update appended). */
export async function signPdf(options: SignPdfOptions): Promise<Uint8Array> {
  const chain = options.signer.certificateChainDer;
  const prepared = await preparePdfSignature({ ...options, certificateChainDer: chain });
  return prepared.complete(await signWithCertificateKey(options.signer, prepared.signedAttributes));
}

/**
 * Writes the placeholder and computes what must be signed, without a key: the signature comes
 * later (a remote provider's signHash, several records under one confirmation).
 */
export async function preparePdfSignature(
  options: PrepareSignatureOptions,
): Promise<PreparedPdfSignature> {
  const file = await readPdf(options.pdf);
  const catalog = await readCatalog(file);
  const fields = await listFields(file, catalog.acroForm);
  await refuseWhatCertificationForbids(file, catalog.dict, fields, options);
  return writeSignature(options, file, catalog, fields);
}

/** DocMDP P=1 (certification or a signed field's /Lock) allows no further signature. */
async function refuseWhatCertificationForbids(
  file: PdfFile,
  catalog: PdfDict,
  fields: readonly FormField[],
  options: PrepareSignatureOptions,
): Promise<void> {
  const certified = await documentCertification(file, catalog);
  const signed = fields.filter((f) => f.type === 'Sig' && f.dict.get('V') !== undefined);
  let locked = false;
  for (const f of signed) locked ||= (await lockPermission(file, f.dict)) === 1;
  if (certified === 1 || locked)
    throw new SigningError(
      'DOCUMENT_CERTIFIED_NO_CHANGES',
      'This document is certified with "no changes allowed" (DocMDP P=1): it cannot be signed again',
    );
  if (options.certify !== undefined && (certified !== undefined || signed.length > 0))
    throw new SigningError(
      'CERTIFICATION_NOT_FIRST',
      'Only the first signature of a document can certify it',
    );
}

/**
 * Signs without the DocMDP checks of signPdf. Only for building adversarial test files that
 * prove verifiers catch a signature the certification forbids; never call it in the product.
 */
export async function signPdfIgnoringCertification(options: SignPdfOptions): Promise<Uint8Array> {
  const file = await readPdf(options.pdf);
  const catalog = await readCatalog(file);
  const prepared = await writeSignature(
    { ...options, certificateChainDer: options.signer.certificateChainDer },
    file,
    catalog,
    await listFields(file, catalog.acroForm),
  );
  return prepared.complete(await signWithCertificateKey(options.signer, prepared.signedAttributes));
}

async function writeSignature(
  options: PrepareSignatureOptions,
  file: PdfFile,
  catalog: CatalogInfo,
  fields: readonly FormField[],
): Promise<PreparedPdfSignature> {
  const chain = options.certificateChainDer ?? [];
  const [leafDer] = chain;
  if (!leafDer) throw new SigningError('CERTIFICATE_MALFORMED', 'The signer has no certificate');
  const numbers = new ObjectNumbers(file);
  const updates: UpdatedObject[] = [];
  const fieldName = options.fieldName ?? nextFreeName(fields.map((f) => f.name));
  const existing = fields.find((f) => f.name === fieldName);
  const sigRef = numbers.allocate();
  const apRef = numbers.allocate();
  const when = formatPdfDate(options.signingTime, options.utcOffsetMinutes);
  const lines = options.appearance?.lines ?? [
    options.name,
    ...(options.role ? [options.role] : []),
    // Vietnamese style, dd/mm/yyyy hh:mm, with the zone it is given in.
    `${when.slice(8, 10)}/${when.slice(6, 8)}/${when.slice(2, 6)} ${when.slice(10, 12)}:${when.slice(12, 14)}` +
      ` (UTC${when.slice(16, 19)}:${when.slice(20, 22)})`,
  ];
  const acroForm = catalog.acroForm?.clone() ?? new PdfDict();
  let acroFormChanged = acroForm.get('SigFlags') !== 3;
  acroForm.set('SigFlags', 3);
  let rect: [number, number, number, number];

  if (existing) {
    if (existing.type !== 'Sig') {
      throw new SigningError(
        'SIGNATURE_FIELD_NOT_SIGNATURE',
        `Field "${fieldName}" is not a signature field`,
      );
    }
    if (existing.dict.get('V') !== undefined) {
      throw new SigningError('SIGNATURE_FIELD_TAKEN', `Field "${fieldName}" is already signed`);
    }
    // Only /V (and /AP) are added, to the original bytes: rewriting anything else (a /Rect
    // with rounded numbers) is a change after the earlier signatures that verifiers refuse.
    const fieldObject = await existingObject(file, existing.ref);
    const kids = await file.resolve(existing.dict.get('Kids'));
    const kidRef = Array.isArray(kids)
      ? kids.find((k): k is PdfRef => k instanceof PdfRef)
      : undefined;
    const kidDict = kidRef ? await resolveDict(file, kidRef) : undefined;
    const ap = new PdfDict([['N', apRef]]);
    if (kidRef && kidDict) {
      rect = rectOf(kidDict.get('Rect'));
      updates.push(addEntries(await existingObject(file, kidRef), [['AP', ap]]));
      updates.push(addEntries(fieldObject, [['V', sigRef]]));
    } else {
      rect = rectOf(existing.dict.get('Rect'));
      updates.push(
        addEntries(fieldObject, [
          ['V', sigRef],
          ['AP', ap],
        ]),
      );
    }
  } else {
    const pageIndex = options.appearance?.page ?? 0;
    const pageRef = await getPageRef(file, catalog.dict, pageIndex);
    const page = (await resolveDict(file, pageRef))?.clone();
    if (!page) throw new SigningError('PAGE_NOT_FOUND', `The PDF has no page ${pageIndex + 1}`);
    rect = options.appearance ? rectOf([...options.appearance.rect]) : [0, 0, 0, 0];
    const fieldRef = numbers.allocate();
    updates.push({
      ref: fieldRef,
      value: new PdfDict([
        ['Type', new PdfName('Annot')],
        ['Subtype', new PdfName('Widget')],
        ['FT', new PdfName('Sig')],
        ['T', textString(fieldName)],
        ['V', sigRef],
        ['F', 4],
        ['Rect', [...rect]],
        ['P', pageRef],
        ['AP', new PdfDict([['N', apRef]])],
      ]),
    });
    await appendToArray(file, page, 'Annots', fieldRef, updates);
    if (!(page.get('Annots') instanceof PdfRef)) updates.push({ ref: pageRef, value: page });
    const before = updates.length;
    await appendToArray(file, acroForm, 'Fields', fieldRef, updates);
    acroFormChanged ||= updates.length === before;
  }

  const catalogAdditions: [string, PdfValue][] = [];
  if (acroFormChanged) {
    if (catalog.acroFormRef) updates.push({ ref: catalog.acroFormRef, value: acroForm });
    else catalogAdditions.push(['AcroForm', acroForm]);
  }
  if (options.certify !== undefined)
    catalogAdditions.push(['Perms', new PdfDict([['DocMDP', sigRef]])]);
  if (catalogAdditions.length > 0)
    updates.push(addEntries(await existingObject(file, catalog.ref), catalogAdditions));

  const ap = buildAppearance(rect[2] - rect[0], rect[3] - rect[1], lines, options.drawText);
  updates.push({ ref: apRef, value: ap.dict, streamData: ap.data });
  const contentsSize = options.contentsSize ?? DEFAULT_CONTENTS_SIZE;
  const sig = new PdfDict([
    ['Type', new PdfName('Sig')],
    ['Filter', new PdfName('Adobe.PPKLite')],
    ['SubFilter', new PdfName('ETSI.CAdES.detached')],
    ['ByteRange', new PdfRaw(BYTE_RANGE_PLACEHOLDER)],
    ['Contents', new PdfRaw(`<${'0'.repeat(contentsSize * 2)}>`)],
    ['M', new PdfString(latin1Bytes(when))],
    ['Name', textString(options.name)],
  ]);
  if (options.reason) sig.set('Reason', textString(options.reason));
  if (options.location) sig.set('Location', textString(options.location));
  if (options.certify !== undefined) sig.set('Reference', [docMdpReference(options.certify)]);
  updates.unshift({ ref: sigRef, value: sig });

  const out = writeIncrementalUpdate(file, updates, numbers);
  const byteRangeAt = indexOf(out, `/ByteRange ${BYTE_RANGE_PLACEHOLDER}`, file.bytes.length);
  const contentsStart = indexOf(out, '/Contents <', byteRangeAt) + '/Contents '.length;
  const contentsEnd = contentsStart + contentsSize * 2 + 2;
  if (byteRangeAt < 0 || out[contentsEnd - 1] !== 0x3e)
    throw new Error('signature placeholder not found');
  const byteRange = [0, contentsStart, contentsEnd, out.length - contentsEnd];
  const filled = `[${byteRange.join(' ')}]`.padEnd(BYTE_RANGE_PLACEHOLDER.length, ' ');
  out.set(latin1Bytes(filled), byteRangeAt + '/ByteRange '.length);

  const digest = await options.hasher.sha256(
    concatBytes([out.subarray(0, contentsStart), out.subarray(contentsEnd)]),
  );
  const signedAttributes = await buildSignedAttributes(digest, leafDer, options.hasher);
  return {
    signedAttributes,
    signedAttributesDigest: await options.hasher.sha256(signedAttributes),
    complete(signature) {
      const cms = assembleDetachedCms(signedAttributes, signature, chain);
      if (cms.length > contentsSize) {
        throw new SigningError(
          'SIGNATURE_TOO_LARGE',
          `The signature needs ${cms.length} bytes; raise contentsSize`,
        );
      }
      const signed = out.slice();
      let hex = '';
      for (const b of cms) hex += b.toString(16).padStart(2, '0');
      signed.set(latin1Bytes(hex), contentsStart + 1);
      return signed;
    },
  };
}

function docMdpReference(p: DocMdpPermission): PdfDict {
  return new PdfDict([
    ['Type', new PdfName('SigRef')],
    ['TransformMethod', new PdfName('DocMDP')],
    [
      'TransformParams',
      new PdfDict([
        ['Type', new PdfName('TransformParams')],
        ['P', p],
        ['V', new PdfName('1.2')],
      ]),
    ],
  ]);
}

function nextFreeName(taken: readonly string[]): string {
  for (let n = 1; ; n++) if (!taken.includes(`Signature${n}`)) return `Signature${n}`;
}
