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

/**
 * Something that holds one EC private key (a token, a remote-signing account, a key file) and
 * signs with ECDSA over SHA-256. The key never leaves the holder.
 */
export interface EcdsaSigner {
  /** Signs SHA-256(data) with ECDSA; returns the DER Ecdsa-Sig-Value (what CMS carries). */
  ecdsaSignSha256(data: Uint8Array): Promise<Uint8Array>;
  /** DER certificates: the signer's own first, then any intermediates. */
  readonly certificateChainDer: readonly Uint8Array[];
}

/**
 * A signer of either key type. Code that signs picks the scheme from the leaf certificate's key
 * (RSA: PKCS#1 v1.5, EC: ECDSA), never from what the holder claims.
 */
export type CertificateSigner = RsaSigner | EcdsaSigner;

/** Digest algorithms by their WebCrypto names. */
export type HashName = 'SHA-256' | 'SHA-384' | 'SHA-512';

/** The NIST curves ECDSA keys may use, by their WebCrypto names. */
export type NamedCurve = 'P-256' | 'P-384' | 'P-521';

/**
 * One signature scheme, fully parameterised (names as WebCrypto spells them). RSA-PSS always
 * uses MGF1 with the same hash and the trailer field 0xbc: the only shape WebCrypto implements.
 */
export type SignatureParams =
  | { readonly algorithm: 'RSASSA-PKCS1-v1_5'; readonly hash: HashName }
  | { readonly algorithm: 'RSA-PSS'; readonly hash: HashName; readonly saltLength: number }
  | { readonly algorithm: 'ECDSA'; readonly hash: HashName; readonly namedCurve: NamedCurve };

/**
 * Verifies `signature` over `data` (the whole message: the implementation hashes it) with a DER
 * SubjectPublicKeyInfo. ECDSA signatures come DER-encoded (Ecdsa-Sig-Value, as in CMS and
 * X.509). Resolves false for a wrong signature and for a key that does not fit `params`;
 * never throws for bad input.
 */
export type VerifySignature = (
  params: SignatureParams,
  spkiDer: Uint8Array,
  data: Uint8Array,
  signature: Uint8Array,
) => Promise<boolean>;

/** Crypto services core functions take as their first argument. */
export interface CryptoServices extends Hasher {
  /** Verifies an RSASSA-PKCS1-v1_5 SHA-256 signature with a DER SubjectPublicKeyInfo. */
  rsaVerifySha256(spkiDer: Uint8Array, data: Uint8Array, signature: Uint8Array): Promise<boolean>;
  /** Digest by name. */
  digest(hash: HashName, data: Uint8Array): Promise<Uint8Array>;
  /** RSA-PKCS#1 v1.5, RSA-PSS and ECDSA verification. */
  verify: VerifySignature;
  randomBytes(length: number): Uint8Array;
}
