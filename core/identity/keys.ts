/**
 * RSA key pairs as PEM text. Generation is injectable because pure-JS RSA keygen takes seconds:
 * the Node side may pass one backed by node:crypto's generateKeyPair.
 */
import forge from 'node-forge';
import { bytesToBinaryString, pemDecode, pemEncode, binaryStringToBytes } from '../crypto/encoding';
import { forgeRsaPrivateKeyFromPem } from '../crypto/forge-services';
import { IdentityError } from './errors';

/** An RSA key pair: SPKI "PUBLIC KEY" and unencrypted PKCS#8 "PRIVATE KEY" PEM. */
export interface KeyPairPem {
  publicKeyPem: string;
  privateKeyPem: string;
}

/**
 * Makes an RSA key pair (public exponent 65537) of `bits` bits. A node:crypto version:
 * `(bits) => promisify(generateKeyPair)('rsa', { modulusLength: bits, publicKeyEncoding:
 * { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } })`.
 */
export type KeyPairGenerator = (bits: number) => Promise<KeyPairPem>;

/**
 * The default generator: node-forge, which itself uses node:crypto in Node, WebCrypto in
 * browsers that have it, and its slow pure-JS prime search elsewhere.
 */
export const forgeKeyPairGenerator: KeyPairGenerator = (bits) =>
  new Promise((resolve, reject) => {
    forge.pki.rsa.generateKeyPair({ bits, e: 0x10001 }, (error, pair) => {
      if (error) reject(error);
      else
        resolve({
          publicKeyPem: publicKeyPem(pair.publicKey),
          privateKeyPem: privateKeyPem(pair.privateKey),
        });
    });
  });

/** PKCS#8 PEM of a forge RSA private key. */
export function privateKeyPem(key: forge.pki.rsa.PrivateKey): string {
  const info = forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(key));
  return pemEncode(binaryStringToBytes(forge.asn1.toDer(info).getBytes()), 'PRIVATE KEY');
}

/** SPKI PEM of a forge RSA public key. */
export function publicKeyPem(key: forge.pki.rsa.PublicKey): string {
  const spki = forge.pki.publicKeyToAsn1(key);
  return pemEncode(binaryStringToBytes(forge.asn1.toDer(spki).getBytes()), 'PUBLIC KEY');
}

/** Reads an unencrypted RSA private key PEM (PKCS#8 or PKCS#1); throws IdentityError key-malformed. */
export function readRsaPrivateKey(pem: string): forge.pki.rsa.PrivateKey {
  try {
    return forgeRsaPrivateKeyFromPem(pem);
  } catch (cause) {
    throw new IdentityError(
      'key-malformed',
      'The private key is not an unencrypted RSA key in PEM.',
      {
        cause,
      },
    );
  }
}

/** Reads an RSA public key from SPKI PEM; throws IdentityError key-malformed. */
export function readRsaPublicKey(pem: string): forge.pki.rsa.PublicKey {
  try {
    const der = pemDecode(pem, ['PUBLIC KEY']);
    const key = forge.pki.publicKeyFromAsn1(forge.asn1.fromDer(bytesToBinaryString(der)));
    if ('n' in key && 'e' in key) return key as forge.pki.rsa.PublicKey;
  } catch (cause) {
    throw new IdentityError('key-malformed', 'The public key is not an RSA key in PEM.', { cause });
  }
  throw new IdentityError('key-malformed', 'The public key is not an RSA key.');
}

/** True when the private key belongs to the public key (same modulus and exponent). */
export function keysMatch(priv: forge.pki.rsa.PrivateKey, pub: forge.pki.rsa.PublicKey): boolean {
  return priv.n.equals(pub.n) && priv.e.equals(pub.e);
}
