/**
 * Certificates and keys of any algorithm, made by the openssl CLI at test time (valid from
 * "now" of whatever clock the test runs under, faketime included): ECDSA on P-256/P-384,
 * RSA with PKCS#1 v1.5 or PSS certificate signatures, Ed25519/Ed448 for unsupported cases.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type OpensslKeyType = 'P-256' | 'P-384' | 'RSA' | 'Ed25519' | 'Ed448';

/** How an issuer signs a certificate: a digest (none for EdDSA), optionally RSA-PSS padding. */
export interface OpensslCertSignature {
  readonly digest?: 'sha256' | 'sha384' | 'sha512';
  readonly pss?: boolean;
}

export interface OpensslIdentity {
  readonly name: string;
  readonly keyType: OpensslKeyType;
  readonly keyPath: string;
  readonly certPath: string;
  readonly certPem: string;
  readonly certDer: Uint8Array;
}

const EXTENSIONS = `[ca]
basicConstraints=critical,CA:TRUE
keyUsage=critical,keyCertSign,cRLSign
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
[leaf]
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,nonRepudiation
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
`;

const KEYGEN: Record<OpensslKeyType, string[]> = {
  'P-256': ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'],
  'P-384': ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-384'],
  RSA: ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048'],
  Ed25519: ['-algorithm', 'ED25519'],
  Ed448: ['-algorithm', 'ED448'],
};

function signingArgs(how: OpensslCertSignature): string[] {
  const args = how.digest ? [`-${how.digest}`] : [];
  if (how.pss) args.push('-sigopt', 'rsa_padding_mode:pss', '-sigopt', 'rsa_pss_saltlen:digest');
  return args;
}

let serial = 1000;

/** Makes a key and a certificate: self-signed CA when `issuer` is absent, else issued by it. */
export function opensslIdentity(options: {
  dir: string;
  /** File stem; also the CN (Vietnamese names welcome: they are written as UTF8String). */
  name: string;
  keyType: OpensslKeyType;
  /** How the issuer (or the CA itself, when self-signed) signs this certificate. */
  signature: OpensslCertSignature;
  issuer?: OpensslIdentity;
  isCa?: boolean;
}): OpensslIdentity {
  const { dir, name, keyType } = options;
  const stem = join(dir, name.normalize('NFD').replace(/[^A-Za-z0-9]+/g, '-'));
  const keyPath = `${stem}.key`;
  const certPath = `${stem}.pem`;
  const extPath = join(dir, 'extensions.cnf');
  writeFileSync(extPath, EXTENSIONS);
  const section = options.isCa || !options.issuer ? 'ca' : 'leaf';
  const openssl = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  openssl(['genpkey', ...KEYGEN[keyType], '-out', keyPath]);
  const subject = ['-subj', `/CN=${name}/O=Diên Hồng tests`, '-utf8'];
  serial += 1;
  if (!options.issuer) {
    openssl([
      'req',
      '-x509',
      '-new',
      '-key',
      keyPath,
      ...subject,
      '-days',
      '30',
      '-set_serial',
      String(serial),
      ...signingArgs(options.signature),
      '-config',
      extPath,
      '-extensions',
      section,
      '-out',
      certPath,
    ]);
  } else {
    const csrPath = `${stem}.csr`;
    openssl(['req', '-new', '-key', keyPath, ...subject, '-out', csrPath]);
    openssl([
      'x509',
      '-req',
      '-in',
      csrPath,
      '-CA',
      options.issuer.certPath,
      '-CAkey',
      options.issuer.keyPath,
      '-set_serial',
      String(serial),
      '-days',
      '10',
      ...signingArgs(options.signature),
      '-extfile',
      extPath,
      '-extensions',
      section,
      '-out',
      certPath,
    ]);
  }
  const certPem = readFileSync(certPath, 'utf8');
  const certDer = new Uint8Array(
    execFileSync('openssl', ['x509', '-in', certPath, '-outform', 'DER']),
  );
  return { name, keyType, keyPath, certPath, certPem, certDer };
}

/** openssl's own name for the certificate's signature algorithm, e.g. "ecdsa-with-SHA384". */
export function opensslSignatureAlgorithm(identity: OpensslIdentity): string {
  const text = execFileSync('openssl', ['x509', '-in', identity.certPath, '-noout', '-text'], {
    encoding: 'utf8',
  });
  return /Signature Algorithm: (\S+)/.exec(text)?.[1] ?? '';
}
