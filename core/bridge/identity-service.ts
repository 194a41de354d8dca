/**
 * The bridge's identity entries (list, import, remove, sign a login), written once and used by
 * both implementations: Electron's main process and the browser. Each platform brings where the
 * files are kept (an IdentityVault) and how a key signs (node:crypto or WebCrypto).
 *
 * Key custody: the vault keeps the .p12 file's bytes exactly as imported, still encrypted under
 * the member's password, and the password is asked for at every signing. A decrypted key exists
 * only inside signLogin, for the moment of the signature.
 */
import type { CertificateSigner, Hasher, RsaSigner } from '../crypto/types';
import { TokenError } from '../crypto/token-errors';
import { decodeChainCertificate } from '../identity/certificate';
import { forgeSha256Bytes } from '../crypto/forge-services';
import { SigningError, contentsSizeFor, createOutlineTextPainter, signPdf } from '../signing';
import {
  certificateDerFromPem,
  parseCertificate,
  type CertificateInfo,
} from '../identity/certificate';
import { IdentityError } from '../identity/errors';
import { VIETNAM_UTC_OFFSET_MINUTES } from '../minutes/parse';
import { signChallenge } from '../identity/login';
import { parseP12 } from '../identity/p12';
import type {
  Bridge,
  BridgeResult,
  IdentitySummary,
  ImportIdentityRequest,
  SignLoginRequest,
  SignPdfRequest,
  TokenKeyRef,
} from './contract';
import { CodedError } from '../errors/coded-error';

/** A .p12 file is a few kilobytes; anything past this is not one, and parsing it would stall. */
export const MAX_P12_BYTES = 1024 * 1024;

export type IdentityStoreErrorCode = 'identity-not-found' | 'p12-too-large' | 'login-wrong-origin';

/** A failure of the identity entries themselves (not of the file or certificate). */
export class IdentityStoreError extends CodedError<IdentityStoreErrorCode> {
  override readonly name = 'IdentityStoreError';
}

/** Where a platform keeps imported .p12 files, as they are (still password-encrypted). */
export interface IdentityVault {
  list(): Promise<IdentitySummary[]>;
  /** The .p12 bytes, or null when there is no identity with this id. */
  read(id: string): Promise<Uint8Array | null>;
  /** Stores (or replaces) one identity; nothing half-written may remain if it fails. */
  put(summary: IdentitySummary, p12: Uint8Array): Promise<void>;
  remove(id: string): Promise<boolean>;
}

/** Makes a signer from the key a .p12 held: node:crypto in main, WebCrypto in the browser. */
export type SignerFactory = (
  privateKeyPem: string,
  certificateChainDer: readonly Uint8Array[],
) => Promise<RsaSigner>;

/**
 * Opens a key on a token (main: node-shared's PKCS#11 signer with the configured module and
 * the main process's own PIN dialog). Throws TokenError; the caller closes what it opened.
 */
export type TokenSignerOpener = (
  ref: TokenKeyRef,
) => Promise<CertificateSigner & { close(): void }>;

export interface IdentityServiceOptions {
  /** Token signing; absent (web mode, or no module configured): token requests are refused. */
  openTokenSigner?: TokenSignerOpener;
  vault: IdentityVault;
  makeSigner: SignerFactory;
  now?: () => Date;
  /** When set, signLogin refuses any other origin (Electron knows the server it loaded). */
  expectedOrigin?: string;
  /** SHA-256 for signPdf: node:crypto in main, crypto.subtle in the browser (forge if absent). */
  hasher?: Hasher;
  /** DejaVu Sans bytes for the visible signature's text; absent or null: a plain box. */
  appearanceFont?: () => Promise<Uint8Array | null>;
}

export type IdentityEntries = Pick<
  Bridge,
  'listIdentities' | 'importIdentity' | 'removeIdentity' | 'signLogin' | 'signPdf'
>;

function summaryOf(info: CertificateInfo, fileName: string): IdentitySummary {
  return {
    id: info.fingerprintSha256Hex,
    name: info.subjectCommonName || info.subjectDn,
    email: info.subjectEmail,
    issuer: info.issuerCommonName || info.issuerDn,
    notAfter: info.notAfter.toISOString(),
    fileName,
  };
}

/**
 * Checks a .p12 file as import does: size, password, contents, not expired, usable for
 * signatures. Returns what the login screen shows. Throws IdentityError or IdentityStoreError.
 */
