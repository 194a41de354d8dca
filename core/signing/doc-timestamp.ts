/**
 * A document timestamp (PAdES B-LTA's building block, ISO 32000-2 §12.8.5): an incremental
 * update adding an invisible signature field whose value is `/Type /DocTimeStamp /SubFilter
 * /ETSI.RFC3161`, its /Contents an RFC 3161 TimeStampToken over the SHA-256 of the ByteRange.
 * Earlier revisions stay byte-for-byte intact; the difference analysis permits it after
 * signatures (diff-rules.ts), as pyHanko does.
 */
import type { CryptoServices } from '../crypto/types';
import { SigningError } from './errors';
import { concatBytes } from './der';
import { DEFAULT_CONTENTS_SIZE } from './pades';
import {
  ObjectNumbers,
  type UpdatedObject,
  addEntries,
  writeIncrementalUpdate,
} from './pdf-incremental';
import { getPageRef, listFields, readCatalog } from './pdf-form';
import {
  PdfDict,
  PdfName,
  PdfRaw,
  PdfRef,
  latin1Bytes,
  latin1Text,
  textString,
} from './pdf-objects';
import { readPdf, resolveDict } from './pdf-xref';
import { type CheckedTimestamp, type TimestampAuthority, checkTimestampToken } from './timestamp';

export interface DocumentTimestampOptions {
  readonly tsa: TimestampAuthority;
  readonly crypto: Pick<CryptoServices, 'digest' | 'verify'>;
  /** CAs trusted for the purpose "timestamping" (PEM): the token is checked before it is kept. */
  readonly trustedCaPem: readonly string[];
  /** Default "DocTimeStamp<n>". */
  readonly fieldName?: string;
  /** Bytes reserved for the token; default DEFAULT_CONTENTS_SIZE. */
  readonly contentsSize?: number;
}

const BYTE_RANGE_PLACEHOLDER = `[0 ${'9'.repeat(10)} ${'9'.repeat(10)} ${'9'.repeat(10)}]`;

function indexOf(haystack: Uint8Array, needle: string, from: number): number {
  const i = latin1Text(haystack.subarray(from)).indexOf(needle);
  return i < 0 ? -1 : from + i;
}

/** Returns the file with a document timestamp appended, and what its token says. */
export async function addDocumentTimestamp(
  pdf: Uint8Array,
  options: DocumentTimestampOptions,
): Promise<{ pdf: Uint8Array; timestamp: CheckedTimestamp }> {
  const file = await readPdf(pdf);
  const catalog = await readCatalog(file);
  const fields = await listFields(file, catalog.acroForm);
  const taken = fields.map((f) => f.name);
  let fieldName = options.fieldName;
  for (let n = 1; !fieldName; n++)
    if (!taken.includes(`DocTimeStamp${n}`)) fieldName = `DocTimeStamp${n}`;
  if (taken.includes(fieldName))
    throw new SigningError('SIGNATURE_FIELD_TAKEN', `Field "${fieldName}" already exists`);

  const numbers = new ObjectNumbers(file);
  const sigRef = numbers.allocate();
  const fieldRef = numbers.allocate();
  const updates: UpdatedObject[] = [];
  const pageRef = await getPageRef(file, catalog.dict, 0);
  const page = (await resolveDict(file, pageRef))?.clone();
  if (!page) throw new SigningError('PAGE_NOT_FOUND', 'The PDF has no page 1');
  updates.push({
    ref: fieldRef,
    value: new PdfDict([
      ['Type', new PdfName('Annot')],
      ['Subtype', new PdfName('Widget')],
      ['FT', new PdfName('Sig')],
      ['T', textString(fieldName)],
      ['V', sigRef],
      ['F', 132], // hidden, locked: a document timestamp has no appearance
      ['Rect', [0, 0, 0, 0]],
      ['P', pageRef],
    ]),
  });
  // Page /Annots and form /Fields grow by the new widget (inline or indirect arrays).
  const grow = async (owner: PdfDict, key: string): Promise<boolean> => {
    const current = owner.get(key);
    const list = await file.resolve(current);
    const next = [...(Array.isArray(list) ? list : []), fieldRef];
    if (current instanceof PdfRef && Array.isArray(list)) {
      updates.push({ ref: current, value: next });
      return false;
    }
    owner.set(key, next);
    return true;
  };
  if (await grow(page, 'Annots')) updates.push({ ref: pageRef, value: page });
  const acroForm = catalog.acroForm?.clone() ?? new PdfDict();
  let formChanged = acroForm.get('SigFlags') !== 3;
  acroForm.set('SigFlags', 3);
  formChanged = (await grow(acroForm, 'Fields')) || formChanged;
  if (formChanged) {
    if (catalog.acroFormRef) updates.push({ ref: catalog.acroFormRef, value: acroForm });
    else {
      const root = await file.getObject(catalog.ref.num);
      if (!root) throw new SigningError('PDF_MALFORMED', 'The document catalog is missing');
      updates.push(addEntries(root, [['AcroForm', acroForm]]));
    }
  }
  const contentsSize = options.contentsSize ?? DEFAULT_CONTENTS_SIZE;
  updates.unshift({
    ref: sigRef,
    value: new PdfDict([
      ['Type', new PdfName('DocTimeStamp')],
      ['Filter', new PdfName('Adobe.PPKLite')],
      ['SubFilter', new PdfName('ETSI.RFC3161')],
      ['ByteRange', new PdfRaw(BYTE_RANGE_PLACEHOLDER)],
      ['Contents', new PdfRaw(`<${'0'.repeat(contentsSize * 2)}>`)],
    ]),
  });

  const out = writeIncrementalUpdate(file, updates, numbers);
  const byteRangeAt = indexOf(out, `/ByteRange ${BYTE_RANGE_PLACEHOLDER}`, file.bytes.length);
  const contentsStart = indexOf(out, '/Contents <', byteRangeAt) + '/Contents '.length;
  const contentsEnd = contentsStart + contentsSize * 2 + 2;
  if (byteRangeAt < 0 || out[contentsEnd - 1] !== 0x3e)
    throw new Error('document timestamp placeholder not found');
  const byteRange = [0, contentsStart, contentsEnd, out.length - contentsEnd];
  const filled = `[${byteRange.join(' ')}]`.padEnd(BYTE_RANGE_PLACEHOLDER.length, ' ');
  out.set(latin1Bytes(filled), byteRangeAt + '/ByteRange '.length);

  const covered = concatBytes([out.subarray(0, contentsStart), out.subarray(contentsEnd)]);
  const imprint = await options.crypto.digest('SHA-256', covered);
  const token = await options.tsa.timestamp(imprint);
  const timestamp = await checkTimestampToken(token, {
    crypto: options.crypto,
    trustedCaPem: options.trustedCaPem,
    expected: { imprint },
  });
  if (token.length > contentsSize)
    throw new SigningError(
      'SIGNATURE_TOO_LARGE',
      `The timestamp token needs ${token.length} bytes; raise contentsSize`,
    );
  let hex = '';
  for (const b of token) hex += b.toString(16).padStart(2, '0');
  out.set(latin1Bytes(hex), contentsStart + 1);
  return { pdf: out, timestamp };
}
