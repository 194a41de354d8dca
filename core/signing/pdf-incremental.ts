/**
 * Writes an append-only incremental update: new or replaced objects, then a cross-reference
 * section for just those objects whose /Prev points at the file's last section. A classic
 * table follows a classic file; an xref stream follows an xref-stream file (ISO 32000-1 7.5.8.4
 * forbids mixing the other way round for readers that only know streams).
 */
import { concatBytes } from './der';
import { PdfDict, PdfName, PdfRef, type PdfValue, latin1Bytes, serialize } from './pdf-objects';
import type { IndirectObject } from './pdf-parse';
import type { PdfFile } from './pdf-xref';

export interface UpdatedObject {
  readonly ref: PdfRef;
  readonly value: PdfValue;
  /** Raw stream data when the object is a stream (value must then be its dictionary). */
  readonly streamData?: Uint8Array;
  /** Exact bytes to write for the value (a minimal edit of the original); else serialised. */
  readonly raw?: Uint8Array;
}

/**
 * An existing dictionary object with entries added, written as its original bytes with the new
 * entries inserted before the closing `>>`: nothing a verifier compares changes but the
 * additions. Falls back to serialising when a key is already present or no source is known.
 */
export function addEntries(
  original: IndirectObject,
  additions: readonly (readonly [string, PdfValue])[],
): UpdatedObject {
  if (!(original.value instanceof PdfDict)) throw new Error('addEntries needs a dictionary');
  const dict = original.value.clone();
  for (const [key, value] of additions) dict.set(key, value);
  const ref = new PdfRef(original.num, original.gen);
  const src = original.source;
  const fresh = additions.every(
    ([key]) => original.value instanceof PdfDict && original.value.get(key) === undefined,
  );
  const closes =
    !!src && src.length >= 4 && src[src.length - 2] === 0x3e && src[src.length - 1] === 0x3e;
  if (!src || !fresh || !closes || original.stream) return { ref, value: dict };
  const inserted = additions.map(([key, value]) =>
    serialize(new PdfDict([[key, value]])).slice(2, -2),
  );
  const raw = concatBytes([
    src.subarray(0, src.length - 2),
    latin1Bytes(` ${inserted.join(' ')}>>`),
  ]);
  return { ref, value: dict, raw };
}

/** Hands out object numbers above the file's /Size. */
export class ObjectNumbers {
  private next: number;
  constructor(file: PdfFile) {
    const size = file.trailer.get('Size');
    this.next = typeof size === 'number' ? size : 1;
  }
  allocate(): PdfRef {
    return new PdfRef(this.next++, 0);
  }
  get size(): number {
    return this.next;
  }
}

function trailerBase(file: PdfFile, size: number): PdfDict {
  const t = new PdfDict([['Size', size]]);
  for (const key of ['Root', 'Info', 'ID'] as const) {
    const v = file.trailer.get(key);
    if (v !== undefined) t.set(key, v);
  }
  t.set('Prev', file.lastXrefOffset);
  return t;
}

/** Consecutive runs of object numbers: [[start, count], …]. */
function runs(nums: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const n of [...nums].sort((a, b) => a - b)) {
    const last = out[out.length - 1];
    if (last && last[0] + last[1] === n) last[1]++;
    else out.push([n, 1]);
  }
  return out;
}

export function writeIncrementalUpdate(
  file: PdfFile,
  objects: readonly UpdatedObject[],
  numbers: ObjectNumbers,
): Uint8Array {
  const base = file.bytes;
  const parts: Uint8Array[] = [base];
  let length = base.length;
  const push = (chunk: Uint8Array): void => {
    parts.push(chunk);
    length += chunk.length;
  };
  const last = base[base.length - 1];
  if (last !== 0x0a && last !== 0x0d) push(latin1Bytes('\n'));
  const offsets = new Map<number, { offset: number; gen: number }>();
  for (const obj of objects) {
    offsets.set(obj.ref.num, { offset: length, gen: obj.ref.gen });
    if (obj.streamData) {
      push(latin1Bytes(`${obj.ref.num} ${obj.ref.gen} obj\n${serialize(obj.value)}\nstream\n`));
      push(obj.streamData);
      push(latin1Bytes('\nendstream\nendobj\n'));
    } else {
      push(latin1Bytes(`${obj.ref.num} ${obj.ref.gen} obj\n`));
      push(obj.raw ?? latin1Bytes(serialize(obj.value)));
      push(latin1Bytes('\nendobj\n'));
    }
  }
  const xrefOffset = length;
  if (!file.usesXrefStream) {
    let table = 'xref\n';
    for (const [start, count] of runs([...offsets.keys()])) {
      table += `${start} ${count}\n`;
      for (let n = start; n < start + count; n++) {
        const e = offsets.get(n) ?? { offset: 0, gen: 0 };
        table += `${String(e.offset).padStart(10, '0')} ${String(e.gen).padStart(5, '0')} n\r\n`;
      }
    }
    const trailer = trailerBase(file, numbers.size);
    push(latin1Bytes(`${table}trailer\n${serialize(trailer)}\nstartxref\n${xrefOffset}\n%%EOF\n`));
    return concatBytes(parts);
  }
  const xrefRef = numbers.allocate();
  offsets.set(xrefRef.num, { offset: xrefOffset, gen: 0 });
  const nums = runs([...offsets.keys()]);
  const rows: number[] = [];
  for (const [start, count] of nums) {
    for (let n = start; n < start + count; n++) {
      const e = offsets.get(n) ?? { offset: 0, gen: 0 };
      rows.push(
        1,
        (e.offset >>> 24) & 0xff,
        (e.offset >>> 16) & 0xff,
        (e.offset >>> 8) & 0xff,
        e.offset & 0xff,
      );
      rows.push((e.gen >> 8) & 0xff, e.gen & 0xff);
    }
  }
  const data = Uint8Array.from(rows);
  const dict = trailerBase(file, numbers.size)
    .set('Type', new PdfName('XRef'))
    .set('W', [1, 4, 2])
    .set('Index', nums.flat())
    .set('Length', data.length);
  push(latin1Bytes(`${xrefRef.num} 0 obj\n${serialize(dict)}\nstream\n`));
  push(data);
  push(latin1Bytes(`\nendstream\nendobj\nstartxref\n${xrefOffset}\n%%EOF\n`));
  return concatBytes(parts);
}
