/**
 * Hash-based remote signing (CSC API, VNPT SmartCA, Viettel MySign): the product writes the
 * PAdES placeholder and the signed attributes, the provider signs only their SHA-256 after the
 * member confirms (on their phone), and the product embeds the signature and verifies the file
 * before accepting it. Several records go under one confirmation when the provider allows it.
 */
import type { CryptoServices } from '../crypto/types';
import { CodedError } from '../errors/coded-error';
import { type KeyScheme, keySchemeOf } from './cms';
import { type PrepareSignatureOptions, preparePdfSignature } from './pades';
import { verifyPdfSignatures } from './verify';

export type RemoteSigningErrorCode =
  | 'remote-unreachable'
  | 'remote-unauthorized'
  | 'remote-credential-not-found'
  /** The member declined on their device. */
  | 'remote-refused'
  /** The member did not confirm in time. */
  | 'remote-confirmation-timeout'
  /** The provider answered something that is not a CSC answer. */
  | 'remote-bad-answer'
  /** The returned signature does not verify with the credential's certificate. */
  | 'remote-signature-invalid';

export class RemoteSigningError extends CodedError<RemoteSigningErrorCode> {
  override readonly name = 'RemoteSigningError';
}

/** One signing credential at the provider: its certificates and how many hashes one confirmation covers. */
export interface RemoteCredential {
  readonly id: string;
  /** Leaf first, then intermediates. */
  readonly certificateChainDer: readonly Uint8Array[];
  /** How many signatures one authorization allows (CSC `multisign`), at least 1. */
  readonly multisign: number;
}

/** A provider adapter (CSC client, a vendor's own API): small, all policy lives here in core. */
export interface RemoteSigner {
  credential(): Promise<RemoteCredential>;
  /**
   * Signs SHA-256 digests with the credential's key after the member confirms once for all of
   * them (the caller keeps `digests.length` ≤ multisign). RSA: PKCS#1 v1.5 signature values;
   * EC: DER ECDSA. Throws RemoteSigningError.
   */
  signDigests(
    credential: RemoteCredential,
    scheme: KeyScheme,
    digests: readonly Uint8Array[],
  ): Promise<Uint8Array[]>;
}

export interface RemoteSignOptions {
  readonly remote: RemoteSigner;
  /** The records to sign, each as for preparePdfSignature (without a chain: the provider's). */
  readonly documents: readonly Omit<PrepareSignatureOptions, 'certificateChainDer'>[];
  /** For the check before accepting: the signature must verify with the credential's certificate. */
  readonly crypto: Pick<CryptoServices, 'digest' | 'verify'>;
  /** When given, the credential's chain must also lead to one of these CAs. */
  readonly trustedCaPem?: readonly string[];
}

/**
 * Signs every document with the remote credential, in as few confirmations as the provider
 * allows, and returns the signed files in order. Nothing is returned unless every signature
 * verified: a wrong certificate or a broken signature fails the whole call.
 */
export async function signPdfsRemotely(options: RemoteSignOptions): Promise<Uint8Array[]> {
  const credential = await options.remote.credential();
  const [leafDer] = credential.certificateChainDer;
  if (!leafDer)
    throw new RemoteSigningError('remote-bad-answer', 'The credential has no certificate');
  const scheme = keySchemeOf(leafDer);
  const prepared = [];
  for (const doc of options.documents)
    prepared.push(
      await preparePdfSignature({ ...doc, certificateChainDer: credential.certificateChainDer }),
    );
  const batch = Math.max(1, Math.floor(credential.multisign));
  const signed: Uint8Array[] = [];
  for (let i = 0; i < prepared.length; i += batch) {
    const group = prepared.slice(i, i + batch);
    const signatures = await options.remote.signDigests(
      credential,
      scheme,
      group.map((p) => p.signedAttributesDigest),
    );
    if (signatures.length !== group.length)
      throw new RemoteSigningError(
        'remote-bad-answer',
        `Asked for ${group.length} signatures, got ${signatures.length}`,
      );
    group.forEach((p, k) => signed.push(p.complete(signatures[k] as Uint8Array)));
  }
  for (const [n, pdf] of signed.entries()) await acceptOnlyIfValid(pdf, n, options);
  return signed;
}

async function acceptOnlyIfValid(
  pdf: Uint8Array,
  index: number,
  options: RemoteSignOptions,
): Promise<void> {
  const reports = await verifyPdfSignatures(pdf, {
    crypto: options.crypto,
    trustedCaPem: options.trustedCaPem ?? [],
  });
  const last = reports.at(-1);
  const ok =
    last !== undefined &&
    last.signatureValid &&
    last.digestValid &&
    (options.trustedCaPem === undefined || last.issuedByTrustedCa);
  if (!ok)
    throw new RemoteSigningError(
      'remote-signature-invalid',
      `The provider's signature on record ${index + 1} does not verify with the credential's certificate: nothing was accepted (${last?.problems.join('; ') ?? 'no signature'})`,
    );
}
