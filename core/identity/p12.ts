/**
 * PKCS#12 (.p12 / .pfx) files: write them so OpenSSL 3 reads them without -legacy (AES-256-CBC,
 * PBKDF2-HMAC-SHA256, HMAC-SHA256 MAC), and read both modern and legacy (3DES/RC2) ones.
 *
 * Passwords: PBES2 (AES) uses the password's UTF-8 bytes, while the MAC and the legacy PKCS#12
 * ciphers use it as BMPString (UTF-16BE), as OpenSSL does. forge uses one password string for
 * everything, so the MAC is computed and checked here and forge only does the decryption.
 */
import forge from 'node-forge';
import { binaryStringToBytes, bytesToBinaryString } from '../crypto/encoding';
import { certificatePemFromDer, decodeCertificate, type DecodedCertificate } from './certificate';
import { IdentityError } from './errors';
import { keysMatch, privateKeyPem, readRsaPrivateKey } from './keys';

export interface BuildP12Options {
  certificatePem: string;
  privateKeyPem: string;
  /** CA and intermediate certificates to include after the member's own. */
  chainPem?: readonly string[];
  password: string;
  /** Shown by Windows and macOS when the file is imported, e.g. the member's name. */
  friendlyName?: string;
  /** PBKDF2 and MAC iterations; default 20000 (OpenSSL's default is 2048). */
  iterations?: number;
}

export interface ParsedP12 {
  certificatePem: string;
  /** Unencrypted PKCS#8 PEM. */
  privateKeyPem: string;
  /** Other certificates, issuer order first (the leaf's issuer, then its issuer, ...). */
  chainPem: string[];
  /** The certificate's subject common name, decoded ("Nguyễn Tiến Sỹ"). */
  subjectName: string;
}

const { asn1 } = forge;
const OID_DATA = forge.pki.oids.data ?? '1.2.840.113549.1.7.1';
const DEFAULT_ITERATIONS = 20_000;
/** Above this a file would keep a pure-JS reader busy for minutes: refuse rather than hang. */
const MAX_MAC_ITERATIONS = 1_000_000;

interface MacDigest {
  create(): forge.md.MessageDigest;
  length: number;
}

const MAC_DIGESTS: Record<string, MacDigest> = {
  '1.3.14.3.2.26': { create: () => forge.md.sha1.create(), length: 20 },
  '2.16.840.1.101.3.4.2.1': { create: () => forge.md.sha256.create(), length: 32 },
  '2.16.840.1.101.3.4.2.2': { create: () => forge.md.sha384.create(), length: 48 },
  '2.16.840.1.101.3.4.2.3': { create: () => forge.md.sha512.create(), length: 64 },
};
const OID_SHA256 = '2.16.840.1.101.3.4.2.1';

function macOver(
  authSafe: string,
  password: string,
  salt: string,
  iterations: number,
  digest: MacDigest,
): string {
  // forge's PKCS#12 KDF takes the password as UTF-16 code units, i.e. BMPString, as OpenSSL does.
  const key = forge.pkcs12.generateKey(
    password,
    forge.util.createBuffer(salt),
    3,
    iterations,
    digest.length,
    digest.create(),
  );
  const hmac = forge.hmac.create();
  hmac.start(digest.create(), key.getBytes());
  hmac.update(authSafe);
  return hmac.digest().getBytes();
}

/** Contents of a PKCS#7 Data ContentInfo; BER files may split the OCTET STRING into chunks. */
function dataContent(contentInfo: forge.asn1.Asn1 | undefined): string {
  const parts = Array.isArray(contentInfo?.value) ? contentInfo.value : [];
  const [type, explicit] = parts;
  if (typeof type?.value !== 'string' || asn1.derToOid(type.value) !== OID_DATA) {
    throw new IdentityError(
      'p12-unsupported',
      'Only password-protected PKCS#12 files are supported.',
    );
  }
  const octets = Array.isArray(explicit?.value) ? explicit.value[0] : undefined;
  if (!octets || octets.type !== asn1.Type.OCTETSTRING)
    throw new Error('AuthenticatedSafe is not an OCTET STRING.');
  if (typeof octets.value === 'string') return octets.value;
  return octets.value.map((chunk) => (typeof chunk.value === 'string' ? chunk.value : '')).join('');
}

