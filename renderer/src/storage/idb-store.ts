/**
 * One IndexedDB object store in its own database, opened on first use (so merely loading the
 * page touches no storage) and opened again after a failure. Used by the identity vault and
 * the document cache.
 */

/** Resolves with a request's result, or rejects with its error. */
export function settle<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed.'));
  });
}

/** Resolves once the transaction has committed; a write counts only then. */
export function committed(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed.'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted.'));
  });
}

export interface IdbStore {
  /** A transaction on the store, for work of more than one request. */
  transaction(mode: IDBTransactionMode): Promise<IDBTransaction>;
  /** One request in its own transaction; resolves with its result once committed. */
  run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T>;
}

export function idbStore(
  dbName: string,
  storeName: string,
  keyPath: string,
  factory: () => IDBFactory = () => indexedDB,
): IdbStore {
  let opening: Promise<IDBDatabase> | null = null;
  const database = (): Promise<IDBDatabase> => {
    if (!opening) {
      const request = factory().open(dbName, 1);
      request.onupgradeneeded = () => {
        request.result.createObjectStore(storeName, { keyPath });
      };
      opening = settle(request).catch((error: unknown) => {
        opening = null;
        throw error;
      });
    }
    return opening;
  };
  const transaction = async (mode: IDBTransactionMode) =>
    (await database()).transaction(storeName, mode);
  return {
    transaction,
    async run(mode, work) {
      const tx = await transaction(mode);
      const result = settle(work(tx.objectStore(storeName)));
      await committed(tx);
      return result;
    },
  };
}
