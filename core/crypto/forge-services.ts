/**
 * CryptoServices and an RsaSigner in pure node-forge. Slow next to node:crypto or WebCrypto
 * (SHA-256 ~30x, RSA sign ~30x), but it runs anywhere: the browser fallback and tests use it.
 */
import forge from 'node-forge';
import { binaryStringToBytes, bytesToBinaryString, pemDecode } from './encoding';
import { pureDigest, pureVerify } from './pure-verify';
import type { CryptoServices, RsaSigner } from './types';

function forgeSha256(data: Uint8Array): forge.md.MessageDigest {
  const md = forge.md.sha256.create();
  // Feed in chunks so no giant binary string is built for large documents.
  for (let i = 0; i < data.length; i += 0x10000) {
    md.update(bytesToBinaryString(data.subarray(i, i + 0x10000)));
  }
  return md;
}

/** Synchronous SHA-256 with forge, for small inputs such as certificates. */
export function forgeSha256Bytes(data: Uint8Array): Uint8Array {
  return binaryStringToBytes(forgeSha256(data).digest().getBytes());
}

/** Reads a DER SubjectPublicKeyInfo as a forge RSA key, or null when it is not RSA or broken. */
export function forgeRsaPublicKeyFromSpki(spkiDer: Uint8Array): forge.pki.rsa.PublicKey | null {
  try {
    const key = forge.pki.publicKeyFromAsn1(forge.asn1.fromDer(bytesToBinaryString(spkiDer)));
    return 'n' in key && 'e' in key ? (key as forge.pki.rsa.PublicKey) : null;
  } catch {
    return null;
  }
}

/** CryptoServices in pure JavaScript: node-forge (and @noble/curves for ECDSA verification). */
export function createForgeCryptoServices(): CryptoServices {
  return {
    async sha256(data) {
      return binaryStringToBytes(forgeSha256(data).digest().getBytes());
    },
    async rsaVerifySha256(spkiDer, data, signature) {
      const key = forgeRsaPublicKeyFromSpki(spkiDer);
      if (!key) return false;
      try {
        // forge's default scheme is RSASSA-PKCS1-v1_5 and insists on a canonical DigestInfo.
        return key.verify(forgeSha256(data).digest().getBytes(), bytesToBinaryString(signature));
      } catch {
        return false;
      }
    },
    async digest(hash, data) {
      return pureDigest(hash, data);
    },
    async verify(params, spkiDer, data, signature) {
      return pureVerify(params, spkiDer, data, signature);
    },
    randomBytes(length) {
      return binaryStringToBytes(forge.random.getBytesSync(length));
    },
  };
}

/** Parses an unencrypted RSA private key in PEM (PKCS#8 "PRIVATE KEY" or PKCS#1 "RSA PRIVATE KEY"). */
export function forgeRsaPrivateKeyFromPem(privateKeyPem: string): forge.pki.rsa.PrivateKey {
  const der = pemDecode(privateKeyPem, ['PRIVATE KEY', 'RSA PRIVATE KEY']);
  const key = forge.pki.privateKeyFromAsn1(forge.asn1.fromDer(bytesToBinaryString(der)));
  if (!('n' in key) || !('d' in key)) throw new Error('Not an RSA private key.');
  return key as forge.pki.rsa.PrivateKey;
}

/**
 * An RsaSigner holding a PEM private key in memory. Throws if the PEM is not an unencrypted RSA
 * key; it does not check that the key matches the chain (parseP12 does that for .p12 files).
 */
export function forgeRsaSigner(privateKeyPem: string, chainDer: readonly Uint8Array[]): RsaSigner {
  const key = forgeRsaPrivateKeyFromPem(privateKeyPem);
  const certificateChainDer = chainDer.map((der) => der.slice());
  return {
    certificateChainDer,
    async rsaSignSha256(data) {
      return binaryStringToBytes(key.sign(forgeSha256(data), 'RSASSA-PKCS1-V1_5'));
    },
  };
}
