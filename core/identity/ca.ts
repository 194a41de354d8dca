/**
 * An organisation's certificate authority: make one, and issue member certificates from it.
 * Names go in as UTF8String so Vietnamese diacritics survive byte for byte.
 */
import forge from 'node-forge';
import { isIpAddress } from '../security/ip';
import { decodeCertificate } from './certificate';
import { IdentityError } from './errors';
import {
  forgeKeyPairGenerator,
  keysMatch,
  readRsaPrivateKey,
  readRsaPublicKey,
  type KeyPairGenerator,
} from './keys';

/** A certificate with its private key, both PEM. */
export interface CertificateWithKey {
  certificatePem: string;
  privateKeyPem: string;
}

export interface CreateCaOptions {
  commonName: string;
  organisation: string;
  validDays: number;
  now: Date;
  keyBits?: number;
  /** Defaults to forgeKeyPairGenerator; pass a node:crypto one on the Node side for speed. */
  generateKeyPair?: KeyPairGenerator;
}

export interface IssueMemberOptions {
  ca: CertificateWithKey;
  /** The member's full name, e.g. "Nguyễn Tiến Sỹ"; becomes the subject CN. */
  name: string;
  /** ASCII e-mail address; goes in the subject (emailAddress) and subjectAltName (rfc822Name). */
  email: string;
  organisation?: string;
  validDays: number;
  now: Date;
  keyBits?: number;
  generateKeyPair?: KeyPairGenerator;
}

/** notBefore is set this far before `now` so a client whose clock runs slow still accepts the cert. */
export const CLOCK_SKEW_ALLOWANCE_MS = 10 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
/** RFC 5280 upper bounds: ub-common-name and ub-organization-name are 64 characters. */
const MAX_NAME_LENGTH = 64;
const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*$/;

const UTF8 = forge.asn1.Type.UTF8 as unknown as forge.asn1.Class;
const IA5 = forge.asn1.Type.IA5STRING as unknown as forge.asn1.Class;

function checkName(value: string, what: string): string {
  const trimmed = value.normalize('NFC').trim();
  if (trimmed.length === 0 || [...trimmed].length > MAX_NAME_LENGTH) {
    throw new IdentityError('issue-invalid', `${what} must be 1 to ${MAX_NAME_LENGTH} characters.`);
  }
  // Control characters in a name would confuse every place that prints it.
  if (/\p{Cc}/u.test(trimmed))
    throw new IdentityError('issue-invalid', `${what} has control characters.`);
  return trimmed;
}

function checkValidity(validDays: number, now: Date): void {
  if (!Number.isInteger(validDays) || validDays < 1 || validDays > 36_500) {
    throw new IdentityError('issue-invalid', 'validDays must be a whole number from 1 to 36500.');
  }
  if (Number.isNaN(now.getTime()))
    throw new IdentityError('issue-invalid', '`now` is not a valid date.');
}

/** A random positive serial: 16 bytes, top bit clear and second bit set so DER needs no pad byte. */
function randomSerialHex(): string {
  const bytes = forge.random.getBytesSync(16);
  const first = (bytes.charCodeAt(0) & 0x7f) | 0x40;
  return forge.util.bytesToHex(String.fromCharCode(first) + bytes.slice(1));
}

function newCertificate(publicKeyPem: string, validDays: number, now: Date): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = readRsaPublicKey(publicKeyPem);
  cert.serialNumber = randomSerialHex();
  cert.validity.notBefore = new Date(now.getTime() - CLOCK_SKEW_ALLOWANCE_MS);
  cert.validity.notAfter = new Date(now.getTime() + validDays * DAY_MS);
  return cert;
}

/**
 * Attributes for forge from a parsed certificate's name. forge hands back UTF8String values as
 * raw UTF-8 bytes but re-encodes them on output, so they must be decoded first or the issuer
 * name would be double-encoded and no longer match the CA's subject.
 */
function reusableName(attrs: forge.pki.CertificateField[]): forge.pki.CertificateField[] {
  return attrs.map((attr) => {
    const value = typeof attr.value === 'string' ? attr.value : '';
    const tag = attr.valueTagClass as unknown as number | undefined;
    return {
      type: attr.type,
      valueTagClass: attr.valueTagClass,
      value: tag === forge.asn1.Type.UTF8 ? forge.util.decodeUtf8(value) : value,
    } as forge.pki.CertificateField;
  });
}

function toPem(cert: forge.pki.Certificate): string {
  return forge.pki.certificateToPem(cert).replace(/\r\n/g, '\n');
}

/** Makes a self-signed CA certificate and its key. */
export async function createCa(options: CreateCaOptions): Promise<CertificateWithKey> {
  const commonName = checkName(options.commonName, 'The CA name');
  const organisation = checkName(options.organisation, 'The organisation');
  checkValidity(options.validDays, options.now);
  const keys = await (options.generateKeyPair ?? forgeKeyPairGenerator)(options.keyBits ?? 2048);
  const cert = newCertificate(keys.publicKeyPem, options.validDays, options.now);
  const name = [
    { type: forge.pki.oids.organizationName, value: organisation, valueTagClass: UTF8 },
    { type: forge.pki.oids.commonName, value: commonName, valueTagClass: UTF8 },
  ];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: true },
  ]);
  cert.sign(readRsaPrivateKey(keys.privateKeyPem), forge.md.sha256.create());
  return { certificatePem: toPem(cert), privateKeyPem: keys.privateKeyPem };
}

