/**
 * Login by challenge–response: the server hands out a random nonce, the member's key signs it,
 * the server checks the signature and the certificate chain. Pure; the server keeps the nonces
 * (single use, expiry) and turns the returned certificate into a session.
 */
import {
  EncodingError,
  base64Decode,
  base64Encode,
  base64UrlEncode,
  utf8Encode,
} from '../crypto/encoding';
import type { CertificateSigner, CryptoServices } from '../crypto/types';
import type { CertificateInfo } from './certificate';
import { IdentityError } from './errors';
import { MAX_CHAIN_LENGTH, verifyCertificateChain } from './verify-chain';
import { publicKeyAlgorithm } from '../signing/signature-algorithms';
import { signWithCertificateKey } from '../signing/cms';

/** What `GET /api/auth/challenge` returns. */
export interface LoginChallenge {
  /** Base64url (no padding) of 32 random bytes. */
  nonce: string;
  /** Unix time in milliseconds after which the server refuses the nonce. */
  expiresAt: number;
}

/** What `POST /api/auth/login` carries. */
export interface LoginRequest {
  nonce: string;
  /** Base64 DER certificates, the member's own first. */
  chainDer: string[];
  /**
   * Base64 signature over challengeSigningInput(nonce, origin) in the scheme the leaf's key
   * names: RSASSA-PKCS1-v1_5 SHA-256 for RSA, ECDSA SHA-256 (DER) for EC.
   */
  signature: string;
}

export interface VerifyLoginOptions {
  request: LoginRequest;
  trustedCaPem: readonly string[];
  now: Date;
  /** The server's own origin, when clients bind their signature to it (see challengeSigningInput). */
  origin?: string;
}

/** Separates login signatures from every other thing a member's key signs (PDFs, ballots). */
export const LOGIN_SIGNING_DOMAIN = 'dienhong-login-v1';
export const NONCE_BYTES = 32;
const NONCE_PATTERN = /^[A-Za-z0-9_-]{43}$/;
/** Generous bounds so a hostile request cannot make the server parse megabytes. */
const MAX_CERTIFICATE_BASE64 = 16 * 1024;
const MAX_SIGNATURE_BASE64 = 2 * 1024;

/** A fresh challenge valid for `ttlMs` from `now`. */
export function createChallenge(
  services: Pick<CryptoServices, 'randomBytes'>,
  now: Date,
  ttlMs: number,
): LoginChallenge {
  const bytes = services.randomBytes(NONCE_BYTES);
  if (bytes.length !== NONCE_BYTES) throw new Error('randomBytes returned the wrong length.');
  return { nonce: base64UrlEncode(bytes), expiresAt: now.getTime() + ttlMs };
}

/** True once the challenge may no longer be answered. */
export function isChallengeExpired(challenge: LoginChallenge, now: Date): boolean {
  return now.getTime() > challenge.expiresAt;
}

/**
 * The exact bytes a login signature covers: UTF-8 of "dienhong-login-v1\n<nonce>", plus
 * "\n<origin>" when an origin is given, so a signature made for one server is useless at another.
 * The client must use the origin it connected to, never one the server told it.
 */
export function challengeSigningInput(nonce: string, origin?: string): Uint8Array<ArrayBuffer> {
  return utf8Encode(
    `${LOGIN_SIGNING_DOMAIN}\n${nonce}${origin === undefined ? '' : `\n${origin}`}`,
  );
}

/** The client side: signs the nonce with the member's key and packs the login request. */
export async function signChallenge(
  signer: CertificateSigner,
  nonce: string,
  origin?: string,
): Promise<LoginRequest> {
  if (!NONCE_PATTERN.test(nonce))
    throw new IdentityError('login-malformed', 'The login challenge is malformed.');
  const signature = await signWithCertificateKey(signer, challengeSigningInput(nonce, origin));
  return {
    nonce,
    chainDer: signer.certificateChainDer.map((der) => base64Encode(der)),
    signature: base64Encode(signature),
  };
}

function malformed(detail: string): IdentityError {
  return new IdentityError('login-malformed', `The login request is malformed: ${detail}.`);
}

/** Checks that untrusted JSON has the shape of a LoginRequest; throws login-malformed. */
export function parseLoginRequest(body: unknown): LoginRequest {
  if (typeof body !== 'object' || body === null) throw malformed('not an object');
  const { nonce, chainDer, signature } = body as Record<string, unknown>;
  if (typeof nonce !== 'string' || !NONCE_PATTERN.test(nonce)) throw malformed('bad nonce');
  if (!Array.isArray(chainDer) || chainDer.length === 0 || chainDer.length > MAX_CHAIN_LENGTH) {
    throw malformed('chainDer must list 1 to 8 certificates');
  }
  for (const cert of chainDer) {
    if (typeof cert !== 'string' || cert.length > MAX_CERTIFICATE_BASE64)
      throw malformed('bad certificate');
  }
  if (typeof signature !== 'string' || signature.length > MAX_SIGNATURE_BASE64)
    throw malformed('bad signature');
  return { nonce, chainDer: chainDer as string[], signature };
}

function decodeBase64(text: string, what: string): Uint8Array {
  try {
    return base64Decode(text);
  } catch (error) {
    if (error instanceof EncodingError) throw malformed(`${what} is not Base64`);
    throw error;
  }
}

/**
 * The server side: checks the chain (as verifyCertificateChain, requiring digitalSignature) and
 * the signature over challengeSigningInput(nonce, origin) with the leaf's key. Returns the
 * member's certificate. Does NOT check that the nonce was issued, is unused or unexpired.
 * Throws IdentityError login-malformed, login-bad-signature, or a cert-* code.
 */
export async function verifyLogin(
  services: Pick<CryptoServices, 'rsaVerifySha256' | 'verify'>,
  options: VerifyLoginOptions,
): Promise<CertificateInfo> {
  const request = parseLoginRequest(options.request);
  const chainDer = request.chainDer.map((c) => decodeBase64(c, 'a certificate'));
  const signature = decodeBase64(request.signature, 'the signature');
  const { leaf } = verifyCertificateChain({
    chainDer,
    trustedCaPem: options.trustedCaPem,
    now: options.now,
    requireKeyUsage: 'digitalSignature',
  });
  // The login request names no algorithm: the scheme follows the leaf's key (RSA PKCS#1 v1.5
  // or ECDSA, both over SHA-256), so a client cannot pick a weaker one.
  const key = publicKeyAlgorithm(leaf.spkiDer);
  if (!key.supported) {
    throw new IdentityError('cert-unsupported', `This certificate cannot log in: ${key.reason}.`);
  }
  const input = challengeSigningInput(request.nonce, options.origin);
  let valid = false;
  try {
    valid =
      key.kind === 'RSA'
        ? await services.rsaVerifySha256(leaf.spkiDer, input, signature)
        : await services.verify(
            { algorithm: 'ECDSA', hash: 'SHA-256', namedCurve: key.namedCurve },
            leaf.spkiDer,
            input,
            signature,
          );
  } catch {
    valid = false;
  }
  if (!valid) {
    throw new IdentityError(
      'login-bad-signature',
      'The login signature does not match the certificate.',
    );
  }
  return leaf;
}
