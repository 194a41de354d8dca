/**
 * Signing with a key on a PKCS#11 token (USB tokens from the licensed CAs, SoftHSM2 in tests):
 * open the module, find the token and the key, log in with the PIN, sign. The private key never
 * leaves the token: RSA signs with CKM_SHA256_RSA_PKCS (the token hashes), EC with CKM_ECDSA
 * over a SHA-256 we compute, its raw r||s turned into DER for CMS.
 *
 * Before handing out a signer it proves that the certificate belongs to the key (a probe signed
 * on the token, verified with the certificate's public key), so a wrong certificate is refused
 * before anything is written.
 */
import { createHash, createPublicKey, randomBytes, verify } from 'node:crypto';
import pkcs11js from 'pkcs11js';
import { ecdsaRawToDer } from '../../core/crypto/ecdsa-signature';
import { CodedError } from '../../core/errors/coded-error';
import type { EcdsaSigner, RsaSigner } from '../../core/crypto/types';
import { type KeyScheme, keySchemeOf } from '../../core/signing';
import { parseCertificate } from '../../core/signing/certificate';
import { acquireModule } from './token-module';
import { TokenError, asTokenError, tokenError } from '../../core/crypto/token-errors';

/** Where the key is: which module, which token, which key. */
export interface TokenSource {
  /** Path of the PKCS#11 module (.so / .dll) the token's vendor ships. */
  readonly modulePath: string;
  /** Slot id as the module numbers it (what `pkcs11-tool -L` prints), decimal or 0x-hex. */
  readonly slot?: string;
  /** Or the token's label (with a slot: the label the token there must carry); with neither, the only token present. */
  readonly tokenLabel?: string;
  /** The key's CKA_ID in hex (`pkcs11-tool -O` prints it); or its label. */
  readonly keyId?: string;
  readonly keyLabel?: string;
  /** The signer's certificate (DER) when the token holds none; default: the token's own. */
  readonly certificateDer?: Uint8Array;
  /** Intermediates to embed after the signer's certificate. */
  readonly chainDer?: readonly Uint8Array[];
}

/** What the PIN prompt is told: enough to name the token, and whether this is the last try. */
export interface PinRequest {
  readonly tokenLabel: string;
  readonly finalTry: boolean;
}

/** Asks the member for the PIN (the desktop's own dialog, an env var in the CLI); undefined = cancelled. */
export type PinPrompt = (request: PinRequest) => Promise<string | undefined>;

export type TokenSigner = (RsaSigner | EcdsaSigner) & {
  readonly scheme: KeyScheme;
  readonly tokenLabel: string;
  /**
   * Signs a SHA-256 digest computed elsewhere (what a remote-signing service receives): RSA as
   * CKM_RSA_PKCS over the DigestInfo, EC as CKM_ECDSA over the digest; DER for EC.
   */
  signSha256Digest(digest: Uint8Array): Promise<Uint8Array>;
  /** Logs out and closes the session; the signer is unusable afterwards. */
  close(): void;
};

type Handle = Buffer;

const handleNumber = (h: Handle): bigint =>
  h.length >= 8 ? h.readBigUInt64LE(0) : BigInt(h.readUInt32LE(0));

const ulong = (value: Buffer): number => value.readUIntLE(0, Math.min(value.length, 6));

function parseSlot(slot: string): bigint {
  if (!/^(0x[0-9a-f]+|\d+)$/i.test(slot))
    throw tokenError('token-not-present', `"${slot}" is not a slot id`);
  return BigInt(slot);
}

function parseKeyId(hex: string): Buffer {
  const clean = hex.replace(/[:\s]/g, '');
  if (!/^([0-9a-f]{2})+$/i.test(clean))
    throw tokenError('token-key-not-found', `key id "${hex}" is not hex`);
  return Buffer.from(clean, 'hex');
}

