/**
 * The sealed urn of a secret poll (README "Secret ballots: threat model"). Each choice is
 * encrypted to the poll's own X25519 public key (ECIES: an ephemeral key pair per ballot,
 * HKDF-SHA-256, AES-256-GCM), padded to one fixed size, so a sealed ballot is random bytes of
 * one length whatever it holds. Only the poll's private key opens it, and that key exists on
 * disk only sealed under the ballot key, which lives outside the data directory.
 */
import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  type KeyObject,
  randomBytes,
  randomInt,
} from 'node:crypto';
import { CodedError } from '../../core/errors/coded-error';

/** What the poll record holds while a secret poll is open. */
export interface SealedUrn {
  /** The poll's X25519 public key, raw 32 bytes, base64. */
  publicKey: string;
  /** Sealed choices, base64, in random order (each ballot lands at a random place). */
  ballots: string[];
}

export class UrnError extends CodedError<'urn-corrupt' | 'ballot-key-mismatch'> {
  override readonly name = 'UrnError';
}

// DER prefixes of an X25519 SubjectPublicKeyInfo / PKCS#8 key (RFC 8410), before the 32 raw bytes.
const SPKI_PREFIX = Buffer.from('302a300506032b656e032100', 'hex');
const PKCS8_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex');
const INFO = Buffer.from('dienhong sealed ballot v1');
/** Option ids are at most 64 characters (core/votes/poll.ts): one length byte + 64. */
const PADDED = 65;
const TAG = 16;

const publicKeyOf = (raw: Buffer): KeyObject =>
  createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
const rawPublic = (key: KeyObject): Buffer =>
  (key.export({ format: 'der', type: 'spki' }) as Buffer).subarray(SPKI_PREFIX.length);

/** A fresh key pair for one poll: the public half for the record, the raw private half to seal. */
export function newPollKeyPair(): { publicKey: string; privateKey: Buffer } {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  const der = privateKey.export({ format: 'der', type: 'pkcs8' });
  return {
    publicKey: rawPublic(publicKey).toString('base64'),
    privateKey: Buffer.from(der.subarray(PKCS8_PREFIX.length)),
  };
}

export function privateKeyFromRaw(raw: Uint8Array): KeyObject {
  return createPrivateKey({
    key: Buffer.concat([PKCS8_PREFIX, raw]),
    format: 'der',
    type: 'pkcs8',
  });
}

function keyAndIv(shared: Buffer, ephemeral: Buffer, recipient: Buffer) {
  const okm = Buffer.from(
    hkdfSync('sha256', shared, Buffer.concat([ephemeral, recipient]), INFO, 44),
  );
  return { key: okm.subarray(0, 32), iv: okm.subarray(32) };
}

/**
 * Seals `plain` to the poll's public key; every call gives different bytes. Callers pad `plain`
 * to one fixed size per kind of ballot, so the sealed length says nothing of what it holds.
 */
export function sealBytes(publicKey: string, plain: Uint8Array): string {
  const recipient = Buffer.from(publicKey, 'base64');
  const eph = generateKeyPairSync('x25519');
  const ephRaw = rawPublic(eph.publicKey);
  const shared = diffieHellman({ privateKey: eph.privateKey, publicKey: publicKeyOf(recipient) });
  const { key, iv } = keyAndIv(shared, ephRaw, recipient);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
  return Buffer.concat([ephRaw, body]).toString('base64');
}

/** Opens sealed ballots of `size` plain bytes each; any tampered ballot is refused. */
export function openBytes(
  privateKey: KeyObject,
  publicKey: string,
  sealed: readonly string[],
  size: number,
): Buffer[] {
  const recipient = Buffer.from(publicKey, 'base64');
  return sealed.map((text) => {
    const bytes = Buffer.from(text, 'base64');
    if (bytes.length !== 32 + size + TAG) throw new UrnError('urn-corrupt', 'bad sealed ballot');
    const ephRaw = bytes.subarray(0, 32);
    const shared = diffieHellman({ privateKey, publicKey: publicKeyOf(ephRaw) });
    const { key, iv } = keyAndIv(shared, ephRaw, recipient);
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAuthTag(bytes.subarray(32 + size));
    try {
      return Buffer.concat([decipher.update(bytes.subarray(32, 32 + size)), decipher.final()]);
    } catch {
      throw new UrnError('urn-corrupt', 'A sealed ballot does not open with this poll key.');
    }
  });
}

/** Seals one choice to the poll's public key; every call gives different bytes. */
export function sealChoice(publicKey: string, optionId: string): string {
  const id = Buffer.from(optionId, 'utf8');
  if (id.length < 1 || id.length >= PADDED) throw new UrnError('urn-corrupt', 'bad option id');
  const plain = Buffer.alloc(PADDED);
  plain[0] = id.length;
  id.copy(plain, 1);
  return sealBytes(publicKey, plain);
}

/** Opens sealed choices with the poll's private key; any tampered ballot is refused. */
export function openChoices(privateKey: KeyObject, publicKey: string, sealed: readonly string[]) {
  return openBytes(privateKey, publicKey, sealed, PADDED).map((plain) => {
    const length = plain[0] ?? 0;
    return plain.subarray(1, 1 + length).toString('utf8');
  });
}

/** `sealed` with one more ballot at a random place, so position says nothing of time. */
export function atRandomPlace(sealed: readonly string[], ballot: string): string[] {
  const ballots = [...sealed];
  ballots.splice(randomInt(ballots.length + 1), 0, ballot);
  return ballots;
}

/** The urn with one more sealed ballot at a random place, so position says nothing of time. */
export function dropInUrn(urn: SealedUrn, optionId: string): SealedUrn {
  return {
    publicKey: urn.publicKey,
    ballots: atRandomPlace(urn.ballots, sealChoice(urn.publicKey, optionId)),
  };
}

/** AES-256-GCM under the ballot key, bound to the poll by `aad`. Layout: iv(12) ‖ ct ‖ tag(16). */
export function sealPollKey(ballotKey: Uint8Array, aad: string, privateKey: Uint8Array): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', ballotKey, iv);
  cipher.setAAD(Buffer.from(aad));
  return Buffer.concat([iv, cipher.update(privateKey), cipher.final(), cipher.getAuthTag()]);
}

export function unsealPollKey(ballotKey: Uint8Array, aad: string, sealed: Uint8Array): Buffer {
  const bytes = Buffer.from(sealed);
  const decipher = createDecipheriv('aes-256-gcm', ballotKey, bytes.subarray(0, 12));
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(bytes.subarray(bytes.length - TAG));
  try {
    return Buffer.concat([
      decipher.update(bytes.subarray(12, bytes.length - TAG)),
      decipher.final(),
    ]);
  } catch {
    throw new UrnError(
      'ballot-key-mismatch',
      'This poll key was sealed under another ballot key: restore the ballot key file it was opened with.',
    );
  }
}