/** Issues a member's signing and login certificate from the CA, with a fresh key pair. */
export async function issueMemberCertificate(
  options: IssueMemberOptions,
): Promise<CertificateWithKey> {
  const name = checkName(options.name, 'The name');
  const organisation =
    options.organisation === undefined ? null : checkName(options.organisation, 'The organisation');
  const email = options.email.trim();
  if (!EMAIL.test(email) || email.length > 255) {
    throw new IdentityError('issue-invalid', `"${email}" is not a plain ASCII e-mail address.`);
  }
  checkValidity(options.validDays, options.now);

  const { ca, caCert, caKey } = openIssuer(options.ca);
  const keys = await (options.generateKeyPair ?? forgeKeyPairGenerator)(options.keyBits ?? 2048);
  const cert = newCertificate(keys.publicKeyPem, options.validDays, options.now);
  const subject: forge.pki.CertificateField[] = [];
  if (organisation !== null) {
    subject.push({
      type: forge.pki.oids.organizationName,
      value: organisation,
      valueTagClass: UTF8,
    });
  }
  subject.push({ type: forge.pki.oids.commonName, value: name, valueTagClass: UTF8 });
  subject.push({ type: forge.pki.oids.emailAddress, value: email, valueTagClass: IA5 });
  cert.setSubject(subject);
  const certificatePem = signByIssuer(cert, { ca, caCert, caKey }, [
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    { name: 'extKeyUsage', clientAuth: true, emailProtection: true },
    { name: 'subjectAltName', altNames: [{ type: 1, value: email }] },
  ]);
  return { certificatePem, privateKeyPem: keys.privateKeyPem };
}

export interface IssueServerOptions {
  ca: CertificateWithKey;
  /** DNS names the server is reached by, e.g. "phonghop.congdoan.vn"; the first is the CN. */
  hosts: readonly string[];
  /** IP addresses (v4 or v6) the server is reached by, e.g. "10.0.0.5". */
  ips: readonly string[];
  validDays: number;
  now: Date;
  keyBits?: number;
  generateKeyPair?: KeyPairGenerator;
}

const DNS_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

function checkHostName(raw: string): string {
  const name = raw.trim().toLowerCase().replace(/\.$/, '');
  if (name.length > 253 || !name.split('.').every((label) => DNS_LABEL.test(label))) {
    throw new IdentityError(
      'issue-invalid',
      `"${raw}" is not a DNS host name (letters, digits, hyphens; Unicode names in their xn-- form).`,
    );
  }
  return name;
}

function checkIp(raw: string): string {
  const ip = raw.trim();
  if (!isIpAddress(ip))
    throw new IdentityError('issue-invalid', `"${raw}" is not an IPv4 or IPv6 address.`);
  return ip;
}

/**
 * Issues a TLS server certificate for the sync server from the organisation CA: serverAuth
 * only, with every host name and IP address it is reached by in subjectAltName (browsers
 * ignore the CN), so members whose machines trust the CA connect over HTTPS/WSS.
 */
export async function issueServerCertificate(
  options: IssueServerOptions,
): Promise<CertificateWithKey> {
  const hosts = [...new Set(options.hosts.map(checkHostName))];
  const ips = [...new Set(options.ips.map(checkIp))];
  if (hosts.length + ips.length === 0) {
    throw new IdentityError('issue-invalid', 'A server certificate needs a host name or an IP.');
  }
  checkValidity(options.validDays, options.now);
  const issuer = openIssuer(options.ca);
  const keys = await (options.generateKeyPair ?? forgeKeyPairGenerator)(options.keyBits ?? 2048);
  const cert = newCertificate(keys.publicKeyPem, options.validDays, options.now);
  cert.setSubject([{ type: forge.pki.oids.commonName, value: hosts[0] ?? ips[0] ?? '' }]);
  const certificatePem = signByIssuer(cert, issuer, [
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: [
        ...hosts.map((value) => ({ type: 2, value })),
        ...ips.map((ip) => ({ type: 7, ip })),
      ],
    },
  ]);
  return { certificatePem, privateKeyPem: keys.privateKeyPem };
}

interface Issuer {
  ca: ReturnType<typeof decodeCertificate>;
  caCert: forge.pki.Certificate;
  caKey: forge.pki.rsa.PrivateKey;
}

function openIssuer(pair: CertificateWithKey): Issuer {
  const ca = decodeCertificate(pair.certificatePem);
  const caCert = ca.forgeCertificate;
  const caKey = readRsaPrivateKey(pair.privateKeyPem);
  if (!ca.info.isCa) throw new IdentityError('issue-invalid', 'The CA certificate is not a CA.');
  if (!keysMatch(caKey, caCert.publicKey as forge.pki.rsa.PublicKey)) {
    throw new IdentityError('issue-invalid', 'The CA key does not belong to the CA certificate.');
  }
  return { ca, caCert, caKey };
}

/** Names the issuer, adds the key identifiers and signs; returns PEM that chains to the CA. */
function signByIssuer(cert: forge.pki.Certificate, issuer: Issuer, extensions: object[]): string {
  const { ca, caCert, caKey } = issuer;
  cert.setIssuer(reusableName(caCert.subject.attributes));
  const caKeyId =
    ca.subjectKeyIdHex !== null
      ? forge.util.hexToBytes(ca.subjectKeyIdHex)
      : caCert.generateSubjectKeyIdentifier().getBytes();
  cert.setExtensions([
    ...extensions,
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: caKeyId },
  ]);
  cert.sign(caKey, forge.md.sha256.create());
  const certificatePem = toPem(cert);
  // Chain building compares names byte for byte; refuse to hand out a cert that would not chain.
  if (decodeCertificate(certificatePem).issuerNameDer !== ca.subjectNameDer) {
    throw new IdentityError('issue-invalid', 'The CA name could not be copied exactly.');
  }
  return certificatePem;
}
