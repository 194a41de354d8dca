import { createHash, createSign } from 'node:crypto';
import type { Hasher, RsaSigner } from '../../core/crypto/types';

/** Signs with node:crypto (RSASSA-PKCS1-v1_5, SHA-256) in the main process; ~30× faster than forge. */
export async function nodeRsaSigner(
  privateKeyPem: string,
  certificateChainDer: readonly Uint8Array[],
): Promise<RsaSigner> {
  return {
    certificateChainDer: certificateChainDer.map((der) => der.slice()),
    rsaSignSha256: async (data) =>
      new Uint8Array(createSign('RSA-SHA256').update(data).sign(privateKeyPem)),
  };
}

/** SHA-256 with node:crypto for PDF signing in the main process. */
export const nodeHasher: Hasher = {
  sha256: async (data) => new Uint8Array(createHash('sha256').update(data).digest()),
};