function findSlot(module: pkcs11js.PKCS11, source: TokenSource): Handle {
  const present = module.C_GetSlotList(true);
  if (source.slot !== undefined) {
    const wanted = parseSlot(source.slot);
    const slot = present.find((h) => handleNumber(h) === wanted);
    if (!slot) throw tokenError('token-not-present', `no token in slot ${source.slot}`);
    // A picker names slot and label: another token put in that slot since is not the chosen one.
    if (
      source.tokenLabel !== undefined &&
      module.C_GetTokenInfo(slot).label.trim() !== source.tokenLabel
    )
      throw tokenError(
        'token-not-present',
        `the token in slot ${source.slot} is not "${source.tokenLabel}"`,
      );
    return slot;
  }
  // Only initialised tokens hold keys (SoftHSM2 and some readers list an empty slot too).
  const matching = present.filter((h) => {
    const info = module.C_GetTokenInfo(h);
    if (!(info.flags & pkcs11js.CKF_TOKEN_INITIALIZED)) return false;
    return source.tokenLabel === undefined || info.label.trim() === source.tokenLabel;
  });
  const [slot, ...others] = matching;
  if (!slot)
    throw tokenError(
      'token-not-present',
      source.tokenLabel ? `no token labelled "${source.tokenLabel}"` : 'no token is plugged in',
    );
  if (others.length > 0)
    throw tokenError('token-not-present', 'several tokens are present: name the slot');
  return slot;
}

function findOne(module: pkcs11js.PKCS11, session: Handle, template: pkcs11js.Template): Handle[] {
  module.C_FindObjectsInit(session, template);
  try {
    return module.C_FindObjects(session, 2);
  } finally {
    module.C_FindObjectsFinal(session);
  }
}

function findPrivateKey(module: pkcs11js.PKCS11, session: Handle, source: TokenSource): Handle {
  if (source.keyId === undefined && source.keyLabel === undefined)
    throw tokenError('token-key-not-found', 'name the key by id or label');
  const template: pkcs11js.Template = [
    { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY },
  ];
  if (source.keyId !== undefined)
    template.push({ type: pkcs11js.CKA_ID, value: parseKeyId(source.keyId) });
  if (source.keyLabel !== undefined)
    template.push({ type: pkcs11js.CKA_LABEL, value: source.keyLabel });
  const found = findOne(module, session, template);
  const [key] = found;
  if (!key)
    throw tokenError('token-key-not-found', `no private key ${source.keyId ?? source.keyLabel}`);
  if (found.length > 1)
    throw tokenError('token-key-not-found', 'several keys match: give the key id');
  return key;
}

function attribute(module: pkcs11js.PKCS11, session: Handle, object: Handle, type: number): Buffer {
  const [result] = module.C_GetAttributeValue(session, object, [{ type }]);
  if (!result) throw tokenError('token-failed', `attribute ${type} missing`);
  return result.value;
}

function tokenCertificate(module: pkcs11js.PKCS11, session: Handle, keyId: Buffer): Uint8Array {
  const [cert] = findOne(module, session, [
    { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_CERTIFICATE },
    { type: pkcs11js.CKA_ID, value: keyId },
  ]);
  if (!cert)
    throw tokenError(
      'token-certificate-not-found',
      `no certificate with id ${keyId.toString('hex')}`,
    );
  return new Uint8Array(attribute(module, session, cert, pkcs11js.CKA_VALUE));
}

/** One signature on the token over `data` (RSA) or over SHA-256(data) (EC, raw r||s). */
function signOnToken(
  module: pkcs11js.PKCS11,
  session: Handle,
  key: Handle,
  scheme: KeyScheme,
  data: Uint8Array,
): Uint8Array {
  const mechanism = scheme === 'RSA' ? pkcs11js.CKM_SHA256_RSA_PKCS : pkcs11js.CKM_ECDSA;
  const input = scheme === 'RSA' ? Buffer.from(data) : createHash('sha256').update(data).digest();
  module.C_SignInit(session, { mechanism }, key);
  const signature = new Uint8Array(module.C_Sign(session, input, Buffer.alloc(1024)));
  return scheme === 'RSA' ? signature : ecdsaRawToDer(signature);
}

/** True when `signature` over `probe` verifies with the certificate's public key. */
/** DER DigestInfo prefix for SHA-256 (RFC 8017 §9.2 note 1). */
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

function signDigestOnToken(
  module: pkcs11js.PKCS11,
  session: Handle,
  key: Handle,
  scheme: KeyScheme,
  digest: Uint8Array,
): Uint8Array {
  if (digest.length !== 32) throw tokenError('token-failed', 'not a SHA-256 digest');
  const mechanism = scheme === 'RSA' ? pkcs11js.CKM_RSA_PKCS : pkcs11js.CKM_ECDSA;
  const input =
    scheme === 'RSA' ? Buffer.concat([SHA256_DIGEST_INFO, digest]) : Buffer.from(digest);
  module.C_SignInit(session, { mechanism }, key);
  const signature = new Uint8Array(module.C_Sign(session, input, Buffer.alloc(1024)));
  return scheme === 'RSA' ? signature : ecdsaRawToDer(signature);
}

