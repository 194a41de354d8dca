/**
 * A minimal PDF tokenizer and object parser: dictionaries, arrays, names, literal and hex
 * strings, numbers, booleans, null, indirect references, and `N G obj … endobj` with streams.
 */
import { SigningError } from './errors';
import { PdfDict, PdfName, PdfRef, PdfString, type PdfStream, type PdfValue } from './pdf-objects';

const isWhite = (b: number | undefined): boolean =>
  b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09 || b === 0x0c || b === 0x00;
const isDelimiter = (b: number | undefined): boolean =>
  b === 0x28 ||
  b === 0x29 ||
  b === 0x3c ||
  b === 0x3e ||
  b === 0x5b ||
  b === 0x5d ||
  b === 0x7b ||
  b === 0x7d ||
  b === 0x2f ||
  b === 0x25;
const isRegular = (b: number | undefined): boolean =>
  b !== undefined && !isWhite(b) && !isDelimiter(b);

export function malformed(at: number, why: string): never {
  throw new SigningError('PDF_MALFORMED', `The PDF is damaged near byte ${at}: ${why}`);
}

export class PdfLexer {
  constructor(
    readonly bytes: Uint8Array,
    public pos = 0,
  ) {}

  skipWhitespace(): void {
    const b = this.bytes;
    for (;;) {
      while (this.pos < b.length && isWhite(b[this.pos])) this.pos++;
      if (b[this.pos] !== 0x25) return; // '%' comment runs to end of line
      while (this.pos < b.length && b[this.pos] !== 0x0a && b[this.pos] !== 0x0d) this.pos++;
    }
  }

  /** Reads a bare keyword or number token (regular characters) without interpreting it. */
  readWord(): string {
    this.skipWhitespace();
    const start = this.pos;
    while (isRegular(this.bytes[this.pos])) this.pos++;
    return String.fromCharCode(...this.bytes.subarray(start, this.pos));
  }

  private tryRefAfter(first: number): PdfRef | undefined {
    const save = this.pos;
    const gen = this.readWord();
    if (/^\d+$/.test(gen) && this.readWord() === 'R') return new PdfRef(first, Number(gen));
    this.pos = save;
    return undefined;
  }

  readValue(): PdfValue {
    this.skipWhitespace();
    const b = this.bytes;
    const c = b[this.pos];
    if (c === undefined) malformed(this.pos, 'unexpected end of data');
    if (c === 0x2f) return this.readName();
    if (c === 0x28) return this.readLiteralString();
    if (c === 0x5b) {
      this.pos++;
      const items: PdfValue[] = [];
      for (;;) {
        this.skipWhitespace();
        if (b[this.pos] === 0x5d) break;
        if (this.pos >= b.length) malformed(this.pos, 'unterminated array');
        items.push(this.readValue());
      }
      this.pos++;
      return items;
    }
    if (c === 0x3c && b[this.pos + 1] === 0x3c) return this.readDict();
    if (c === 0x3c) return this.readHexString();
    const at = this.pos;
    const word = this.readWord();
    if (word === '') malformed(at, `unexpected character "${String.fromCharCode(c)}"`);
    if (word === 'true') return true;
    if (word === 'false') return false;
    if (word === 'null') return null;
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)) {
      const n = Number(word);
      if (/^\d+$/.test(word)) return this.tryRefAfter(n) ?? n;
      return n;
    }
    return malformed(at, `unexpected token "${word}"`);
  }

  readDict(): PdfDict {
    this.pos += 2;
    const dict = new PdfDict();
    for (;;) {
      this.skipWhitespace();
      if (this.bytes[this.pos] === 0x3e && this.bytes[this.pos + 1] === 0x3e) break;
      if (this.pos >= this.bytes.length) malformed(this.pos, 'unterminated dictionary');
      const key = this.readValue();
      if (!(key instanceof PdfName)) malformed(this.pos, 'dictionary key is not a name');
      dict.set(key.name, this.readValue());
    }
    this.pos += 2;
    return dict;
  }

  private readName(): PdfName {
    this.pos++;
    let out = '';
    while (isRegular(this.bytes[this.pos])) {
      const ch = this.bytes[this.pos++] ?? 0;
      if (ch === 0x23) {
        const hex = String.fromCharCode(this.bytes[this.pos] ?? 0, this.bytes[this.pos + 1] ?? 0);
        if (/^[0-9a-fA-F]{2}$/.test(hex)) {
          out += String.fromCharCode(parseInt(hex, 16));
          this.pos += 2;
          continue;
        }
      }
      out += String.fromCharCode(ch);
    }
    return new PdfName(out);
  }

  private readHexString(): PdfString {
    const start = this.pos++;
    const digits: number[] = [];
    for (;;) {
      const ch = this.bytes[this.pos++];
      if (ch === undefined) malformed(start, 'unterminated hex string');
      if (ch === 0x3e) break;
      if (isWhite(ch)) continue;
      const v = parseInt(String.fromCharCode(ch), 16);
      if (Number.isNaN(v)) malformed(this.pos - 1, 'bad hex digit');
      digits.push(v);
    }
    if (digits.length % 2) digits.push(0);
    const out = new Uint8Array(digits.length / 2);
    for (let i = 0; i < out.length; i++)
      out[i] = ((digits[2 * i] ?? 0) << 4) | (digits[2 * i + 1] ?? 0);
    return new PdfString(out);
  }

  private readLiteralString(): PdfString {
    const start = this.pos++;
    const b = this.bytes;
    const out: number[] = [];
    let depth = 1;
    for (;;) {
      let ch = b[this.pos++];
      if (ch === undefined) malformed(start, 'unterminated string');
      if (ch === 0x28) depth++;
      else if (ch === 0x29 && --depth === 0) break;
      else if (ch === 0x5c) {
        ch = b[this.pos++] ?? 0;
        const simple: Record<number, number> = { 0x6e: 10, 0x72: 13, 0x74: 9, 0x62: 8, 0x66: 12 };
        const mapped = simple[ch];
        if (mapped !== undefined) ch = mapped;
        else if (ch >= 0x30 && ch <= 0x37) {
          let v = ch - 0x30;
          for (let k = 0; k < 2 && (b[this.pos] ?? 0) >= 0x30 && (b[this.pos] ?? 0) <= 0x37; k++) {
            v = v * 8 + ((b[this.pos++] ?? 0) - 0x30);
          }
          ch = v & 0xff;
        } else if (ch === 0x0d || ch === 0x0a) {
          if (ch === 0x0d && b[this.pos] === 0x0a) this.pos++;
          continue; // line continuation
        }
      }
      out.push(ch);
    }
    return new PdfString(Uint8Array.from(out));
  }
}

