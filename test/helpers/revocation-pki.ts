/**
 * A second, independent test PKI made by the openssl CLI (root → intermediate → members), with
 * real revocation services: CRLs from `openssl ca -gencrl` and a real `openssl ocsp` responder
 * (delegated responder certificate), both behind one small HTTP front on port 0 whose URLs the
 * certificates name. Everything is issued "now" by the test's clock (faketime included).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { certificateDerFromPem, certificateInfo } from '../../core/identity/certificate';

/** Which revocation sources a member certificate names. */
export type RevocationSources = 'ocsp+crl' | 'ocsp' | 'crl' | 'dead';

export interface PkiMember {
  name: string;
  keyPem: string;
  certPem: string;
  certDer: Uint8Array;
}

export interface RevocationPki {
  dir: string;
  rootPem: string;
  intermediatePem: string;
  intermediateDer: Uint8Array;
  /** Issues a member certificate through `openssl ca` (so the CA database knows it). */
  issue(
    name: string,
    sources: RevocationSources,
    extra?: { policy?: string; eku?: string },
  ): PkiMember;
  /** Issues a certificate the CA database does not know (the responder answers "unknown"). */
  issueUnrecorded(name: string): PkiMember;
  /**
   * Revokes in the CA database and publishes a fresh CRL; restarts the responder. `at` sets
   * the revocation time written in the database (openssl itself always writes "now"), so a
   * test can place a signature before or after it without waiting.
   */
  revoke(member: PkiMember, options?: { at?: Date }): Promise<void>;
  /** How many OCSP requests and CRL downloads the front has served. */
  served: { ocsp: number; crl: number };
  close(): Promise<void>;
}

/** A certificate policy OID for the tests' "official duty" policy. */
export const TEST_POLICY_OID = '1.3.6.1.4.1.99999.15.1';

const CONFIG = (dir: string) => `[ca]
default_ca = int
[int]
dir = ${dir}
database = ${dir}/index.txt
new_certs_dir = ${dir}/issued
certificate = ${dir}/int.pem
private_key = ${dir}/int.key
serial = ${dir}/serial
crlnumber = ${dir}/crlnumber
default_md = sha256
default_days = 30
default_crl_days = 1
policy = anything
unique_subject = no
utf8 = yes
string_mask = utf8only
[anything]
commonName = supplied
organizationName = optional
[root_ext]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[int_ext]
basicConstraints = critical,CA:TRUE,pathlen:0
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ocsp_ext]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = OCSPSigning
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
`;

function memberSection(
  label: string,
  urls: { ocsp?: string; crl?: string },
  extra: { policy?: string; eku?: string },
): string {
  return [
    `[${label}]`,
    'basicConstraints = critical,CA:FALSE',
    'keyUsage = critical,digitalSignature,nonRepudiation',
    `extendedKeyUsage = ${extra.eku ?? 'clientAuth,emailProtection'}`,
    'subjectKeyIdentifier = hash',
    'authorityKeyIdentifier = keyid',
    `certificatePolicies = ${extra.policy ?? TEST_POLICY_OID}`,
    ...(urls.ocsp ? [`authorityInfoAccess = OCSP;URI:${urls.ocsp}`] : []),
    ...(urls.crl ? [`crlDistributionPoints = URI:${urls.crl}`] : []),
    '',
  ].join('\n');
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** Starts `openssl ocsp` on port 0 and resolves with the port it printed. */
function startResponder(dir: string): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(
    'openssl',
    [
      'ocsp',
      '-index',
      'index.txt',
      '-port',
      '0',
      '-rsigner',
      'ocsp.pem',
      '-rkey',
      'ocsp.key',
      '-CA',
      'int.pem',
      '-ndays',
      '1',
    ],
    { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let text = '';
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      const match = /ACCEPT .*:(\d+)/.exec(text);
      if (match) resolve({ child, port: Number(match[1]) });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`openssl ocsp exited ${code}: ${text}`)));
  });
}

