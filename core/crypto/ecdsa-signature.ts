/**
 * ECDSA signatures in their two encodings: DER Ecdsa-Sig-Value (SEQUENCE { r INTEGER,
 * s INTEGER }, what CMS and X.509 carry) and raw r||s of fixed width (what WebCrypto wants).
 */
import type { NamedCurve } from './types';

/** Bytes of one coordinate (and of r and s) on each curve. */
export const CURVE_BYTES: Readonly<Record<NamedCurve, number>> = {
  'P-256': 32,
  'P-384': 48,
  'P-521': 66,
};

interface Tlv {
  tag: number;
  start: number;
  end: number;
}

/** One DER TLV at `at` inside [0, limit), or null when the bytes are not DER (definite, minimal). */
function readTlv(bytes: Uint8Array, at: number, limit: number): Tlv | null {
  if (at + 2 > limit) return null;
  const tag = bytes[at] ?? 0;
  let length = bytes[at + 1] ?? 0;
  let start = at + 2;
  if (length === 0x81) {
    length = bytes[at + 2] ?? 0;
    if (length < 0x80) return null; // not minimal
    start = at + 3;
  } else if (length > 0x80) return null; // no ECDSA signature needs more than 255 bytes
  const end = start + length;
  return end <= limit ? { tag, start, end } : null;
}

/** A DER INTEGER's content as an unsigned fixed-width big-endian number, or null. */
function unsignedInteger(bytes: Uint8Array, tlv: Tlv, width: number): Uint8Array | null {
  if (tlv.tag !== 0x02 || tlv.end === tlv.start) return null;
  let body = bytes.subarray(tlv.start, tlv.end);
  if ((body[0] ?? 0) & 0x80) return null; // negative
  if (body[0] === 0 && body.length > 1) {
    if (((body[1] ?? 0) & 0x80) === 0) return null; // not minimal
    body = body.subarray(1);
  }
  if (body.length > width) return null;
  const out = new Uint8Array(width);
  out.set(body, width - body.length);
  return out;
}

/** DER Ecdsa-Sig-Value to raw r||s of 2×`width` bytes; null when it is not one (nothing trails). */
export function ecdsaDerToRaw(der: Uint8Array, width: number): Uint8Array | null {
  const outer = readTlv(der, 0, der.length);
  if (!outer || outer.tag !== 0x30 || outer.end !== der.length) return null;
  const rTlv = readTlv(der, outer.start, outer.end);
  const sTlv = rTlv && readTlv(der, rTlv.end, outer.end);
  if (!rTlv || !sTlv || sTlv.end !== outer.end) return null;
  const r = unsignedInteger(der, rTlv, width);
  const s = unsignedInteger(der, sTlv, width);
  if (!r || !s) return null;
  const raw = new Uint8Array(2 * width);
  raw.set(r, 0);
  raw.set(s, width);
  return raw;
}

function derInteger(unsigned: Uint8Array): number[] {
  let at = 0;
  while (at < unsigned.length - 1 && unsigned[at] === 0) at++;
  const body = Array.from(unsigned.subarray(at));
  if ((body[0] ?? 0) & 0x80) body.unshift(0);
  return [0x02, body.length, ...body];
}

/** Raw r||s (even length) to DER Ecdsa-Sig-Value. */
export function ecdsaRawToDer(raw: Uint8Array): Uint8Array {
  if (raw.length === 0 || raw.length % 2 !== 0 || raw.length > 2 * CURVE_BYTES['P-521']) {
    throw new RangeError('A raw ECDSA signature is r||s of two equal halves');
  }
  const half = raw.length / 2;
  const body = [...derInteger(raw.subarray(0, half)), ...derInteger(raw.subarray(half))];
  const header = body.length < 0x80 ? [0x30, body.length] : [0x30, 0x81, body.length];
  return Uint8Array.from([...header, ...body]);
}
