/**
 * The PDF object model for the few objects an incremental signature copies and modifies, and
 * its serialiser. Strings keep their raw bytes so copied objects are written back unchanged.
 */
export class PdfName {
  constructor(readonly name: string) {}
}
export class PdfString {
  constructor(readonly bytes: Uint8Array) {}
}
export class PdfRef {
  constructor(
    readonly num: number,
    readonly gen: number,
  ) {}
  toString(): string {
    return `${this.num} ${this.gen} R`;
  }
}
/** Pre-formatted bytes written verbatim (placeholders for /ByteRange and /Contents). */
export class PdfRaw {
  constructor(readonly text: string) {}
}
export type PdfValue =
  null | boolean | number | PdfName | PdfString | PdfRef | PdfRaw | PdfValue[] | PdfDict;

export class PdfDict {
  readonly entries: Map<string, PdfValue>;
  constructor(entries?: Iterable<readonly [string, PdfValue]>) {
    this.entries = new Map(entries);
  }
  get(key: string): PdfValue | undefined {
    return this.entries.get(key);
  }
  set(key: string, value: PdfValue): this {
    this.entries.set(key, value);
    return this;
  }
  clone(): PdfDict {
    return new PdfDict(this.entries);
  }
  nameOf(key: string): string | undefined {
    const v = this.entries.get(key);
    return v instanceof PdfName ? v.name : undefined;
  }
}

/** A stream as found in a file: its dictionary and the raw (still encoded) data. */
export interface PdfStream {
  readonly dict: PdfDict;
  readonly data: Uint8Array;
}

export const name = (n: string): PdfName => new PdfName(n);

/** PDF text string: PDFDocEncoding-compatible ASCII as is, anything else UTF-16BE with a BOM. */
export function textString(text: string): PdfString {
  if (/^[\x20-\x7e]*$/.test(text))
    return new PdfString(Uint8Array.from(text, (c) => c.charCodeAt(0)));
  const out = [0xfe, 0xff];
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    out.push(unit >> 8, unit & 0xff);
  }
  return new PdfString(Uint8Array.from(out));
}

export function decodeTextString(s: PdfString): string {
  const b = s.bytes;
  if (b[0] === 0xfe && b[1] === 0xff) return new TextDecoder('utf-16be').decode(b.subarray(2));
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf)
    return new TextDecoder('utf-8').decode(b.subarray(3));
  return String.fromCharCode(...b);
}

/**
 * The shortest decimal that reads back as the same number, so a copied object keeps its
 * values exactly (a rounded /Rect is a change verifiers see); PDF has no exponent syntax.
 */
function formatNumber(n: number): string {
  const shortest = String(n);
  if (!/e/i.test(shortest)) return shortest;
  return n.toFixed(20).replace(/0+$/, '').replace(/\.$/, '');
}

function formatName(n: string): string {
  let out = '/';
  // Names are byte sequences kept as latin1 strings, one char per byte.
  for (let i = 0; i < n.length; i++) {
    const byte = n.charCodeAt(i) & 0xff;
    const regular =
      byte > 0x20 && byte < 0x7f && !'()<>[]{}/%#'.includes(String.fromCharCode(byte));
    out += regular ? String.fromCharCode(byte) : `#${byte.toString(16).padStart(2, '0')}`;
  }
  return out;
}

function formatString(s: PdfString): string {
  const printable = s.bytes.every((b) => b >= 0x20 && b < 0x7f);
  if (!printable)
    return `<${Array.from(s.bytes, (b) => b.toString(16).padStart(2, '0')).join('')}>`;
  return `(${String.fromCharCode(...s.bytes).replace(/[()\\]/g, (c) => `\\${c}`)})`;
}

/** Serialises a value to PDF syntax (latin1 text: every char is one byte). */
export function serialize(value: PdfValue): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return formatNumber(value);
  if (value instanceof PdfName) return formatName(value.name);
  if (value instanceof PdfString) return formatString(value);
  if (value instanceof PdfRef) return value.toString();
  if (value instanceof PdfRaw) return value.text;
  if (Array.isArray(value)) return `[${value.map(serialize).join(' ')}]`;
  const parts: string[] = [];
  for (const [k, v] of value.entries) parts.push(`${formatName(k)} ${serialize(v)}`);
  return `<<${parts.join(' ')}>>`;
}

export function latin1Bytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
  return out;
}

export function latin1Text(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192)
    out += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return out;
}
