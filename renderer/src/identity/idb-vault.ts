/**
 * The browser identity store: one IndexedDB object store holding, per identity, its summary and
 * the .p12 file's bytes exactly as imported (still encrypted under the member's password).
 */
import type { IdentitySummary } from '../../../core/bridge/contract';
import type { IdentityVault } from '../../../core/bridge/identity-service';
import { committed, idbStore, settle } from '../storage/idb-store';

const DB_NAME = 'dienhong-identities';
const STORE = 'identities';

interface IdentityRecord {
  id: string;
  summary: IdentitySummary;
  p12: Uint8Array;
}

export function createIndexedDbVault(factory?: IDBFactory): IdentityVault {
  const identities = idbStore(DB_NAME, STORE, 'id', () => factory ?? indexedDB);
  const run = identities.run;

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
      const tx = await identities.transaction('readwrite');
      const store = tx.objectStore(STORE);
      const existed = (await settle(store.count(id))) > 0;
      if (existed) store.delete(id);
      await committed(tx);
      return existed;
    },
  };
}
