import { createIdentityService, type IdentityEntries } from '../../../core/bridge/identity-service';
import type { Hasher } from '../../../core/crypto/types';
import dejavuSansUrl from '../../../node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf?url';
import { createIndexedDbVault } from './idb-vault';
import { webCryptoRsaSigner } from './webcrypto-signer';

/** crypto.subtle where the page is a secure context; the service falls back to forge otherwise. */
const subtleHasher = (subtle: SubtleCrypto | undefined): Hasher | undefined =>
  subtle && {
    sha256: async (data) =>
      new Uint8Array(await subtle.digest('SHA-256', data as Uint8Array<ArrayBuffer>)),
  };

let font: Promise<Uint8Array | null> | null = null;
/** DejaVu Sans for the visible signature, fetched from this app's own bundle once. */
function appearanceFont(): Promise<Uint8Array | null> {
  font ??= fetch(dejavuSansUrl)
    .then(async (res) => (res.ok ? new Uint8Array(await res.arrayBuffer()) : null))
    .catch(() => null);
  return font;
}

/**
 * Web mode's identity entries: .p12 files in IndexedDB, signing in this page with WebCrypto.
 * The page's own origin is the server's, so that is the only origin it signs logins for.
 */
export function createWebIdentities(origin: string): IdentityEntries {
  const hasher = subtleHasher(globalThis.crypto?.subtle);
  return createIdentityService({
    vault: createIndexedDbVault(),
    makeSigner: (pem, chain) => webCryptoRsaSigner(pem, chain),
    expectedOrigin: origin,
    appearanceFont,
    ...(hasher ? { hasher } : {}),
  });
}
