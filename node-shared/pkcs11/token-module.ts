/**
 * One loaded, initialised PKCS#11 module per path per process, shared by every open signer and
 * finalised when the last one closes. Cryptoki allows one C_Initialize per process: a second
 * would fail with CKR_CRYPTOKI_ALREADY_INITIALIZED, and a C_Finalize under a signer still in
 * use would close its sessions.
 */
import pkcs11js from 'pkcs11js';
import { tokenError } from '../../core/crypto/token-errors';

export interface ModuleLease {
  readonly module: pkcs11js.PKCS11;
  release(): void;
}

interface Loaded {
  readonly module: pkcs11js.PKCS11;
  users: number;
}

const loaded = new Map<string, Loaded>();

export function acquireModule(modulePath: string): ModuleLease {
  let entry = loaded.get(modulePath);
  if (!entry) {
    const module = new pkcs11js.PKCS11();
    try {
      module.load(modulePath);
    } catch (error) {
      throw tokenError('token-module-unloadable', `${modulePath}: ${(error as Error).message}`);
    }
    try {
      module.C_Initialize();
    } catch (error) {
      if ((error as { code?: unknown }).code !== pkcs11js.CKR_CRYPTOKI_ALREADY_INITIALIZED) {
        module.close();
        throw tokenError('token-module-unloadable', `${modulePath}: ${(error as Error).message}`);
      }
    }
    entry = { module, users: 0 };
    loaded.set(modulePath, entry);
  }
  entry.users++;
  const held = entry;
  let released = false;
  return {
    module: held.module,
    release() {
      if (released) return;
      released = true;
      held.users--;
      if (held.users > 0) return;
      loaded.delete(modulePath);
      try {
        held.module.C_Finalize();
      } finally {
        held.module.close();
      }
    },
  };
}
