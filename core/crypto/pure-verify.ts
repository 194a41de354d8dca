/**
 * Signature verification in pure JavaScript, synchronous: node-forge for RSA (PKCS#1 v1.5 and
 * PSS) and @noble/curves for ECDSA on the NIST curves. Used where no platform crypto is
 * handed in (the certificate-chain verifier) and as the forge CryptoServices' `verify`.
 */
import { p256, p384, p521 } from '@noble/curves/nist.js';
import forge from 'node-forge';
import { TAG, children, content, readDer } from '../signing/der';
import { CURVE_BYTES, ecdsaDerToRaw } from './ecdsa-signature';
import { binaryStringToBytes, bytesToBinaryString } from './encoding';
import type { HashName, NamedCurve, SignatureParams } from './types';

function createMd(hash: HashName): forge.md.MessageDigest {
  if (hash === 'SHA-256') return forge.md.sha256.create();
  if (hash === 'SHA-384') return forge.md.sha384.create();
  return forge.md.sha512.create();
}

/** A forge message digest over `data`, fed in chunks so no giant binary string is built. */
export function forgeDigestOf(hash: HashName, data: Uint8Array): forge.md.MessageDigest {
  const md = createMd(hash);
  for (let i = 0; i < data.length; i += 0x10000) {
    md.update(bytesToBinaryString(data.subarray(i, i + 0x10000)));
  }
  return md;
}

export function pureDigest(hash: HashName, data: Uint8Array): Uint8Array {
  return binaryStringToBytes(forgeDigestOf(hash, data).digest().getBytes());
}

const ECDSA = { 'P-256': p256, 'P-384': p384, 'P-521': p521 } as const;

/** The EC point (the subjectPublicKey BIT STRING without its unused-bits byte). */
function ecPoint(spkiDer: Uint8Array): Uint8Array {
  const [, bits] = children(readDer(spkiDer));
  if (!bits || bits.tag !== TAG.BIT_STRING) throw new Error('no public key');
  return content(bits).subarray(1);
}

function verifyEcdsa(
  namedCurve: NamedCurve,
  hash: HashName,
  spkiDer: Uint8Array,
  data: Uint8Array,
  signature: Uint8Array,
): boolean {
  const raw = ecdsaDerToRaw(signature, CURVE_BYTES[namedCurve]);
  if (!raw) return false;
  // prehash false: we hash with the scheme's hash (noble would use the curve's own);
  // lowS false: X.509 and CMS signers do not normalise s.
  return ECDSA[namedCurve].verify(raw, pureDigest(hash, data), ecPoint(spkiDer), {
    prehash: false,
    lowS: false,
  });
}

function verifyRsa(
  params: SignatureParams,
  spkiDer: Uint8Array,
  data: Uint8Array,
  signature: Uint8Array,
): boolean {
  const key = forge.pki.publicKeyFromAsn1(forge.asn1.fromDer(bytesToBinaryString(spkiDer)));
  if (!('n' in key) || !('e' in key)) return false;
  const rsa = key as forge.pki.rsa.PublicKey;
  const digest = forgeDigestOf(params.hash, data).digest().getBytes();
  const sig = bytesToBinaryString(signature);
  if (params.algorithm === 'RSA-PSS') {
    const pss: unknown = forge.pss.create({
      md: createMd(params.hash),
      mgf: forge.mgf.mgf1.create(createMd(params.hash)),
      saltLength: params.saltLength,
    });
    return rsa.verify(digest, sig, pss);
  }
  // forge's RSASSA-PKCS1-v1_5 insists on a canonical DigestInfo around the digest.
  return rsa.verify(digest, sig, 'RSASSA-PKCS1-V1_5');
}

/** Verifies like CryptoServices.verify, synchronously; false for any bad input, never throws. */
export function pureVerify(
  params: SignatureParams,
  spkiDer: Uint8Array,
  data: Uint8Array,
  signature: Uint8Array,
): boolean {
  try {
    if (params.algorithm === 'ECDSA')
      return verifyEcdsa(params.namedCurve, params.hash, spkiDer, data, signature);
    return verifyRsa(params, spkiDer, data, signature);
  } catch {
    return false;
  }
}