export interface IndirectObject {
  readonly num: number;
  readonly gen: number;
  readonly value: PdfValue;
  readonly stream?: PdfStream;
  /** The bytes the value was parsed from, so a minimal edit can keep everything else. */
  readonly source?: Uint8Array;
}

/**
 * Parses `N G obj <value> [stream…endstream] endobj` at `offset`. `resolveLength` turns an
 * indirect /Length into a number; if it cannot, the data runs to the next `endstream`.
 */
export function parseIndirectObject(
  bytes: Uint8Array,
  offset: number,
  resolveLength: (ref: PdfRef) => number | undefined = () => undefined,
): IndirectObject {
  const lex = new PdfLexer(bytes, offset);
  const num = lex.readWord();
  const gen = lex.readWord();
  if (!/^\d+$/.test(num) || !/^\d+$/.test(gen) || lex.readWord() !== 'obj') {
    malformed(offset, 'expected an indirect object');
  }
  lex.skipWhitespace();
  const valueStart = lex.pos;
  const value = lex.readValue();
  const after = lex.pos;
  const source = bytes.subarray(valueStart, after);
  if (value instanceof PdfDict && lex.readWord() === 'stream') {
    let start = lex.pos;
    if (bytes[start] === 0x0d) start++;
    if (bytes[start] === 0x0a) start++;
    const lengthValue = value.get('Length');
    let length = typeof lengthValue === 'number' ? lengthValue : undefined;
    if (lengthValue instanceof PdfRef) length = resolveLength(lengthValue);
    const endByLength = length !== undefined ? start + length : -1;
    const endOk =
      endByLength >= 0 &&
      endByLength <= bytes.length &&
      /^\s*endstream/.test(asciiAt(bytes, endByLength, 20));
    const end = endOk ? endByLength : findEndstream(bytes, start);
    return {
      num: Number(num),
      gen: Number(gen),
      value,
      stream: { dict: value, data: bytes.subarray(start, end) },
      source,
    };
  }
  lex.pos = after;
  return { num: Number(num), gen: Number(gen), value, source };
}

function asciiAt(bytes: Uint8Array, at: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(at, Math.min(bytes.length, at + length)));
}

function findEndstream(bytes: Uint8Array, from: number): number {
  const marker = [0x65, 0x6e, 0x64, 0x73, 0x74, 0x72, 0x65, 0x61, 0x6d]; // "endstream"
  outer: for (let i = from; i <= bytes.length - marker.length; i++) {
    for (let k = 0; k < marker.length; k++) if (bytes[i + k] !== marker[k]) continue outer;
    let end = i;
    if (bytes[end - 1] === 0x0a) end--;
    if (bytes[end - 1] === 0x0d) end--;
    return end;
  }
  return malformed(from, 'stream without endstream');
}
