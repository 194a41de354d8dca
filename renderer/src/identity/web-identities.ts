import { createIdentityService, type IdentityEntries } from '../../../core/bridge/identity-service';
import { createIndexedDbVault } from './idb-vault';
import { webCryptoRsaSigner } from './webcrypto-signer';

/**
 * Web mode's identity entries: .p12 files in IndexedDB, signing in this page with WebCrypto.
 * The page's own origin is the server's, so that is the only origin it signs logins for.
 */
export function createWebIdentities(origin: string): IdentityEntries {
  return createIdentityService({
    vault: createIndexedDbVault(),
    makeSigner: (pem, chain) => webCryptoRsaSigner(pem, chain),
    expectedOrigin: origin,
  });
}