export function inspectP12(request: ImportIdentityRequest, now: Date): IdentitySummary {
  if (request.bytes.byteLength > MAX_P12_BYTES) {
    throw new IdentityStoreError(
      'p12-too-large',
      'The file is larger than 1 MiB: not a .p12 file.',
    );
  }
  const parsed = parseP12(request.bytes, request.password);
  const info = parseCertificate(parsed.certificatePem);
  if (now.getTime() > info.notAfter.getTime()) {
    // core's codes, so the screen says the same as when the server refuses such a certificate.
    throw new IdentityError(
      'cert-expired',
      `The certificate of ${info.subjectCommonName} expired on ${info.notAfter.toISOString()}.`,
    );
  }
  if (info.keyUsage !== null && !info.keyUsage.digitalSignature) {
    throw new IdentityError(
      'cert-key-usage',
      'This certificate may not be used for signatures, so it cannot log in.',
    );
  }
  return summaryOf(info, request.fileName);
}

/** A user-caused failure as data; anything else (a bug, a broken disk) is thrown on. */
export function asBridgeFailure(error: unknown): {
  ok: false;
  error: { code: string; message: string };
} {
  if (
    error instanceof IdentityError ||
    error instanceof IdentityStoreError ||
    error instanceof SigningError ||
    error instanceof TokenError
  ) {
    return { ok: false, error: { code: error.code, message: error.message } };
  }
  throw error;
}

async function result<T>(work: () => Promise<T>): Promise<BridgeResult<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    return asBridgeFailure(error);
  }
}

/** The four identity entries over a vault and a signer factory. */
export function createIdentityService(options: IdentityServiceOptions): IdentityEntries {
  const { vault, makeSigner } = options;
  const now = options.now ?? (() => new Date());
  /** The stored .p12 opened with the password: a signer, for the moment of one signature. */
  async function unlock(identityId: string, password: string) {
    const bytes = await vault.read(identityId);
    if (bytes === null) {
      throw new IdentityStoreError('identity-not-found', 'This identity is no longer stored.');
    }
    const parsed = parseP12(bytes, password);
    const chainDer = [parsed.certificatePem, ...parsed.chainPem].map((pem) =>
      certificateDerFromPem(pem),
    );
    return {
      signer: await makeSigner(parsed.privateKeyPem, chainDer),
      certificatePem: parsed.certificatePem,
    };
  }
  return {
    listIdentities: () => vault.list(),
    importIdentity: (request) =>
      result(async () => {
        const summary = inspectP12(request, now());
        await vault.put(summary, request.bytes.slice());
        return summary;
      }),
    removeIdentity: async (id) => ({ removed: await vault.remove(id) }),
    signLogin: (request: SignLoginRequest) =>
      result(async () => {
        if (options.expectedOrigin !== undefined && request.origin !== options.expectedOrigin) {
          throw new IdentityStoreError(
            'login-wrong-origin',
            `This app signs logins only for ${options.expectedOrigin}.`,
          );
        }
        const { signer } = await unlock(request.identityId, request.password);
        return signChallenge(signer, request.nonce, request.origin);
      }),
    signPdf: (request: SignPdfRequest) =>
      result(async () => {
        const key = await openKey(request);
        try {
          // The same refusals as import: an expired or non-signing certificate signs nothing.
          const at = now();
          const [leafDer] = key.signer.certificateChainDer;
          if (!leafDer) throw new IdentityError('cert-malformed', 'The key has no certificate.');
          const { info } = decodeChainCertificate(leafDer);
          if (at.getTime() > info.notAfter.getTime() || at.getTime() < info.notBefore.getTime())
            throw new IdentityError(
              'cert-expired',
              `The certificate of ${info.subjectCommonName} is not valid on ${at.toISOString()}.`,
            );
          if (info.keyUsage !== null && !info.keyUsage.digitalSignature)
            throw new IdentityError(
              'cert-key-usage',
              'This certificate may not be used for signatures.',
            );
          const font = options.appearanceFont ? await options.appearanceFont() : null;
          const chainBytes = key.signer.certificateChainDer.reduce((n, c) => n + c.length, 0);
          return await signPdf({
            pdf: request.pdf,
            signer: key.signer,
            hasher: options.hasher ?? { sha256: async (data) => forgeSha256Bytes(data) },
            fieldName: request.fieldName,
            name: request.name,
            role: request.role,
            reason: request.reason,
            location: request.location,
            signingTime: at,
            // The minutes' own zone (Viet Nam), not the signing laptop's.
            utcOffsetMinutes: VIETNAM_UTC_OFFSET_MINUTES,
            contentsSize: contentsSizeFor(chainBytes),
            ...(font ? { drawText: createOutlineTextPainter(font) } : {}),
          });
        } finally {
          key.close();
        }
      }),
  };

  /** The key a signPdf request names: unlocked from the vault, or opened on the token. */
  async function openKey(
    request: SignPdfRequest,
  ): Promise<{ signer: CertificateSigner; close(): void }> {
    if ('token' in request) {
      if (!options.openTokenSigner)
        throw new TokenError('token-module-unloadable', 'No token module is configured here.');
      const signer = await options.openTokenSigner(request.token);
      return { signer, close: () => signer.close() };
    }
    const { signer } = await unlock(request.identityId, request.password);
    return { signer, close: () => undefined };
  }
}
