/**
 * The embedded store: one LevelDB database at `<dataDir>/db` holding the Yjs update logs and
 * snapshots, the JSON records and the audit log. Every write is fsync'd before it resolves.
 */
import path from 'node:path';
import { Level } from 'level';
import { makePrivateDir, tightenTree } from '../fs/private-dir';
import { DiskWatch, type FreeSpace, isNoSpace } from './disk';
import { type BatchOp, GroupCommit } from './group-commit';
import {
  type AuditEntry,
  type JsonValue,
  type RecordOp,
  type Store,
  StoreError,
  type StoredDocument,
  type StoreHealth,
} from './types';

export interface LevelStoreOptions {
  /** Writes are refused with `storage-full` while less than this is free (default 64 MiB). */
  minFreeBytes?: number;
  /** How free space is measured (statfs by default). */
  freeSpace?: FreeSpace;
  /** Called when a failed store could not be reopened: the process should exit for its supervisor. */
  onDead?: (error: unknown) => void;
}

export const DEFAULT_MIN_FREE_BYTES = 64 * 1024 * 1024;

// Key layout (utf8): a one-letter space, NUL, then the name; NUL never occurs in names or keys.
const SEP = '\u0000';
const END = '\u0001';
const seqKey = (seq: number): string => seq.toString(16).padStart(16, '0');
const logPrefix = (name: string): string => `u${SEP}${name}${SEP}`;
// The snapshot sits at the log prefix itself, sorting before every log entry, so one iterator
// (one LevelDB read snapshot) sees a consistent snapshot + log even while a compaction commits.
const snapshotKey = logPrefix;
/** Exclusive upper bound of every key starting with `prefix` (which ends in SEP). */
const after = (prefix: string): string => `${prefix.slice(0, -1)}${END}`;
const recordKey = (key: string): string => `r${SEP}${key}`;
const AUDIT = `a${SEP}`;

const text = new TextEncoder();
const untext = new TextDecoder();
const encodeJson = (value: JsonValue): Uint8Array => text.encode(JSON.stringify(value));
const decodeJson = (bytes: Uint8Array): JsonValue => JSON.parse(untext.decode(bytes)) as JsonValue;

function checkName(kind: 'bad-name' | 'bad-key', value: string): void {
  if (value.length === 0 || value.includes(SEP) || value.includes(END)) {
    throw new StoreError(
      kind,
      `not a valid ${kind === 'bad-name' ? 'document name' : 'record key'}: ${JSON.stringify(value)}`,
    );
  }
}

export class LevelStore implements Store {
  private readonly lastSeq = new Map<string, number>();
  private readonly compactedThrough = new Map<string, number>();
  private readonly seqLoading = new Map<string, Promise<void>>();
  private readonly commits: GroupCommit;
  private auditSeq = 0;
  private closed = false;
  /** Set while a failed write's reopen runs, and for good when reopening failed. */
  private broken: 'reopening' | 'dead' | null = null;

  private constructor(
    private readonly db: Level<string, Uint8Array>,
    private readonly dbDir: string,
    private readonly disk: DiskWatch,
    private readonly options: LevelStoreOptions,
  ) {
    this.commits = new GroupCommit((ops) => this.write(ops));
  }

  /**
   * Opens (creating if needed) the database under `<dataDir>/db`. The data directory is made
   * private first (0700, files 0600), and LevelDB's own new files after it opens.
   */
  static async open(dataDir: string, options: LevelStoreOptions = {}): Promise<LevelStore> {
    await makePrivateDir(dataDir);
    await tightenTree(dataDir);
    const dbDir = path.join(dataDir, 'db');
    const db = new Level<string, Uint8Array>(dbDir, {
      keyEncoding: 'utf8',
      valueEncoding: 'view',
    });
    await db.open();
    await tightenTree(dbDir);
    const disk = new DiskWatch(
      dataDir,
      options.minFreeBytes ?? DEFAULT_MIN_FREE_BYTES,
      options.freeSpace,
    );
    const store = new LevelStore(db, dbDir, disk, options);
    await disk.refresh();
    store.auditSeq = await store.lastKeySeq(AUDIT);
    return store;
  }

  /** For /healthz: full (below the watermark) or dead (failed writes; not, or not yet, reopened). */
  health(): StoreHealth {
    if (this.broken) return 'dead';
    return this.disk.full ? 'full' : 'ok';
  }

  /** Re-reads free space now (tests, and after an operator frees space). */
  refreshFreeSpace(): Promise<boolean> {
    return this.disk.refresh();
  }

  private async write(ops: BatchOp[]): Promise<void> {
    this.assertWritable();
    try {
      await this.db.batch(
        ops.map((op) =>
          op.type === 'put'
            ? { type: 'put', key: op.key, value: op.value as Uint8Array }
            : { type: 'del', key: op.key },
        ),
        { sync: true },
      );
    } catch (error) {
      // LevelDB keeps failing every write after an I/O error until it is reopened.
      void this.reopen(error);
      if (isNoSpace(error)) {
        void this.disk.refresh();
        throw new StoreError('storage-full', 'The server has run out of disk space.');
      }
      throw error;
    }
  }

  private assertWritable(): void {
    this.assertOpen();
    if (this.broken)
      throw new StoreError('storage-unavailable', 'The store is unavailable; retry shortly.');
    if (this.disk.full)
      throw new StoreError('storage-full', 'The server is low on disk space; nothing was saved.');
  }