function certificateMatchesKey(
  certificateDer: Uint8Array,
  signature: Uint8Array,
  probe: Uint8Array,
): boolean {
  try {
    const spki = Buffer.from(parseCertificate(certificateDer).spkiDer);
    const key = createPublicKey({ key: spki, format: 'der', type: 'spki' });
    return verify('sha256', probe, key, signature);
  } catch {
    return false;
  }
}

/**
 * Opens the token, asks for the PIN, finds key and certificate and proves they belong together.
 * Every failure is a TokenError; the session is closed again on any failure.
 */
export async function openTokenSigner(
  source: TokenSource,
  askPin: PinPrompt,
): Promise<TokenSigner> {
  const lease = acquireModule(source.modulePath);
  const { module } = lease;
  let session: Handle | undefined;
  let loggedIn = false;
  const release = () => {
    try {
      if (session && loggedIn) module.C_Logout(session);
    } catch {
      // The token may already be gone; closing is best effort.
    }
    try {
      if (session) module.C_CloseSession(session);
    } catch {
      // idem
    }
    lease.release();
  };
  try {
    const slot = findSlot(module, source);
    const info = module.C_GetTokenInfo(slot);
    const tokenLabel = info.label.trim();
    // A blocked PIN is refused before any try: some tokens wipe themselves on further tries.
    if (info.flags & pkcs11js.CKF_USER_PIN_LOCKED) throw tokenError('token-pin-locked', tokenLabel);
    session = module.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION);
    const pin = await askPin({
      tokenLabel,
      finalTry: (info.flags & pkcs11js.CKF_USER_PIN_FINAL_TRY) !== 0,
    });
    if (pin === undefined) throw tokenError('token-pin-cancelled');
    try {
      module.C_Login(session, pkcs11js.CKU_USER, pin);
    } catch (error) {
      if ((error as { code?: unknown }).code !== pkcs11js.CKR_USER_ALREADY_LOGGED_IN) throw error;
    }
    loggedIn = true;
    const key = findPrivateKey(module, session, source);
    const keyType = ulong(attribute(module, session, key, pkcs11js.CKA_KEY_TYPE));
    const keyScheme: KeyScheme | undefined =
      keyType === pkcs11js.CKK_RSA ? 'RSA' : keyType === pkcs11js.CKK_EC ? 'EC' : undefined;
    if (!keyScheme) throw tokenError('token-key-unsupported', `key type ${keyType}`);
    const certificateDer =
      source.certificateDer ??
      tokenCertificate(module, session, attribute(module, session, key, pkcs11js.CKA_ID));
    let certScheme: KeyScheme;
    try {
      certScheme = keySchemeOf(certificateDer);
    } catch (error) {
      throw tokenError('token-certificate-mismatch', (error as Error).message);
    }
    if (certScheme !== keyScheme)
      throw tokenError(
        'token-certificate-mismatch',
        `an ${certScheme} certificate for an ${keyScheme} key`,
      );
    const probe = new Uint8Array(randomBytes(32));
    if (
      !certificateMatchesKey(
        certificateDer,
        signOnToken(module, session, key, keyScheme, probe),
        probe,
      )
    )
      throw tokenError('token-certificate-mismatch', tokenLabel);

    const openSession = session;
    let closed = false;
    const sign = async (data: Uint8Array): Promise<Uint8Array> => {
      if (closed) throw tokenError('token-removed', 'the token signer was closed');
      try {
        return signOnToken(module, openSession, key, keyScheme, data);
      } catch (error) {
        throw asTokenError(error);
      }
    };
    const common = {
      scheme: keyScheme,
      tokenLabel,
      signSha256Digest: async (digest: Uint8Array): Promise<Uint8Array> => {
        if (closed) throw tokenError('token-removed', 'the token signer was closed');
        try {
          return signDigestOnToken(module, openSession, key, keyScheme, digest);
        } catch (error) {
          throw asTokenError(error);
        }
      },
      certificateChainDer: [certificateDer, ...(source.chainDer ?? [])],
      close() {
        if (closed) return;
        closed = true;
        release();
      },
    };
    return keyScheme === 'RSA'
      ? { ...common, rsaSignSha256: sign }
      : { ...common, ecdsaSignSha256: sign };
  } catch (error) {
    release();
    // The prompt's own refusals (a missing PIN variable) keep their code.
    if (error instanceof CodedError && !(error instanceof TokenError)) throw error;
    throw asTokenError(error);
  }
}

export { TokenError };
