/**
 * Test PKI: a CA and two member certificates with Vietnamese UTF8String names, plus
 * node:crypto-backed Hasher / RsaSigner / verifier for core code under test.
 */
import {
  createHash,
  generateKeyPairSync,
  sign,
  verify,
  createPublicKey,
  randomBytes,
} from 'node:crypto';
import forge from 'node-forge';
import type { CryptoServices, RsaSigner } from '../../core/crypto/types';
import { nodeCryptoServices } from '../../sync-server/crypto/node-crypto';

export interface TestIdentity {
  readonly commonName: string;
  readonly certPem: string;
  readonly certDer: Uint8Array;
  readonly privateKeyPem: string;
}

export interface TestPki {
  readonly ca: TestIdentity;
  readonly secretary: TestIdentity;
  readonly chair: TestIdentity;
}

function forgeKeys(): {
  privateKey: forge.pki.rsa.PrivateKey;
  publicKey: forge.pki.rsa.PublicKey;
  pem: string;
} {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const fk = forge.pki.privateKeyFromPem(pem) as forge.pki.rsa.PrivateKey;
  return { privateKey: fk, publicKey: forge.pki.setRsaPublicKey(fk.n, fk.e), pem };
}

const utf8Name = (commonName: string): forge.pki.CertificateField[] => [
  { shortName: 'C', value: 'VN' },
  { shortName: 'O', value: 'Dien Hong Test' },
  {
    name: 'commonName',
    value: commonName,
    valueTagClass: forge.asn1.Type.UTF8 as unknown as forge.asn1.Class,
  },
];

function toIdentity(
  cert: forge.pki.Certificate,
  commonName: string,
  privateKeyPem: string,
): TestIdentity {
  const der = forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes();
  return {
    commonName,
    certPem: forge.pki.certificateToPem(cert),
    certDer: Uint8Array.from(der, (c) => c.charCodeAt(0)),
    privateKeyPem,
  };
}

function validity(cert: forge.pki.Certificate, notBefore: Date, years: number): void {
  cert.validity.notBefore = notBefore;
  cert.validity.notAfter = new Date(notBefore.getTime() + years * 365 * 86_400_000);
}

export function createTestPki(notBefore = new Date(Date.now() - 86_400_000)): TestPki {
  const caKeys = forgeKeys();
  const caCert = forge.pki.createCertificate();
  caCert.publicKey = caKeys.publicKey;
  caCert.serialNumber = '01';
  validity(caCert, notBefore, 10);
  const caName = utf8Name('Diên Hồng Test CA');
  caCert.setSubject(caName);
  caCert.setIssuer(caName);
  caCert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  caCert.sign(caKeys.privateKey, forge.md.sha256.create());

  const member = (commonName: string, serial: string): TestIdentity => {
    const keys = forgeKeys();
    const cert = forge.pki.createCertificate();
    cert.publicKey = keys.publicKey;
    cert.serialNumber = serial;
    validity(cert, notBefore, 2);
    cert.setSubject(utf8Name(commonName));
    cert.setIssuer(caName);
    cert.setExtensions([
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
      { name: 'subjectKeyIdentifier' },
      {
        name: 'authorityKeyIdentifier',
        keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes(),
      },
    ]);
    cert.sign(caKeys.privateKey, forge.md.sha256.create());
    return toIdentity(cert, commonName, keys.pem);
  };
  return {
    ca: toIdentity(caCert, 'Diên Hồng Test CA', caKeys.pem),
    secretary: member('Nguyễn Tiến Sỹ', '1001'),
    chair: member('Trần Thị Hồng Nhung', '1002'),
  };
}

/** node:crypto implementation of the platform crypto services. */
export const nodeCrypto: CryptoServices = {
  async sha256(data) {
    return new Uint8Array(createHash('sha256').update(data).digest());
  },
  async rsaVerifySha256(spkiDer, data, signature) {
    try {
      const key = createPublicKey({ key: Buffer.from(spkiDer), format: 'der', type: 'spki' });
      return verify('sha256', data, key, signature);
    } catch {
      return false;
    }
  },
  digest: nodeCryptoServices.digest,
  verify: nodeCryptoServices.verify,
  randomBytes(length) {
    return new Uint8Array(randomBytes(length));
  },
};

/** An RsaSigner holding the identity's key, with its chain (leaf, then the CA). */
export function nodeSigner(identity: TestIdentity, chain: readonly TestIdentity[] = []): RsaSigner {
  return {
    certificateChainDer: [identity.certDer, ...chain.map((c) => c.certDer)],
    async rsaSignSha256(data) {
      return new Uint8Array(sign('sha256', data, identity.privateKeyPem));
    },
  };
}
