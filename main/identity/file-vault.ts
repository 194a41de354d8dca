/**
 * The desktop identity store: userData/identities/<id>.bin holds a .p12 file's bytes (already
 * encrypted under the member's password), additionally sealed with Electron's safeStorage when
 * the operating system offers it; index.json lists the summaries the login screen shows.
 */
import { base64Decode, base64Encode } from '../../core/crypto/encoding';
import type { IdentitySummary } from '../../core/bridge/contract';
import type { IdentityVault } from '../../core/bridge/identity-service';
import type { ElectronFacade } from '../facade';

type Protection = 'safe-storage' | 'none';

interface IndexEntry {
  summary: IdentitySummary;
  /** How <id>.bin is sealed: by safeStorage (holding the Base64 of the .p12), or not at all. */
  protection: Protection;
}

interface IndexFile {
  version: 1;
  identities: IndexEntry[];
}

const INDEX = 'index.json';
const ID = /^[0-9a-f]{64}$/;

type Storage = Pick<
  ElectronFacade,
  'readIdentityFile' | 'writeIdentityFile' | 'deleteIdentityFile' | 'safeStorage'
>;

function isSummary(value: unknown): value is IdentitySummary {
  if (typeof value !== 'object' || value === null) return false;
  const s = value as Record<string, unknown>;
  return (
    typeof s.id === 'string' &&
    ID.test(s.id) &&
    typeof s.name === 'string' &&
    (s.email === null || typeof s.email === 'string') &&
    typeof s.issuer === 'string' &&
    typeof s.notAfter === 'string' &&
    typeof s.fileName === 'string'
  );
}

function isEntry(value: unknown): value is IndexEntry {
  if (typeof value !== 'object' || value === null) return false;
  const e = value as Record<string, unknown>;
  return isSummary(e.summary) && (e.protection === 'safe-storage' || e.protection === 'none');
}

const binName = (id: string) => `${id}.bin`;

export function createFileVault(storage: Storage): IdentityVault {
  // One operation at a time, so two imports cannot both rewrite the index from the same old copy.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  async function readIndex(): Promise<IndexEntry[]> {
    const bytes = await storage.readIdentityFile(INDEX);
    if (bytes === null) return [];
    try {
      const parsed = JSON.parse(new TextDecoder().decode(bytes)) as Partial<IndexFile>;
      return Array.isArray(parsed.identities) ? parsed.identities.filter(isEntry) : [];
    } catch {
      // A damaged index lists nothing; the member re-imports, which rewrites it.
      return [];
    }
  }

  async function writeIndex(identities: IndexEntry[]): Promise<void> {
    const file: IndexFile = { version: 1, identities };
    await storage.writeIdentityFile(INDEX, new TextEncoder().encode(JSON.stringify(file, null, 2)));
  }

  return {
    list: () => serial(async () => (await readIndex()).map((e) => e.summary)),
    read: (id) =>
      serial(async () => {
        const entry = (await readIndex()).find((e) => e.summary.id === id);
        if (!entry) return null;
        const sealed = await storage.readIdentityFile(binName(id));
        if (sealed === null) return null;
        return entry.protection === 'safe-storage'
          ? base64Decode(await storage.safeStorage.decryptString(sealed))
          : sealed;
      }),
    put: (summary, p12) =>
      serial(async () => {
        const protection: Protection = (await storage.safeStorage.isEncryptionAvailable())
          ? 'safe-storage'
          : 'none';
        const sealed =
          protection === 'safe-storage'
            ? await storage.safeStorage.encryptString(base64Encode(p12))
            : p12;
        // The file first, then the index: the index never names a file that is not there.
        await storage.writeIdentityFile(binName(summary.id), sealed);
        const others = (await readIndex()).filter((e) => e.summary.id !== summary.id);
        await writeIndex([...others, { summary, protection }]);
      }),
    remove: (id) =>
      serial(async () => {
        const entries = await readIndex();
        const left = entries.filter((e) => e.summary.id !== id);
        if (left.length === entries.length) return false;
        await writeIndex(left);
        await storage.deleteIdentityFile(binName(id));
        return true;
      }),
  };
}
