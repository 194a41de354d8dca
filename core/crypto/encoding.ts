import { CodedError } from '../errors/coded-error';

/**
 * Byte encodings used across core/: UTF-8, Base64, Base64url, PEM and node-forge's "binary
 * strings" (one char per byte). Pure: no Buffer, so the same code runs in Node and browsers.
 */

/** Thrown for text that is not valid in the encoding it claims to be. */
export class EncodingError extends CodedError<'encoding-invalid'> {
  override readonly name = 'EncodingError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('encoding-invalid', message, options);
  }
}

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** UTF-8 bytes of a JS string. */
export function utf8Encode(text: string): Uint8Array<ArrayBuffer> {
  return utf8Encoder.encode(text);
}

/** Decodes UTF-8; throws EncodingError on invalid sequences instead of inventing U+FFFD. */
export function utf8Decode(bytes: Uint8Array): string {
  try {
    return utf8Decoder.decode(bytes);
  } catch (cause) {
    throw new EncodingError('Invalid UTF-8 text.', { cause });
  }
}

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function reverseTable(alphabet: string): Int16Array {
  const table = new Int16Array(128).fill(-1);
  for (let i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = i;
  return table;
}

const BASE64_TABLE = reverseTable(BASE64_ALPHABET);
const BASE64URL_TABLE = reverseTable(BASE64URL_ALPHABET);

function encodeWith(bytes: Uint8Array, alphabet: string, pad: boolean): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out +=
      alphabet[(n >> 18) & 63]! +
      alphabet[(n >> 12) & 63]! +
      alphabet[(n >> 6) & 63]! +
      alphabet[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += alphabet[(n >> 18) & 63]! + alphabet[(n >> 12) & 63]! + (pad ? '==' : '');
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out +=
      alphabet[(n >> 18) & 63]! +
      alphabet[(n >> 12) & 63]! +
      alphabet[(n >> 6) & 63]! +
      (pad ? '=' : '');
  }
  return out;
}

function decodeWith(text: string, table: Int16Array, what: string): Uint8Array<ArrayBuffer> {
  let end = text.length;
  let padding = 0;
  while (end > 0 && text[end - 1] === '=' && padding < 2) {
    end--;
    padding++;
  }
  if (padding > 0 && text.length % 4 !== 0)
    throw new EncodingError(`Invalid ${what}: bad padding.`);
  if (end % 4 === 1) throw new EncodingError(`Invalid ${what}: bad length.`);
  const out = new Uint8Array(Math.floor((end * 3) / 4));
  let bits = 0;
  let acc = 0;
  let o = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? table[c]! : -1;
    if (v < 0) throw new EncodingError(`Invalid ${what}: unexpected character at ${i}.`);
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  // Leftover bits must be zero, so every byte string has exactly one encoding.
  if ((acc & ((1 << bits) - 1)) !== 0)
    throw new EncodingError(`Invalid ${what}: non-zero tail bits.`);
  return out;
}

/** Standard Base64 with padding (RFC 4648 §4). */
export function base64Encode(bytes: Uint8Array): string {
  return encodeWith(bytes, BASE64_ALPHABET, true);
}

/** Decodes standard Base64 (padding optional, no whitespace); throws EncodingError. */
export function base64Decode(text: string): Uint8Array<ArrayBuffer> {
  return decodeWith(text, BASE64_TABLE, 'Base64');
}

/** Base64url without padding (RFC 4648 §5), as used in URLs and tokens. */
export function base64UrlEncode(bytes: Uint8Array): string {
  return encodeWith(bytes, BASE64URL_ALPHABET, false);
}

/** Decodes Base64url (padding optional); throws EncodingError. */
export function base64UrlDecode(text: string): Uint8Array<ArrayBuffer> {
  return decodeWith(text, BASE64URL_TABLE, 'Base64url');
}

/** node-forge "binary string" (one char per byte) of some bytes. */
export function bytesToBinaryString(bytes: Uint8Array): string {
  let out = '';
  // Chunked so large inputs do not overflow the argument limit of fromCharCode.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    out += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return out;
}

/** Bytes of a node-forge "binary string"; throws EncodingError on chars above 0xFF. */
export function binaryStringToBytes(text: string): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0xff) throw new EncodingError('Binary string holds a character above 0xFF.');
    out[i] = c;
  }
  return out;
}

/** PEM armour (RFC 7468) of DER bytes, with `\n` line ends and 64-char lines. */
export function pemEncode(der: Uint8Array, label: string): string {
  const body = base64Encode(der).replace(/.{1,64}/g, '$&\n');
  return `-----BEGIN ${label}-----\n${body}-----END ${label}-----\n`;
}

/** One block found in a PEM text. */
export interface PemBlock {
  label: string;
  der: Uint8Array<ArrayBuffer>;
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

/** Every PEM block in a text, in order; text between blocks is ignored (OpenSSL's "Bag Attributes"). */
export function pemDecodeAll(text: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  for (const match of text.matchAll(PEM_BLOCK)) {
    const body = (match[2] ?? '').replace(/\s+/g, '');
    // Encrypted legacy PEM carries headers ("Proc-Type: ...") we cannot decode.
    if (body.includes(':')) throw new EncodingError(`PEM block ${match[1]} has headers.`);
    blocks.push({ label: match[1] ?? '', der: base64Decode(body) });
  }
  return blocks;
}

/** The DER of the first PEM block with one of the given labels; throws EncodingError if none. */
export function pemDecode(text: string, labels: readonly string[]): Uint8Array<ArrayBuffer> {
  const block = pemDecodeAll(text).find((b) => labels.includes(b.label));
  if (!block) throw new EncodingError(`No PEM block labelled ${labels.join(' or ')}.`);
  return block.der;
}