function integerValue(node: forge.asn1.Asn1 | undefined): number {
  if (!node || typeof node.value !== 'string' || node.value.length > 6)
    throw new Error('Bad INTEGER.');
  return node.value.length === 0 ? 0 : parseInt(forge.util.bytesToHex(node.value), 16);
}

function children(node: forge.asn1.Asn1 | undefined): forge.asn1.Asn1[] {
  if (!node || !Array.isArray(node.value)) throw new Error('Expected a constructed ASN.1 value.');
  return node.value;
}

/** Checks the MacData of a PFX against the password; throws p12-bad-password on mismatch. */
function verifyMac(macData: forge.asn1.Asn1, authSafe: string, password: string): void {
  let oid: string;
  let expected: string;
  let salt: string;
  let iterations: number;
  try {
    const [digestInfo, saltNode, iterNode] = children(macData);
    const [algorithm, digestNode] = children(digestInfo);
    const oidNode = children(algorithm)[0];
    oid = asn1.derToOid(typeof oidNode?.value === 'string' ? oidNode.value : '');
    expected = typeof digestNode?.value === 'string' ? digestNode.value : '';
    salt = typeof saltNode?.value === 'string' ? saltNode.value : '';
    iterations = iterNode === undefined ? 1 : integerValue(iterNode);
  } catch (cause) {
    throw new IdentityError('p12-malformed', 'The PKCS#12 integrity check (MAC) is unreadable.', {
      cause,
    });
  }
  const digest = MAC_DIGESTS[oid];
  if (!digest)
    throw new IdentityError(
      'p12-unsupported',
      `The PKCS#12 MAC algorithm ${oid} is not supported.`,
    );
  if (iterations < 1 || iterations > MAX_MAC_ITERATIONS) {
    throw new IdentityError(
      'p12-unsupported',
      `The PKCS#12 MAC iteration count ${iterations} is out of range.`,
    );
  }
  if (macOver(authSafe, password, salt, iterations, digest) !== expected) {
    throw new IdentityError('p12-bad-password', 'Wrong password for this .p12 file.');
  }
}

/** Writes a .p12 file holding the key, its certificate and the chain; returns its DER bytes. */
export function buildP12(options: BuildP12Options): Uint8Array {
  const leaf = decodeCertificate(options.certificatePem);
  const chain = (options.chainPem ?? []).map((pem) => decodeCertificate(pem));
  const key = readRsaPrivateKey(options.privateKeyPem);
  if (!keysMatch(key, leaf.forgeCertificate.publicKey as forge.pki.rsa.PublicKey)) {
    throw new IdentityError(
      'p12-key-mismatch',
      'The private key does not belong to the certificate.',
    );
  }
  const iterations = options.iterations ?? DEFAULT_ITERATIONS;
  if (!Number.isInteger(iterations) || iterations < 1000 || iterations > MAX_MAC_ITERATIONS) {
    throw new IdentityError(
      'p12-unsupported',
      `Iterations must be from 1000 to ${MAX_MAC_ITERATIONS}.`,
    );
  }
  // prfAlgorithm is passed through to forge's encryptPrivateKeyInfo but missing from its types.
  const forgeOptions: Parameters<typeof forge.pkcs12.toPkcs12Asn1>[3] & { prfAlgorithm: 'sha256' } =
    {
      algorithm: 'aes256',
      prfAlgorithm: 'sha256',
      count: iterations,
      saltSize: 16,
      useMac: false,
      generateLocalKeyId: true,
    };
  if (options.friendlyName !== undefined)
    forgeOptions.friendlyName = options.friendlyName.normalize('NFC'); // forge writes BMPString itself
  const pfx = forge.pkcs12.toPkcs12Asn1(
    key,
    [leaf.forgeCertificate, ...chain.map((c) => c.forgeCertificate)],
    forge.util.encodeUtf8(options.password),
    forgeOptions,
  );

  const pfxParts = children(pfx);
  const authSafe = dataContent(pfxParts[1]);
  const salt = forge.random.getBytesSync(16);
  const mac = macOver(authSafe, options.password, salt, iterations, MAC_DIGESTS[OID_SHA256]!);
  const seq = (items: forge.asn1.Asn1[]) =>
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, items);
  const prim = (type: forge.asn1.Type, value: string) =>
    asn1.create(asn1.Class.UNIVERSAL, type, false, value);
  pfxParts.push(
    seq([
      seq([
        seq([prim(asn1.Type.OID, asn1.oidToDer(OID_SHA256).getBytes()), prim(asn1.Type.NULL, '')]),
        prim(asn1.Type.OCTETSTRING, mac),
      ]),
      prim(asn1.Type.OCTETSTRING, salt),
      prim(asn1.Type.INTEGER, asn1.integerToDer(iterations).getBytes()),
    ]),
  );
  return binaryStringToBytes(asn1.toDer(pfx).getBytes());
}