export async function createRevocationPki(dir: string): Promise<RevocationPki> {
  mkdirSync(join(dir, 'issued'), { recursive: true });
  writeFileSync(join(dir, 'index.txt'), '');
  writeFileSync(join(dir, 'serial'), '1000\n');
  writeFileSync(join(dir, 'crlnumber'), '01\n');
  const openssl = (args: string[]) =>
    execFileSync('openssl', args, { cwd: dir, stdio: 'pipe', encoding: 'utf8' });
  const served = { ocsp: 0, crl: 0 };
  let responderPort = 0;
  const front = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/int.crl') {
      served.crl += 1;
      res.writeHead(200, { 'content-type': 'application/pkix-crl' });
      res.end(readFileSync(join(dir, 'int.crl.der')));
      return;
    }
    if (req.method === 'POST' && req.url === '/ocsp') {
      served.ocsp += 1;
      // openssl's responder reads no chunked bodies: forward with a Content-Length.
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        const upstream = httpRequest(
          {
            host: '127.0.0.1',
            port: responderPort,
            method: 'POST',
            path: '/',
            headers: { 'content-type': 'application/ocsp-request', 'content-length': body.length },
          },
          (answer) => {
            res.writeHead(answer.statusCode ?? 502, {
              'content-type': 'application/ocsp-response',
            });
            answer.pipe(res);
          },
        );
        upstream.on('error', () => res.writeHead(502).end());
        upstream.end(body);
      });
      return;
    }
    res.writeHead(404).end();
  });
  const port = await listen(front);
  // A port that was listening and is closed again: connection refused, i.e. unreachable.
  const gone = createServer();
  const deadPort = await listen(gone);
  await new Promise<void>((resolve) => gone.close(() => resolve()));
  const base = `http://127.0.0.1:${port}`;
  const dead = `http://127.0.0.1:${deadPort}`;
  const sections = [
    memberSection('m_ocsp_crl', { ocsp: `${base}/ocsp`, crl: `${base}/int.crl` }, {}),
    memberSection('m_ocsp', { ocsp: `${base}/ocsp` }, {}),
    memberSection('m_crl', { crl: `${base}/int.crl` }, {}),
    memberSection('m_dead', { ocsp: `${dead}/ocsp`, crl: `${dead}/int.crl` }, {}),
  ];
  const configPath = join(dir, 'ca.cnf');
  const writeConfig = (more = '') =>
    writeFileSync(configPath, `${CONFIG(dir)}\n${sections.join('\n')}\n${more}`);
  writeConfig();

  const subj = (cn: string) => ['-subj', `/CN=${cn}/O=Ban Cơ yếu thử nghiệm`, '-utf8'];
  openssl(['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', 'root.key']);
  openssl([
    'req',
    '-x509',
    '-new',
    '-key',
    'root.key',
    '-out',
    'root.pem',
    '-days',
    '3650',
    ...subj('Gốc thử nghiệm thứ hai'),
    '-config',
    configPath,
    '-extensions',
    'root_ext',
  ]);
  const issueFromRoot = (stem: string, cn: string, ext: string) => {
    openssl([
      'genpkey',
      '-algorithm',
      'RSA',
      '-pkeyopt',
      'rsa_keygen_bits:2048',
      '-out',
      `${stem}.key`,
    ]);
    openssl(['req', '-new', '-key', `${stem}.key`, '-out', `${stem}.csr`, ...subj(cn)]);
    openssl([
      'x509',
      '-req',
      '-in',
      `${stem}.csr`,
      '-CA',
      'root.pem',
      '-CAkey',
      'root.key',
      '-CAcreateserial',
      '-out',
      `${stem}.pem`,
      '-days',
      '1825',
      '-sha256',
      '-extfile',
      configPath,
      '-extensions',
      ext,
    ]);
  };
  issueFromRoot('int', 'Trung gian thử nghiệm', 'int_ext');
  // The responder's own certificate comes from the intermediate (a delegated responder).
  openssl(['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', 'ocsp.key']);
  openssl(['req', '-new', '-key', 'ocsp.key', '-out', 'ocsp.csr', ...subj('OCSP thử nghiệm')]);
  openssl([
    'x509',
    '-req',
    '-in',
    'ocsp.csr',
    '-CA',
    'int.pem',
    '-CAkey',
    'int.key',
    '-CAcreateserial',
    '-out',
    'ocsp.pem',
    '-days',
    '365',
    '-sha256',
    '-extfile',
    configPath,
    '-extensions',
    'ocsp_ext',
  ]);
  const publishCrl = () => {
    openssl(['ca', '-batch', '-config', configPath, '-gencrl', '-out', 'int.crl.pem']);
    openssl(['crl', '-in', 'int.crl.pem', '-outform', 'DER', '-out', 'int.crl.der']);
  };
  publishCrl();
  let responder = await startResponder(dir);
  responderPort = responder.port;

  const read = (stem: string, name: string): PkiMember => {
    const certPem = readFileSync(join(dir, `${stem}.pem`), 'utf8');
    return {
      name,
      keyPem: readFileSync(join(dir, `${stem}.key`), 'utf8'),
      certPem,
      certDer: certificateDerFromPem(certPem),
    };
  };
  let count = 0;
  const stemOf = () => `member-${++count}`;
  const intermediatePem = readFileSync(join(dir, 'int.pem'), 'utf8');

  return {
    dir,
    rootPem: readFileSync(join(dir, 'root.pem'), 'utf8'),
    intermediatePem,
    intermediateDer: certificateDerFromPem(intermediatePem),
    served,
    issue(name, sources, extra = {}) {
      const stem = stemOf();
      let section = `m_${sources === 'ocsp+crl' ? 'ocsp_crl' : sources}`;
      if (extra.policy || extra.eku) {
        const urls = { ocsp: `${base}/ocsp`, crl: `${base}/int.crl` };
        section = `m_custom_${count}`;
        sections.push(memberSection(section, urls, extra));
        writeConfig();
      }
      openssl([
        'genpkey',
        '-algorithm',
        'RSA',
        '-pkeyopt',
        'rsa_keygen_bits:2048',
        '-out',
        `${stem}.key`,
      ]);
      openssl(['req', '-new', '-key', `${stem}.key`, '-out', `${stem}.csr`, ...subj(name)]);
      openssl([
        'ca',
        '-batch',
        '-config',
        configPath,
        '-extensions',
        section,
        '-in',
        `${stem}.csr`,
        '-out',
        `${stem}.pem`,
        '-notext',
      ]);
      return read(stem, name);
    },
    issueUnrecorded(name) {
      const stem = stemOf();
      openssl([
        'genpkey',
        '-algorithm',
        'RSA',
        '-pkeyopt',
        'rsa_keygen_bits:2048',
        '-out',
        `${stem}.key`,
      ]);
      openssl(['req', '-new', '-key', `${stem}.key`, '-out', `${stem}.csr`, ...subj(name)]);
      openssl([
        'x509',
        '-req',
        '-in',
        `${stem}.csr`,
        '-CA',
        'int.pem',
        '-CAkey',
        'int.key',
        '-set_serial',
        String(900000 + count),
        '-out',
        `${stem}.pem`,
        '-days',
        '30',
        '-sha256',
        '-extfile',
        configPath,
        '-extensions',
        'm_ocsp',
      ]);
      return read(stem, name);
    },
    async revoke(member, options) {
      const file = join(dir, `rev-${Date.now()}-${count}.pem`);
      writeFileSync(file, member.certPem);
      openssl([
        'ca',
        '-batch',
        '-config',
        configPath,
        '-revoke',
        file,
        '-crl_reason',
        'keyCompromise',
      ]);
      if (options?.at) setRevocationTime(dir, member, options.at);
      publishCrl();
      responder.child.kill();
      responder = await startResponder(dir);
      responderPort = responder.port;
    },
    async close() {
      responder.child.kill();
      await new Promise<void>((resolve) => front.close(() => resolve()));
    },
  };
}

/** index.txt keeps the revocation time as YYMMDDHHMMSSZ[,reason] in its third column. */
function setRevocationTime(dir: string, member: PkiMember, at: Date): void {
  const serial = certificateInfo(member.certDer).serialHex.toUpperCase().replace(/^0+/, '');
  const stamp = at.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z';
  const file = join(dir, 'index.txt');
  const lines = readFileSync(file, 'utf8').split('\n');
  const updated = lines.map((line) => {
    const cols = line.split('\t');
    if (cols[0] !== 'R' || cols[3]?.replace(/^0+/, '') !== serial) return line;
    const reason = cols[2]?.split(',')[1];
    cols[2] = reason ? `${stamp},${reason}` : stamp;
    return cols.join('\t');
  });
  writeFileSync(file, updated.join('\n'));
}