  /**
   * Closes and reopens LevelDB after a failed write. While the disk is full, reopening (which
   * writes a new log) fails too: it is retried every second until space returns. Any other
   * failure to reopen, five times over, makes the store dead and calls `onDead`.
   */
  private async reopen(cause: unknown): Promise<void> {
    if (this.broken || this.closed) return;
    this.broken = 'reopening';
    let failures = 0;
    let last: unknown = cause;
    while (!this.closed) {
      try {
        if (this.db.status === 'open') await this.db.close();
        await this.db.open();
        this.broken = null;
        return;
      } catch (error) {
        last = error;
        if (!isNoSpace(error) && ++failures >= 5) break;
      }
      await new Promise((resolve) => setTimeout(resolve, 1000).unref());
    }
    if (this.closed) return;
    this.broken = 'dead';
    this.options.onDead?.(last);
  }

  async loadDocument(name: string): Promise<StoredDocument> {
    this.assertOpen();
    checkName('bad-name', name);
    let snapshot: Uint8Array | null = null;
    const updates: Uint8Array[] = [];
    let through = 0;
    const prefix = logPrefix(name);
    for await (const [key, value] of this.db.iterator({ gte: prefix, lt: after(prefix) })) {
      if (key === prefix) {
        snapshot = value;
        continue;
      }
      updates.push(value);
      through = Number.parseInt(key.slice(prefix.length), 16);
    }
    if (!this.lastSeq.has(name)) this.lastSeq.set(name, through);
    return { snapshot, updates, through };
  }

  async appendUpdate(name: string, update: Uint8Array): Promise<void> {
    this.assertWritable();
    checkName('bad-name', name);
    if (!this.lastSeq.has(name)) await this.loadSeq(name);
    // Allocated synchronously after the await, so appends keep their call order.
    const seq = (this.lastSeq.get(name) ?? 0) + 1;
    this.lastSeq.set(name, seq);
    await this.commits.submit([{ type: 'put', key: logPrefix(name) + seqKey(seq), value: update }]);
  }

  async compact(name: string, state: Uint8Array, through: number): Promise<void> {
    this.assertOpen();
    checkName('bad-name', name);
    // A compaction that read an older log than one already committed must not win.
    if (through <= (this.compactedThrough.get(name) ?? 0)) return;
    this.compactedThrough.set(name, through);
    const prefix = logPrefix(name);
    const ops: BatchOp[] = [{ type: 'put', key: snapshotKey(name), value: state }];
    for await (const key of this.db.keys({ gt: prefix, lte: prefix + seqKey(through) }))
      ops.push({ type: 'del', key });
    await this.commits.submit(ops);
  }

  async get(key: string): Promise<JsonValue | undefined> {
    this.assertOpen();
    checkName('bad-key', key);
    const value = (await this.db.getMany([recordKey(key)]))[0];
    return value === undefined ? undefined : decodeJson(value);
  }

  put(key: string, value: JsonValue): Promise<void> {
    return this.batch([{ type: 'put', key, value }]);
  }

  del(key: string): Promise<void> {
    return this.batch([{ type: 'del', key }]);
  }

  async batch(ops: readonly RecordOp[]): Promise<void> {
    this.assertWritable();
    const encoded = ops.map((op): BatchOp => {
      checkName('bad-key', op.key);
      return op.type === 'put'
        ? { type: 'put', key: recordKey(op.key), value: encodeJson(op.value) }
        : { type: 'del', key: recordKey(op.key) };
    });
    await this.commits.submit(encoded);
  }

  async *iterate(prefix: string): AsyncIterable<[string, JsonValue]> {
    this.assertOpen();
    const start = recordKey(prefix);
    for await (const [key, value] of this.db.iterator({
      gte: start,
      lt: `r${SEP}${prefix}\uffff`,
    })) {
      if (!key.startsWith(start)) break;
      yield [key.slice(2), decodeJson(value)];
    }
  }

  async appendAudit(entry: JsonValue): Promise<number> {
    this.assertWritable();
    const seq = ++this.auditSeq;
    await this.commits.submit([
      { type: 'put', key: AUDIT + seqKey(seq), value: encodeJson(entry) },
    ]);
    return seq;
  }

  async *readAudit(afterSeq = 0, limit = Number.POSITIVE_INFINITY): AsyncIterable<AuditEntry> {
    this.assertOpen();
    let count = 0;
    for await (const [key, value] of this.db.iterator({
      gt: AUDIT + seqKey(afterSeq),
      lt: after(AUDIT),
    })) {
      if (count++ >= limit) break;
      yield { seq: Number.parseInt(key.slice(AUDIT.length), 16), value: decodeJson(value) };
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.disk.stop();
    await this.commits.drain();
    if (this.db.status === 'open' || this.db.status === 'opening') await this.db.close();
    // Tables and logs LevelDB made while open under a looser umask than the CLI's.
    await tightenTree(this.dbDir);
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreError('closed', 'The store is closed.');
  }

  private loadSeq(name: string): Promise<void> {
    let loading = this.seqLoading.get(name);
    if (!loading) {
      loading = this.lastKeySeq(logPrefix(name)).then((seq) => {
        if (!this.lastSeq.has(name)) this.lastSeq.set(name, seq);
        this.seqLoading.delete(name);
      });
      this.seqLoading.set(name, loading);
    }
    return loading;
  }

  /** The sequence number in the last key under `prefix`, or 0. */
  private async lastKeySeq(prefix: string): Promise<number> {
    // gt: the key equal to the prefix is a document's snapshot, not a log entry.
    for await (const key of this.db.keys({
      gt: prefix,
      lt: after(prefix),
      reverse: true,
      limit: 1,
    })) {
      return Number.parseInt(key.slice(prefix.length), 16);
    }
    return 0;
  }
}
