/**
 * PAdES B-T: a signature timestamp (unsigned attribute id-aa-signatureTimeStampToken over the
 * SignerInfo's signature value) written into the signature's own /Contents placeholder. The
 * placeholder lies outside the ByteRange, so the signature and every later check of the file's
 * bytes stay valid; the CMS grows by splicing (cms-unsigned.ts), never by re-encoding.
 */
import type { CryptoServices } from '../crypto/types';
import { addUnsignedAttribute, readSignerInfo } from './cms-unsigned';
import { SigningError } from './errors';
import { listFields, readCatalog } from './pdf-form';
import { latin1Bytes } from './pdf-objects';
import { readPdf, resolveDict } from './pdf-xref';
import {
  type CheckedTimestamp,
  TIMESTAMP_OID,
  type TimestampAuthority,
  checkTimestampToken,
} from './timestamp';

export interface EmbeddedTimestamp {
  readonly pdf: Uint8Array;
  readonly timestamp: CheckedTimestamp;
  /** False when the CMS already carried a signature timestamp (a remote provider's): checked, kept. */
  readonly added: boolean;
}

export interface EmbedTimestampOptions {
  readonly tsa: TimestampAuthority;
  readonly crypto: Pick<CryptoServices, 'digest' | 'verify'>;
  /** CAs trusted for the purpose "timestamping" (PEM). */
  readonly trustedCaPem: readonly string[];
}

function hexDecode(bytes: Uint8Array): Uint8Array {
  const text = new TextDecoder('latin1').decode(bytes);
  const out = new Uint8Array(text.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(text.slice(i * 2, i * 2 + 2), 16);
  return out;
}

async function placeholderOf(pdf: Uint8Array, fieldName: string): Promise<[number, number]> {
  const file = await readPdf(pdf);
  const catalog = await readCatalog(file);
  const field = (await listFields(file, catalog.acroForm)).find((f) => f.name === fieldName);
  const sig = field && (await resolveDict(file, field.dict.get('V')));
  const br = sig && (await file.resolve(sig.get('ByteRange')));
  const [, b, c] = Array.isArray(br) ? br : [];
  if (typeof b !== 'number' || typeof c !== 'number' || pdf[b] !== 0x3c || pdf[c - 1] !== 0x3e)
    throw new SigningError('PDF_MALFORMED', `No signature with a placeholder in "${fieldName}"`);
  return [b + 1, c - 1];
}

/**
 * Timestamps the signature in `fieldName` (or checks the timestamp it already has) and returns
 * the file with the grown CMS in place. Refuses with SIGNATURE_TOO_LARGE when it does not fit.
 */
export async function embedSignatureTimestamp(
  pdf: Uint8Array,
  fieldName: string,
  options: EmbedTimestampOptions,
): Promise<EmbeddedTimestamp> {
  const [start, end] = await placeholderOf(pdf, fieldName);
  const cms = hexDecode(pdf.subarray(start, end));
  const { signature, unsignedAttributes } = readSignerInfo(cms);
  const check = (token: Uint8Array) =>
    checkTimestampToken(token, {
      crypto: options.crypto,
      trustedCaPem: options.trustedCaPem,
      expected: { data: signature },
    });
  const existing = unsignedAttributes.get(TIMESTAMP_OID.signatureTimeStampToken);
  if (existing) return { pdf, timestamp: await check(existing), added: false };
  const imprint = await options.crypto.digest('SHA-256', signature);
  const token = await options.tsa.timestamp(imprint);
  const timestamp = await check(token);
  const grown = addUnsignedAttribute(cms, TIMESTAMP_OID.signatureTimeStampToken, token);
  const room = (end - start) >> 1;
  if (grown.length > room)
    throw new SigningError(
      'SIGNATURE_TOO_LARGE',
      `The signature with its timestamp needs ${grown.length} bytes but only ${room} were reserved`,
    );
  let hex = '';
  for (const byte of grown) hex += byte.toString(16).padStart(2, '0');
  const out = pdf.slice();
  out.set(latin1Bytes(hex.padEnd(end - start, '0')), start);
  return { pdf: out, timestamp, added: true };
}
