/**
 * The slice of Electron (and the file system) the IPC handlers use. main.ts passes the real
 * one; tests pass an in-memory one. Keeping it narrow keeps the handlers honest.
 */
export interface ElectronFacade {
  appName(): string;
  appVersion(): string;
  showOpenDialog(options: {
    title: string;
    filters: { name: string; extensions: string[] }[];
  }): Promise<string | null>;
  showSaveDialog(options: { defaultPath: string }): Promise<string | null>;
  readFile(path: string): Promise<Uint8Array>;
  fileSize(path: string): Promise<number>;
  writeFile(path: string, bytes: Uint8Array): Promise<void>;
  openExternal(url: string): Promise<void>;
  /** Files of the identity store (userData/identities/), by bare name; read gives null if absent. */
  readIdentityFile(name: string): Promise<Uint8Array | null>;
  /** Replaces the file whole and durably (node-shared/atomic-write.ts: unique temp, fsync, rename). */
  writeIdentityFile(name: string, bytes: Uint8Array): Promise<void>;
  deleteIdentityFile(name: string): Promise<void>;
  /**
   * Asks the member for a token PIN in the main process's own modal dialog (never through the
   * renderer, which must not see the PIN); undefined when they cancel.
   */
  askTokenPin(request: { tokenLabel: string; finalTry: boolean }): Promise<string | undefined>;
  /** Electron's safeStorage (async API): encryption with a key the OS keeps for this user. */
  safeStorage: {
    isEncryptionAvailable(): Promise<boolean>;
    encryptString(text: string): Promise<Uint8Array>;
    decryptString(bytes: Uint8Array): Promise<string>;
  };
}

/** What IPC handlers need to know about the message's sender. */
export interface IpcSender {
  frameUrl: string | undefined;
  isMainFrame: boolean;
}
