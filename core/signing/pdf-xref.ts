/**
 * Reads a PDF's cross-reference data — classic tables, xref streams and hybrids, following
 * /Prev — and resolves indirect objects, including those packed in object streams.
 */
import { SigningError } from './errors';
import { decodeStream } from './pdf-filters';
import { PdfDict, PdfName, PdfRef, type PdfStream, type PdfValue, latin1Text } from './pdf-objects';
import { type IndirectObject, PdfLexer, malformed, parseIndirectObject } from './pdf-parse';

type XrefEntry =
  | { readonly kind: 'free' }
  | { readonly kind: 'offset'; readonly offset: number; readonly gen: number }
  | { readonly kind: 'packed'; readonly streamNum: number; readonly index: number };

export interface PdfFile {
  readonly bytes: Uint8Array;
  /** Trailer of the newest section (with /Root, /Size, /Info, /ID). */
  readonly trailer: PdfDict;
  /** Offset of the newest cross-reference section (the new section's /Prev). */
  readonly lastXrefOffset: number;
  /** Whether the newest section is an xref stream (then ours must be one too). */
  readonly usesXrefStream: boolean;
  /** Object numbers the newest section (re)defines or frees: what its revision changed. */
  readonly newestSection: ReadonlyMap<number, 'defined' | 'free'>;
  /** Offsets of every cross-reference section, newest first. */
  readonly sectionOffsets: readonly number[];
  resolve(value: PdfValue | undefined): Promise<PdfValue | undefined>;
  getObject(num: number): Promise<IndirectObject | undefined>;
  getStream(ref: PdfRef): Promise<PdfStream | undefined>;
}

function findStartxref(bytes: Uint8Array): number {
  const tail = latin1Text(bytes.subarray(Math.max(0, bytes.length - 2048)));
  const m = /startxref\s+(\d+)\s*(?:%%EOF)?[\s\S]*$/.exec(
    tail.slice(tail.lastIndexOf('startxref')),
  );
  if (!m)
    throw new SigningError('PDF_MALFORMED', 'Not a PDF file, or its end is missing (no startxref)');
  return Number(m[1]);
}

function readClassicTable(
  bytes: Uint8Array,
  offset: number,
  entries: Map<number, XrefEntry>,
): PdfDict {
  const lex = new PdfLexer(bytes, offset);
  lex.readWord(); // "xref"
  for (;;) {
    const save = lex.pos;
    const first = lex.readWord();
    if (first === 'trailer') break;
    const count = lex.readWord();
    if (!/^\d+$/.test(first) || !/^\d+$/.test(count)) {
      lex.pos = save;
      malformed(save, 'bad xref subsection header');
    }
    for (let i = 0; i < Number(count); i++) {
      const off = lex.readWord();
      const gen = lex.readWord();
      const type = lex.readWord();
      const num = Number(first) + i;
      if (entries.has(num)) continue; // newer sections win
      if (type === 'n') entries.set(num, { kind: 'offset', offset: Number(off), gen: Number(gen) });
      else if (type === 'f') entries.set(num, { kind: 'free' });
      else malformed(lex.pos, 'bad xref entry');
    }
  }
  const trailer = lex.readValue();
  if (!(trailer instanceof PdfDict)) malformed(lex.pos, 'trailer is not a dictionary');
  return trailer;
}

async function readXrefStream(
  bytes: Uint8Array,
  offset: number,
  entries: Map<number, XrefEntry>,
): Promise<PdfDict> {
  const obj = parseIndirectObject(bytes, offset);
  if (!obj.stream || obj.stream.dict.nameOf('Type') !== 'XRef')
    malformed(offset, 'startxref points at no xref');
  const dict = obj.stream.dict;
  const data = await decodeStream(obj.stream);
  const w = dict.get('W');
  const widths = Array.isArray(w) ? w.map((x) => (typeof x === 'number' ? x : 0)) : [];
  const [w0 = 1, w1 = 0, w2 = 0] = widths;
  const size = dict.get('Size');
  const index = dict.get('Index') ?? [0, typeof size === 'number' ? size : 0];
  const ranges = Array.isArray(index) ? index.map((x) => (typeof x === 'number' ? x : 0)) : [];
  let at = 0;
  const field = (width: number, fallback: number): number => {
    if (width === 0) return fallback;
    let v = 0;
    for (let k = 0; k < width; k++) v = v * 256 + (data[at++] ?? 0);
    return v;
  };
  for (let r = 0; r + 1 < ranges.length; r += 2) {
    const start = ranges[r] ?? 0;
    for (let i = 0; i < (ranges[r + 1] ?? 0); i++) {
      const type = field(w0, 1);
      const a = field(w1, 0);
      const b = field(w2, 0);
      const num = start + i;
      if (entries.has(num)) continue;
      if (type === 1) entries.set(num, { kind: 'offset', offset: a, gen: b });
      else if (type === 2) entries.set(num, { kind: 'packed', streamNum: a, index: b });
      else if (type === 0) entries.set(num, { kind: 'free' });
    }
  }
  return dict;
}

function isClassicAt(bytes: Uint8Array, offset: number): boolean {
  const lex = new PdfLexer(bytes, offset);
  return lex.readWord() === 'xref';
}