/**
 * DER of a certificate forge read out of a bag. forge keeps the signed part as read; the outer
 * signature algorithm is copied from inside it (RFC 5280 requires the two to be equal).
 */
function certificateDer(cert: forge.pki.Certificate): Uint8Array {
  const tbs = cert.tbsCertificate;
  const fields = children(tbs);
  const o = fields[0]?.tagClass === asn1.Class.CONTEXT_SPECIFIC ? 1 : 0;
  const algorithm = fields[o + 1]!;
  const signature = asn1.create(
    asn1.Class.UNIVERSAL,
    asn1.Type.BITSTRING,
    false,
    '\0' + String(cert.signature),
  );
  const whole = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
    tbs,
    algorithm,
    signature,
  ]);
  return binaryStringToBytes(asn1.toDer(whole).getBytes());
}

function decodePfx(stripped: forge.asn1.Asn1, password: string): forge.pkcs12.Pkcs12Pfx {
  const attempts = [forge.util.encodeUtf8(password)];
  // Legacy ciphers derive their key from the BMPString password, which forge takes as-is.
  if ([...password].some((c) => c.charCodeAt(0) > 0x7f)) attempts.push(password);
  let lastError: unknown;
  for (const attempt of attempts) {
    try {
      return forge.pkcs12.pkcs12FromAsn1(stripped, false, attempt);
    } catch (error) {
      lastError = error;
    }
  }
  const message = lastError instanceof Error ? lastError.message : String(lastError);
  if (/decrypt/i.test(message)) {
    throw new IdentityError('p12-bad-password', 'Wrong password for this .p12 file.', {
      cause: lastError,
    });
  }
  if (/unsupported|not supported/i.test(message)) {
    throw new IdentityError(
      'p12-unsupported',
      `This .p12 file uses something not supported: ${message}`,
      {
        cause: lastError,
      },
    );
  }
  throw new IdentityError('p12-malformed', 'The .p12 file is damaged.', { cause: lastError });
}

interface Bags {
  keys: { key: forge.pki.rsa.PrivateKey; localKeyId: string | null }[];
  otherKeys: number;
  certs: { decoded: DecodedCertificate; localKeyId: string | null }[];
}

function collectBags(pfx: forge.pkcs12.Pkcs12Pfx): Bags {
  const bags: Bags = { keys: [], otherKeys: 0, certs: [] };
  for (const contents of pfx.safeContents) {
    for (const bag of contents.safeBags) {
      const ids = (bag.attributes as { localKeyId?: string[] } | undefined)?.localKeyId;
      const localKeyId = ids?.[0] ?? null;
      if (bag.type === forge.pki.oids.keyBag || bag.type === forge.pki.oids.pkcs8ShroudedKeyBag) {
        if (bag.key && 'n' in bag.key) bags.keys.push({ key: bag.key, localKeyId });
        else bags.otherKeys++;
      } else if (bag.type === forge.pki.oids.certBag) {
        const der = bag.cert
          ? certificateDer(bag.cert)
          : binaryStringToBytes(asn1.toDer(bag.asn1).getBytes());
        bags.certs.push({ decoded: decodeCertificate(der), localKeyId });
      }
    }
  }
  return bags;
}

