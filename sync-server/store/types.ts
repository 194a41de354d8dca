import { CodedError } from '../../core/errors/coded-error';

/**
 * Storage behind the sync server, kept narrow so that a PostgreSQL or Redis backend can stand
 * in for the embedded LevelDB one: an append-only Yjs update log per document with snapshots,
 * a JSON record store, and an append-only audit log.
 */

/** What is durable for one document: the last snapshot and the updates logged after it. */
export interface StoredDocument {
  /** Merged state (a Yjs update) written by the last compaction, or null if never compacted. */
  snapshot: Uint8Array | null;
  /** Updates appended after the snapshot, oldest first. */
  updates: Uint8Array[];
  /**
   * Position of the last update in `updates` (opaque to callers; 0 when there is none). Passed
   * back to compact() so that updates appended after this read are never deleted.
   */
  through: number;
}

export interface DocumentStore {
  loadDocument(name: string): Promise<StoredDocument>;
  /** Resolves only once the update is on disk (fsync); callers broadcast after that, never before. */
  appendUpdate(name: string, update: Uint8Array): Promise<void>;
  /** Atomically replaces the snapshot with `state` and deletes the logged updates up to `through`. */
  compact(name: string, state: Uint8Array, through: number): Promise<void>;
}

export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export type RecordOp =
  { type: 'put'; key: string; value: JsonValue } | { type: 'del'; key: string };

/** Meetings, members, ballots…: JSON values under string keys, written durably. */
export interface RecordStore {
  get(key: string): Promise<JsonValue | undefined>;
  put(key: string, value: JsonValue): Promise<void>;
  del(key: string): Promise<void>;
  /** All-or-nothing write of several records. */
  batch(ops: readonly RecordOp[]): Promise<void>;
  /** Records whose key starts with `prefix`, in key order. */
  iterate(prefix: string): AsyncIterable<[string, JsonValue]>;
}

export interface AuditEntry {
  /** Monotonically increasing, assigned by the store. */
  seq: number;
  value: JsonValue;
}

export interface AuditLog {
  /** Appends durably and returns the entry's sequence number. */
  appendAudit(entry: JsonValue): Promise<number>;
  /** Entries with seq > `after`, oldest first. */
  readAudit(after?: number, limit?: number): AsyncIterable<AuditEntry>;
}

/** ok; full: writes refused until space returns; dead: writes fail and reopening did not help. */
export type StoreHealth = 'ok' | 'full' | 'dead';

export interface Store extends DocumentStore, RecordStore, AuditLog {
  close(): Promise<void>;
}

/** A storage failure or a refused name; `code` is stable for logs and operators. */
export type StoreErrorCode =
  | 'bad-name'
  | 'bad-key'
  | 'closed'
  | 'corrupt'
  /** Below the free-space watermark, or the disk filled during a write (nothing written). */
  | 'storage-full'
  /** A write failed and the store is being reopened, or could not be. */
  | 'storage-unavailable';

export class StoreError extends CodedError<StoreErrorCode> {
  override readonly name = 'StoreError';
}
