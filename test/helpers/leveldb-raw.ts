/**
 * Reads LevelDB's files byte by byte, as an attacker holding a copy of the data directory
 * would: every write batch still in a `.log` file and every entry of every `.ldb` table,
 * including versions that later writes have shadowed (LevelDB keeps them until compaction
 * drops them). No LevelDB code is used, so nothing the database hides stays hidden.
 * Formats: leveldb's doc/log_format.md and doc/table_format.md; tables may be Snappy-compressed.
 */

/** One version of one key, with the sequence number LevelDB gave it. */
export interface RawEntry {
  seq: bigint;
  key: string;
  /** null for a deletion marker. */
  value: Uint8Array | null;
  file: string;
}

const utf8 = new TextDecoder();

class Reader {
  constructor(
    readonly bytes: Uint8Array,
    public pos = 0,
  ) {}
  varint(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = this.bytes[this.pos++];
      if (b === undefined) throw new Error('truncated varint');
      result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return result;
      shift += 7;
    }
  }
  take(n: number): Uint8Array {
    if (this.pos + n > this.bytes.length) throw new Error('truncated');
    const out = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
  u8(): number {
    return this.take(1)[0] as number;
  }
}

const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);

/** The logical records of a log-format file (.log and MANIFEST), reassembled across blocks. */
export function logRecords(bytes: Uint8Array): Uint8Array[] {
  const BLOCK = 32768;
  const out: Uint8Array[] = [];
  let pending: Uint8Array[] = [];
  let pos = 0;
  while (pos + 7 <= bytes.length) {
    const left = BLOCK - (pos % BLOCK);
    if (left < 7) {
      pos += left;
      continue;
    }
    const length = view(bytes).getUint16(pos + 4, true);
    const type = bytes[pos + 6];
    if (type === 0 && length === 0) {
      pos += left; // zero padding / preallocated tail
      continue;
    }
    const data = bytes.subarray(pos + 7, pos + 7 + length);
    pos += 7 + length;
    if (type === 1) out.push(data);
    else if (type === 2) pending = [data];
    else if (type === 3) pending.push(data);
    else if (type === 4) {
      pending.push(data);
      out.push(Buffer.concat(pending));
      pending = [];
    }
  }
  return out;
}

/** Every put and delete in a .log file's write batches. */
export function logEntries(bytes: Uint8Array, file: string): RawEntry[] {
  const entries: RawEntry[] = [];
  for (const record of logRecords(bytes)) {
    if (record.length < 12) continue;
    let seq = view(record).getBigUint64(0, true);
    const count = view(record).getUint32(8, true);
    const r = new Reader(record, 12);
    try {
      for (let i = 0; i < count; i++, seq++) {
        const type = r.u8();
        const key = utf8.decode(r.take(r.varint()));
        const value = type === 1 ? r.take(r.varint()) : null;
        entries.push({ seq, key, value, file });
      }
    } catch {
      // A torn tail after kill -9: what was read so far is still evidence.
    }
  }
  return entries;
}

/** Snappy block decompression (the format LevelDB uses for table blocks). */
export function unsnappy(input: Uint8Array): Uint8Array {
  const r = new Reader(input);
  const out = new Uint8Array(r.varint());
  let o = 0;
  const copy = (offset: number, length: number) => {
    for (let i = 0; i < length; i++, o++) out[o] = out[o - offset] as number;
  };
  while (r.pos < input.length) {
    const tag = r.u8();
    const kind = tag & 3;
    if (kind === 0) {
      let len = tag >> 2;
      if (len >= 60) {
        const extra = len - 59;
        len = 0;
        for (let i = 0; i < extra; i++) len |= r.u8() << (8 * i);
      }
      out.set(r.take(len + 1), o);
      o += len + 1;
    } else if (kind === 1) {
      const length = ((tag >> 2) & 7) + 4;
      copy(((tag >> 5) << 8) | r.u8(), length);
    } else if (kind === 2) {
      const b = r.take(2);
      copy((b[0] as number) | ((b[1] as number) << 8), (tag >> 2) + 1);
    } else {
      copy(view(r.take(4)).getUint32(0, true), (tag >> 2) + 1);
    }
  }
  return out;
}

function blockAt(table: Uint8Array, offset: number, size: number): Uint8Array {
  const contents = table.subarray(offset, offset + size);
  const compression = table[offset + size];
  return compression === 1 ? unsnappy(contents) : contents;
}

/** The key/value pairs of one table block (prefix-compressed keys, restart array at the end). */
function blockPairs(block: Uint8Array): [Uint8Array, Uint8Array][] {
  const restarts = view(block).getUint32(block.length - 4, true);
  const end = block.length - 4 - 4 * restarts;
  const r = new Reader(block);
  const pairs: [Uint8Array, Uint8Array][] = [];
  let last = new Uint8Array();
  while (r.pos < end) {
    const shared = r.varint();
    const unshared = r.varint();
    const valueLength = r.varint();
    const key = Buffer.concat([last.subarray(0, shared), r.take(unshared)]);
    pairs.push([key, r.take(valueLength)]);
    last = key;
  }
  return pairs;
}

/** Every entry of an .ldb (or .sst) table, shadowed versions included. */
export function tableEntries(table: Uint8Array, file: string): RawEntry[] {
  const footer = new Reader(table, table.length - 48);
  footer.varint(); // metaindex offset
  footer.varint(); // metaindex size
  const indexOffset = footer.varint();
  const indexSize = footer.varint();
  const entries: RawEntry[] = [];
  for (const [, handle] of blockPairs(blockAt(table, indexOffset, indexSize))) {
    const h = new Reader(handle);
    const offset = h.varint();
    const size = h.varint();
    for (const [internalKey, value] of blockPairs(blockAt(table, offset, size))) {
      const tag = view(internalKey).getBigUint64(internalKey.length - 8, true);
      entries.push({
        seq: tag >> 8n,
        key: utf8.decode(internalKey.subarray(0, internalKey.length - 8)),
        value: (tag & 0xffn) === 1n ? value : null,
        file,
      });
    }
  }
  return entries;
}

/** Every entry in a set of files (path → bytes): .log and .ldb/.sst are parsed, the rest skipped. */
export function allEntries(files: ReadonlyMap<string, Uint8Array>): RawEntry[] {
  const seen = new Set<string>();
  const out: RawEntry[] = [];
  for (const [file, bytes] of files) {
    const parsed = file.endsWith('.log')
      ? logEntries(bytes, file)
      : /\.(ldb|sst)$/.test(file)
        ? tableEntries(bytes, file)
        : [];
    for (const entry of parsed) {
      const id = `${entry.seq}:${entry.key}`;
      if (seen.has(id)) continue;
      seen.add(id);
      out.push(entry);
    }
  }
  return out.sort((a, b) => (a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : 0));
}
