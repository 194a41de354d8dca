/**
 * Minimal DER encoder and reader. CMS is built byte-exactly here (rather than through
 * forge.asn1) so certificates and issuer names are embedded as their original bytes and the
 * signed-attribute SET can be DER-sorted.
 */
import { SigningError } from './errors';

export const TAG = {
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8_STRING: 0x0c,
  PRINTABLE_STRING: 0x13,
  T61_STRING: 0x14,
  IA5_STRING: 0x16,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  BMP_STRING: 0x1e,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

import { concatBytes } from '../util/bytes';

// Signing modules import it from here; it lives in core/util (the renderer uses it too).
export { concatBytes };

function encodeLength(length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(length);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 0xff);
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}

export function tlv(tag: number, ...content: Uint8Array[]): Uint8Array {
  const body = concatBytes(content);
  return concatBytes([Uint8Array.of(tag), encodeLength(body.length), body]);
}

export const seq = (...items: Uint8Array[]): Uint8Array => tlv(TAG.SEQUENCE, ...items);

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/** DER SET OF: elements sorted by their encodings (X.690 11.6). */
export function setOf(...items: Uint8Array[]): Uint8Array {
  return tlv(TAG.SET, ...[...items].sort(compareBytes));
}

/** Same sorting, with an IMPLICIT context tag instead of the universal SET tag. */
export function implicitSetOf(contextNumber: number, items: readonly Uint8Array[]): Uint8Array {
  return tlv(0xa0 | contextNumber, ...[...items].sort(compareBytes));
}

export const explicit = (contextNumber: number, inner: Uint8Array): Uint8Array =>
  tlv(0xa0 | contextNumber, inner);

export const octetString = (bytes: Uint8Array): Uint8Array => tlv(TAG.OCTET_STRING, bytes);

export const derNull = (): Uint8Array => Uint8Array.of(TAG.NULL, 0);

export function smallInteger(value: number): Uint8Array {
  if (value < 0 || value > 127) throw new RangeError('smallInteger only encodes 0..127');
  return Uint8Array.of(TAG.INTEGER, 1, value);
}

export function oid(dotted: string): Uint8Array {
  const arcs = dotted.split('.').map(Number);
  const [a = 0, b = 0, ...rest] = arcs;
  const bytes: number[] = [];
  for (const arc of [a * 40 + b, ...rest]) {
    const groups: number[] = [arc & 0x7f];
    for (let n = Math.floor(arc / 128); n > 0; n = Math.floor(n / 128))
      groups.unshift(0x80 | (n & 0x7f));
    bytes.push(...groups);
  }
  return tlv(TAG.OID, Uint8Array.from(bytes));
}

/** One decoded TLV; offsets are into the original buffer so raw bytes can be re-used. */
export interface DerNode {
  readonly tag: number;
  /** Offset of the tag byte. */
  readonly start: number;
  /** Offset of the first content byte. */
  readonly contentStart: number;
  /** Offset just past the content. */
  readonly end: number;
  readonly bytes: Uint8Array;
}

export function readDer(bytes: Uint8Array, start = 0, limit = bytes.length): DerNode {
  const fail = (why: string): never => {
    throw new SigningError('CMS_MALFORMED', `Malformed DER at byte ${start}: ${why}`);
  };
  if (start + 2 > limit) fail('truncated header');
  const tag = bytes[start] ?? 0;
  if ((tag & 0x1f) === 0x1f) fail('multi-byte tags are not supported');
  let at = start + 1;
  const first = bytes[at++] ?? 0;
  let length = first;
  if (first === 0x80) fail('indefinite length');
  if (first > 0x80) {
    const count = first & 0x7f;
    if (count > 4 || at + count > limit) fail('bad length');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + (bytes[at++] ?? 0);
  }
  const end = at + length;
  if (end > limit) fail('content runs past its container');
  return { tag, start, contentStart: at, end, bytes };
}

export function children(node: DerNode): DerNode[] {
  const out: DerNode[] = [];
  for (let at = node.contentStart; at < node.end;) {
    const child = readDer(node.bytes, at, node.end);
    out.push(child);
    at = child.end;
  }
  return out;
}

export const content = (node: DerNode): Uint8Array =>
  node.bytes.subarray(node.contentStart, node.end);
export const raw = (node: DerNode): Uint8Array => node.bytes.subarray(node.start, node.end);

export function decodeOid(node: DerNode): string {
  const c = content(node);
  const arcs: number[] = [];
  let value = 0;
  for (const byte of c) {
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) {
      arcs.push(value);
      value = 0;
    }
  }
  const [first = 0, ...rest] = arcs;
  const a = first < 80 ? Math.floor(first / 40) : 2;
  return [a, first - a * 40, ...rest].join('.');
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && compareBytes(a, b) === 0;
}

/** Child at index, or a CMS_MALFORMED error naming what was expected. */
export function childAt(
  list: readonly DerNode[],
  index: number,
  what: string,
  tag?: number,
): DerNode {
  const node = list[index];
  if (!node || (tag !== undefined && node.tag !== tag)) {
    throw new SigningError('CMS_MALFORMED', `Expected ${what}`);
  }
  return node;
}
