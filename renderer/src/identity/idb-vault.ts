/**
 * The browser identity store: one IndexedDB object store holding, per identity, its summary and
 * the .p12 file's bytes exactly as imported (still encrypted under the member's password).
 */
import type { IdentitySummary } from '../../../core/bridge/contract';
import type { IdentityVault } from '../../../core/bridge/identity-service';

const DB_NAME = 'dienhong-identities';
const STORE = 'identities';

interface IdentityRecord {
  id: string;
  summary: IdentitySummary;
  p12: Uint8Array;
}

function settle<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed.'));
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed.'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted.'));
  });
}

function open(factory: IDBFactory): Promise<IDBDatabase> {
  const request = factory.open(DB_NAME, 1);
  request.onupgradeneeded = () => {
    request.result.createObjectStore(STORE, { keyPath: 'id' });
  };
  return settle(request);
}

export function createIndexedDbVault(factory?: IDBFactory): IdentityVault {
  let db: Promise<IDBDatabase> | null = null;
  // Opened on first use, so merely loading the page touches no storage.
  const database = () => (db ??= open(factory ?? indexedDB));

  async function run<T>(
    mode: IDBTransactionMode,
    work: (store: IDBObjectStore) => IDBRequest<T>,
  ): Promise<T> {
    const tx = (await database()).transaction(STORE, mode);
    const result = settle(work(tx.objectStore(STORE)));
    // A write counts only once its transaction has committed.
    await done(tx);
    return result;
  }

  return {
    list: async () => {
      const records = (await run('readonly', (s) => s.getAll())) as IdentityRecord[];
      return records.map((r) => r.summary);
    },
    read: async (id) => {
      const record = (await run('readonly', (s) => s.get(id))) as IdentityRecord | undefined;
      return record ? new Uint8Array(record.p12) : null;
    },
    put: async (summary, p12) => {
      const record: IdentityRecord = { id: summary.id, summary, p12 };
      await run('readwrite', (s) => s.put(record));
    },
    remove: async (id) => {
      const tx = (await database()).transaction(STORE, 'readwrite');
      const store = tx.objectStore(STORE);
      const existed = (await settle(store.count(id))) > 0;
      if (existed) store.delete(id);
      await done(tx);
      return existed;
    },
  };
}
