/**
 * Platform crypto services that core/ needs but must not implement with platform APIs.
 * Backed by node:crypto in main, server and CLI, and by WebCrypto in the browser; a pure
 * node-forge fallback exists for tests and odd platforms.
 */
export interface Hasher {
  sha256(data: Uint8Array): Promise<Uint8Array>;
}

/**
 * Something that holds one private key and can sign with it (RSA PKCS#1 v1.5 over SHA-256).
 * The key itself never leaves the holder: in Electron that is the main process.
 */
export interface RsaSigner {
  /** Signs SHA-256(data) with RSASSA-PKCS1-v1_5. */
  rsaSignSha256(data: Uint8Array): Promise<Uint8Array>;
  /** DER certificates: the signer's own first, then any intermediates up to (not always including) the root. */
  readonly certificateChainDer: readonly Uint8Array[];
}

/** Crypto services core functions take as their first argument. */
export interface CryptoServices extends Hasher {
  /** Verifies an RSASSA-PKCS1-v1_5 SHA-256 signature with a DER SubjectPublicKeyInfo. */
  rsaVerifySha256(spkiDer: Uint8Array, data: Uint8Array, signature: Uint8Array): Promise<boolean>;
  randomBytes(length: number): Uint8Array;
}