/** Orders the other certificates by following issuer names up from the leaf; leftovers go last. */
function orderChain(leaf: DecodedCertificate, others: DecodedCertificate[]): DecodedCertificate[] {
  const ordered: DecodedCertificate[] = [];
  const left = [...others];
  let current = leaf;
  for (;;) {
    if (current.issuerNameDer === current.subjectNameDer) break;
    const index = left.findIndex((c) => c.subjectNameDer === current.issuerNameDer);
    if (index < 0) break;
    current = left.splice(index, 1)[0]!;
    ordered.push(current);
  }
  return [...ordered, ...left];
}

/**
 * Reads a .p12 file. Throws IdentityError: p12-malformed (not PKCS#12), p12-bad-password,
 * p12-incomplete (no key or no certificate), p12-key-mismatch (no certificate for the key),
 * p12-unsupported (non-RSA key, unknown algorithm).
 */
export function parseP12(bytes: Uint8Array, password: string): ParsedP12 {
  let root: forge.asn1.Asn1;
  let parts: forge.asn1.Asn1[];
  let authSafe: string;
  try {
    // Strict lengths: a truncated file must read as damaged, not as a wrong password.
    root = asn1.fromDer(bytesToBinaryString(bytes), true);
    parts = children(root);
    if (parts.length < 2 || parts.length > 3 || integerValue(parts[0]) !== 3)
      throw new Error('Not a PFX.');
    authSafe = dataContent(parts[1]);
  } catch (cause) {
    if (cause instanceof IdentityError) throw cause;
    throw new IdentityError('p12-malformed', 'The file is not a PKCS#12 (.p12) file.', { cause });
  }
  if (parts[2]) verifyMac(parts[2], authSafe, password);
  // The MAC is checked above with the right password encoding; forge must not check it again.
  const stripped = asn1.create(root.tagClass, root.type, true, [parts[0]!, parts[1]!]);
  const pfx = decodePfx(stripped, password);

  let bags: Bags;
  try {
    bags = collectBags(pfx);
  } catch (cause) {
    if (cause instanceof IdentityError && cause.code === 'cert-unsupported') {
      throw new IdentityError('p12-unsupported', cause.message, { cause });
    }
    throw new IdentityError('p12-malformed', 'A certificate in the .p12 file is damaged.', {
      cause,
    });
  }
  if (bags.keys.length === 0 && bags.otherKeys > 0) {
    throw new IdentityError(
      'p12-unsupported',
      'The .p12 file holds a non-RSA key; only RSA keys are supported.',
    );
  }
  if (bags.keys.length === 0)
    throw new IdentityError('p12-incomplete', 'The .p12 file holds no private key.');
  if (bags.certs.length === 0)
    throw new IdentityError('p12-incomplete', 'The .p12 file holds no certificate.');

  for (const { key, localKeyId } of bags.keys) {
    const matching = bags.certs.filter((c) =>
      keysMatch(key, c.decoded.forgeCertificate.publicKey as forge.pki.rsa.PublicKey),
    );
    if (matching.length === 0) continue;
    // Several certificates for one key (a renewal): prefer the one the file pairs with it, then the newest.
    matching.sort(
      (a, b) =>
        Number(b.localKeyId !== null && b.localKeyId === localKeyId) -
          Number(a.localKeyId !== null && a.localKeyId === localKeyId) ||
        b.decoded.info.notAfter.getTime() - a.decoded.info.notAfter.getTime(),
    );
    const leaf = matching[0]!.decoded;
    const others = bags.certs.map((c) => c.decoded).filter((c) => c !== leaf);
    return {
      certificatePem: certificatePemFromDer(leaf.info.der),
      privateKeyPem: privateKeyPem(key),
      chainPem: orderChain(leaf, others).map((c) => certificatePemFromDer(c.info.der)),
      subjectName: leaf.info.subjectCommonName,
    };
  }
  throw new IdentityError(
    'p12-key-mismatch',
    'No certificate in the .p12 file belongs to its private key.',
  );
}