export async function readPdf(bytes: Uint8Array): Promise<PdfFile> {
  if (latin1Text(bytes.subarray(0, 1024)).indexOf('%PDF-') < 0) {
    throw new SigningError('PDF_MALFORMED', 'Not a PDF file (no %PDF header)');
  }
  const lastXrefOffset = findStartxref(bytes);
  const entries = new Map<number, XrefEntry>();
  let trailer: PdfDict | undefined;
  let usesXrefStream = false;
  const seen = new Set<number>();
  const newestSection = new Map<number, 'defined' | 'free'>();
  const sectionOffsets: number[] = [];
  for (let offset: number | undefined = lastXrefOffset; offset !== undefined;) {
    if (seen.has(offset) || offset >= bytes.length)
      malformed(offset, 'xref chain loops or points past the end');
    seen.add(offset);
    let dict: PdfDict;
    if (isClassicAt(bytes, offset)) {
      dict = readClassicTable(bytes, offset, entries);
      // Hybrid files: the /XRefStm stream holds entries the table leaves out.
      const stm = dict.get('XRefStm');
      if (typeof stm === 'number') await readXrefStream(bytes, stm, entries);
    } else {
      dict = await readXrefStream(bytes, offset, entries);
      if (offset === lastXrefOffset) usesXrefStream = true;
    }
    if (!trailer) {
      trailer = dict;
      for (const [num, e] of entries)
        newestSection.set(num, e.kind === 'free' ? 'free' : 'defined');
    }
    sectionOffsets.push(offset);
    const prev = dict.get('Prev');
    offset = typeof prev === 'number' ? prev : undefined;
  }
  if (!trailer) malformed(lastXrefOffset, 'no trailer');
  if (trailer.get('Encrypt') !== undefined) {
    throw new SigningError(
      'PDF_ENCRYPTED',
      'Encrypted PDFs cannot be signed; remove the password first',
    );
  }
  const objectStreams = new Map<number, Promise<{ data: Uint8Array; offsets: number[] }>>();
  const loading = new Set<number>();

  async function loadObjectStream(num: number): Promise<{ data: Uint8Array; offsets: number[] }> {
    const entry = entries.get(num);
    if (entry?.kind !== 'offset') malformed(0, `object stream ${num} missing`);
    const obj = parseIndirectObject(bytes, entry.offset);
    if (!obj.stream) malformed(entry.offset, `object ${num} is not a stream`);
    const data = await decodeStream(obj.stream);
    const n = obj.stream.dict.get('N');
    const first = obj.stream.dict.get('First');
    if (typeof n !== 'number' || typeof first !== 'number')
      malformed(entry.offset, 'bad object stream');
    const lex = new PdfLexer(data, 0);
    const offsets: number[] = [];
    for (let i = 0; i < n; i++) {
      lex.readWord();
      offsets.push(first + Number(lex.readWord()));
    }
    return { data, offsets };
  }

  async function getObject(num: number): Promise<IndirectObject | undefined> {
    const entry = entries.get(num);
    if (!entry || entry.kind === 'free') return undefined;
    if (entry.kind === 'offset') {
      if (loading.has(num)) malformed(entry.offset, 'object refers to itself for its length');
      loading.add(num);
      try {
        // An indirect /Length must be a plain object, never in an object stream.
        return parseIndirectObject(bytes, entry.offset, (ref) => {
          const e = entries.get(ref.num);
          if (e?.kind !== 'offset') return undefined;
          const v = parseIndirectObject(bytes, e.offset).value;
          return typeof v === 'number' ? v : undefined;
        });
      } finally {
        loading.delete(num);
      }
    }
    let pending = objectStreams.get(entry.streamNum);
    if (!pending) {
      pending = loadObjectStream(entry.streamNum);
      objectStreams.set(entry.streamNum, pending);
    }
    const { data, offsets } = await pending;
    const at = offsets[entry.index];
    if (at === undefined) malformed(0, `object ${num} missing from its object stream`);
    const lex = new PdfLexer(data, at);
    lex.skipWhitespace();
    const start = lex.pos;
    const value = lex.readValue();
    return { num, gen: 0, value, source: data.subarray(start, lex.pos) };
  }

  async function resolve(value: PdfValue | undefined): Promise<PdfValue | undefined> {
    let v = value;
    for (let depth = 0; v instanceof PdfRef && depth < 32; depth++)
      v = (await getObject(v.num))?.value ?? null;
    return v;
  }

  async function getStream(ref: PdfRef): Promise<PdfStream | undefined> {
    return (await getObject(ref.num))?.stream;
  }

  return {
    bytes,
    trailer,
    lastXrefOffset,
    usesXrefStream,
    newestSection,
    sectionOffsets,
    resolve,
    getObject,
    getStream,
  };
}

export async function resolveDict(
  file: PdfFile,
  value: PdfValue | undefined,
): Promise<PdfDict | undefined> {
  const v = await file.resolve(value);
  return v instanceof PdfDict ? v : undefined;
}

export const isName = (v: PdfValue | undefined, n: string): boolean =>
  v instanceof PdfName && v.name === n;
