/**
 * A real in-memory ElectronFacade for tests: a tiny file system, an identity folder, a record
 * of what was opened, and a stand-in safeStorage that really transforms the bytes (so a test can
 * tell sealed from plain) and refuses what it did not seal.
 */
import type { ElectronFacade } from './facade';

const SEAL = 'sealed:';

export function memoryFacade(files: Record<string, Uint8Array> = {}) {
  const opened: string[] = [];
  const written = new Map<string, Uint8Array>();
  const identityFiles = new Map<string, Uint8Array>();
  let nextOpen: string | null = null;
  let nextSave: string | null = null;
  let encryptionAvailable = true;
  let nextPin: string | undefined;
  const pinRequests: { tokenLabel: string; finalTry: boolean }[] = [];
  const facade: ElectronFacade = {
    appName: () => 'Diên Hồng',
    appVersion: () => '0.1.0',
    showOpenDialog: async () => nextOpen,
    showSaveDialog: async () => nextSave,
    readFile: async (p) => {
      const f = files[p];
      if (!f) throw new Error('ENOENT');
      return f;
    },
    fileSize: async (p) => files[p]?.byteLength ?? 0,
    writeFile: async (p, b) => void written.set(p, b),
    openExternal: async (u) => void opened.push(u),
    readIdentityFile: async (name) => identityFiles.get(name)?.slice() ?? null,
    writeIdentityFile: async (name, bytes) => void identityFiles.set(name, bytes.slice()),
    deleteIdentityFile: async (name) => void identityFiles.delete(name),
    askTokenPin: async (request) => {
      pinRequests.push(request);
      return nextPin;
    },
    safeStorage: {
      isEncryptionAvailable: async () => encryptionAvailable,
      encryptString: async (text) => new TextEncoder().encode(SEAL + [...text].reverse().join('')),
      decryptString: async (bytes) => {
        const text = new TextDecoder().decode(bytes);
        if (!text.startsWith(SEAL)) throw new Error('Error while decrypting the ciphertext');
        return [...text.slice(SEAL.length)].reverse().join('');
      },
    },
  };
  return {
    facade,
    opened,
    written,
    identityFiles,
    pickOpen: (p: string | null) => (nextOpen = p),
    pickSave: (p: string | null) => (nextSave = p),
    setEncryptionAvailable: (available: boolean) => (encryptionAvailable = available),
    /** What the PIN dialog answers next (undefined: the member cancels). */
    answerPin: (pin: string | undefined) => (nextPin = pin),
    pinRequests,
  };
}
