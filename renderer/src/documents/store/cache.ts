/**
 * Verified agenda documents kept in IndexedDB (one object store keyed by SHA-256), so a document
 * opens offline. Every read is hashed again before use: a damaged or tampered copy is dropped.
 */
import { idbStore } from '../../storage/idb-store';
import { sha256Hex } from '../../api/blobs';

interface CachedDocument {
  sha256: string;
  bytes: Uint8Array;
  storedAt: string;
}

const documents = idbStore('dienhong-documents', 'pdf', 'sha256');
const run = documents.run;

/** The cached bytes of `sha256` if present and still matching their hash; otherwise null. */
export async function readCachedDocument(sha256: string): Promise<Uint8Array | null> {
  try {
    const entry = (await run('readonly', (s) => s.get(sha256))) as CachedDocument | undefined;
    if (!entry || !(entry.bytes instanceof Uint8Array)) return null;
    if ((await sha256Hex(entry.bytes)) === sha256) return entry.bytes;
    await run('readwrite', (s) => s.delete(sha256));
    return null;
  } catch {
    // A browser without storage (private mode, quota) just reads from the network each time.
    return null;
  }
}

/** Keeps verified bytes for offline reading; failures (quota) only cost the offline copy. */
export async function cacheDocument(sha256: string, bytes: Uint8Array): Promise<boolean> {
  try {
    const entry: CachedDocument = { sha256, bytes, storedAt: new Date().toISOString() };
    await run('readwrite', (s) => s.put(entry));
    return true;
  } catch {
    return false;
  }
}
