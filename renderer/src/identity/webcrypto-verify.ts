/**
 * core's general signature check on WebCrypto. WebCrypto wants ECDSA signatures as raw r||s,
 * while CMS and X.509 carry DER, so ECDSA signatures are converted first.
 */
import { CURVE_BYTES, ecdsaDerToRaw } from '../../../core/crypto/ecdsa-signature';
import type { HashName, VerifySignature } from '../../../core/crypto/types';

const buf = (b: Uint8Array) => b as Uint8Array<ArrayBuffer>;

export function webCryptoVerifier(subtle: SubtleCrypto): VerifySignature {
  return async (params, spkiDer, data, signature) => {
    try {
      if (params.algorithm === 'ECDSA') {
        const raw = ecdsaDerToRaw(signature, CURVE_BYTES[params.namedCurve]);
        if (!raw) return false;
        const importAs = { name: 'ECDSA', namedCurve: params.namedCurve };
        const key = await subtle.importKey('spki', buf(spkiDer), importAs, false, ['verify']);
        return await subtle.verify({ name: 'ECDSA', hash: params.hash }, key, buf(raw), buf(data));
      }
      const importAs = { name: params.algorithm, hash: params.hash };
      const key = await subtle.importKey('spki', buf(spkiDer), importAs, false, ['verify']);
      const algorithm =
        params.algorithm === 'RSA-PSS'
          ? { name: 'RSA-PSS', saltLength: params.saltLength }
          : { name: 'RSASSA-PKCS1-v1_5' };
      return await subtle.verify(algorithm, key, buf(signature), buf(data));
    } catch {
      return false;
    }
  };
}

export async function webCryptoDigest(
  subtle: SubtleCrypto,
  hash: HashName,
  data: Uint8Array,
): Promise<Uint8Array> {
  return new Uint8Array(await subtle.digest(hash, buf(data)));
}
