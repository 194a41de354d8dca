import { pemDecode } from '../../../core/crypto/encoding';
import { forgeRsaSigner } from '../../../core/crypto/forge-services';
import type { RsaSigner } from '../../../core/crypto/types';

const ALGORITHM = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;

/**
 * Signs with WebCrypto: the key is imported non-extractable and dropped with the signer, so the
 * decrypted key lives only for one login. Falls back to forge where `crypto.subtle` is missing
 * (plain-http pages other than localhost are not a "secure context").
 */
export async function webCryptoRsaSigner(
  privateKeyPem: string,
  certificateChainDer: readonly Uint8Array[],
  subtle: SubtleCrypto | undefined = globalThis.crypto?.subtle,
): Promise<RsaSigner> {
  if (!subtle) return forgeRsaSigner(privateKeyPem, certificateChainDer);
  const pkcs8 = pemDecode(privateKeyPem, ['PRIVATE KEY']) as Uint8Array<ArrayBuffer>;
  const key = await subtle.importKey('pkcs8', pkcs8, ALGORITHM, false, ['sign']);
  return {
    certificateChainDer: certificateChainDer.map((der) => der.slice()),
    rsaSignSha256: async (data) =>
      new Uint8Array(await subtle.sign(ALGORITHM, key, data as Uint8Array<ArrayBuffer>)),
  };
}
