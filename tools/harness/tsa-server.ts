/**
 * A real RFC 3161 time-stamping authority for tests: OpenSSL's `openssl ts -reply` behind a
 * small HTTP handler on port 0, with its own test CA (the TSA certificate carries the critical
 * extendedKeyUsage id-kp-timeStamping that RFC 3161 §2.3 demands). Certificates are issued
 * relative to the clock the test runs under (faketime included).
 *
 * Modes make it misbehave with real OpenSSL output, so each client check meets the real thing:
 *   ok              answers the request
 *   refuse          OpenSSL rejects it (a section whose digests exclude SHA-256: status
 *                   rejection, failInfo badAlg)
 *   wrong-nonce     answers a different request: the same one with its nonce changed
 *   wrong-imprint   answers the same request with its message imprint changed
 *   untrusted       signs with a TSA certificate from a CA nobody trusts
 *   close           closes the socket without an answer
 *   hang            never answers (the client's timeout fires)
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { TAG, children, readDer } from '../../core/signing/der';

const run = promisify(execFile);

export type TsaMode =
  'ok' | 'refuse' | 'wrong-nonce' | 'wrong-imprint' | 'untrusted' | 'close' | 'hang';

export interface TsaIdentity {
  readonly caPem: string;
  readonly caPath: string;
  readonly tsaCertPem: string;
  readonly tsaCertPath: string;
  readonly tsaKeyPath: string;
}

export interface TestTsaServer {
  /** POST application/timestamp-query here. */
  readonly url: string;
  /** The CA to trust for the purpose "timestamping". */
  readonly caPem: string;
  readonly caPath: string;
  /** The CA behind mode "untrusted" (trust it to see that mode succeed). */
  readonly untrustedCaPem: string;
  mode: TsaMode;
  /** Requests answered by OpenSSL, over all modes. */
  readonly answered: number;
  /** Authorization headers seen, in order (for the basic/bearer tests). */
  readonly authorizations: readonly (string | undefined)[];
  close(): Promise<void>;
}

const EXTENSIONS = `[ca]
basicConstraints=critical,CA:TRUE
keyUsage=critical,keyCertSign,cRLSign
subjectKeyIdentifier=hash
[tsa]
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,nonRepudiation
extendedKeyUsage=critical,timeStamping
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
`;

async function openssl(dir: string, args: string[]): Promise<Buffer> {
  const { stdout } = await run('openssl', args, { cwd: dir, encoding: 'buffer' });
  return stdout;
}

/** A CA and a TSA certificate issued by it, valid from now for `tsaDays` (default 30). */
export async function makeTsaIdentity(
  dir: string,
  stem: string,
  options: { caName?: string; tsaName?: string; tsaDays?: number } = {},
): Promise<TsaIdentity> {
  mkdirSync(dir, { recursive: true });
  const ext = join(dir, 'tsa-extensions.cnf');
  writeFileSync(ext, EXTENSIONS);
  const caKey = join(dir, `${stem}-ca.key`);
  const caPath = join(dir, `${stem}-ca.pem`);
  const tsaKeyPath = join(dir, `${stem}-tsa.key`);
  const tsaCsr = join(dir, `${stem}-tsa.csr`);
  const tsaCertPath = join(dir, `${stem}-tsa.pem`);
  const rsa = ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048'];
  await openssl(dir, [...rsa, '-out', caKey]);
  await openssl(dir, [...rsa, '-out', tsaKeyPath]);
  const caSubject = `/CN=${options.caName ?? `Diên Hồng test TSA CA ${stem}`}/O=Diên Hồng tests`;
  await openssl(dir, [
    'req', '-x509', '-new', '-key', caKey, '-subj', caSubject, '-utf8', '-days', '3650',
    '-sha256', '-config', ext, '-extensions', 'ca', '-out', caPath,
  ]); // prettier-ignore
  const tsaSubject = `/CN=${options.tsaName ?? `Diên Hồng test TSA ${stem}`}/O=Diên Hồng tests`;
  await openssl(dir, [
    'req',
    '-new',
    '-key',
    tsaKeyPath,
    '-subj',
    tsaSubject,
    '-utf8',
    '-out',
    tsaCsr,
  ]);
  await openssl(dir, [
    'x509', '-req', '-in', tsaCsr, '-CA', caPath, '-CAkey', caKey, '-CAcreateserial',
    '-days', String(options.tsaDays ?? 30), '-sha256', '-extfile', ext, '-extensions', 'tsa',
    '-out', tsaCertPath,
  ]); // prettier-ignore
  return {
    caPem: readFileSync(caPath, 'utf8'),
    caPath,
    tsaCertPem: readFileSync(tsaCertPath, 'utf8'),
    tsaCertPath,
    tsaKeyPath,
  };
}

function tsConfig(dir: string, trusted: TsaIdentity, untrusted: TsaIdentity): string {
  const section = (name: string, id: TsaIdentity, digests: string) => `[${name}]
dir = ${dir}
serial = ${join(dir, 'tsaserial')}
crypto_device = builtin
signer_cert = ${id.tsaCertPath}
signer_key = ${id.tsaKeyPath}
signer_digest = sha256
default_policy = 1.3.6.1.4.1.99999.1.1
other_policies = 1.3.6.1.4.1.99999.1.2
digests = ${digests}
accuracy = secs:1
ordering = yes
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
`;
  return `[tsa]
default_tsa = tsa_ok
${section('tsa_ok', trusted, 'sha256, sha384, sha512')}
${section('tsa_refuse', trusted, 'sha1')}
${section('tsa_untrusted', untrusted, 'sha256, sha384, sha512')}
`;
}

/**
 * The TimeStampReq with one byte of its imprint or its nonce flipped: OpenSSL then answers a
 * request the client never sent. TimeStampReq ::= SEQUENCE { version, messageImprint
 * SEQUENCE { hashAlgorithm, hashedMessage OCTET STRING }, reqPolicy OID OPTIONAL,
 * nonce INTEGER OPTIONAL, certReq BOOLEAN, ... }.
 */
function tamperedRequest(request: Uint8Array, what: 'imprint' | 'nonce'): Uint8Array {
  const out = Uint8Array.from(request);
  const parts = children(readDer(out));
  const target =
    what === 'imprint'
      ? children(parts[1] ?? readDer(out)).find((n) => n.tag === TAG.OCTET_STRING)
      : parts.find((n, i) => i > 1 && n.tag === TAG.INTEGER);
  if (!target) throw new Error(`the request has no ${what}`);
  const last = target.end - 1;
  out[last] = (out[last] ?? 0) ^ 0x01;
  return out;
}

export async function startTsaServer(options: {
  dir: string;
  mode?: TsaMode;
  /** Days the (trusted) TSA certificate is valid from now; default 30. */
  tsaDays?: number;
}): Promise<TestTsaServer> {
  const dir = options.dir;
  mkdirSync(dir, { recursive: true });
  const trusted = await makeTsaIdentity(dir, 'trusted', {
    ...(options.tsaDays !== undefined ? { tsaDays: options.tsaDays } : {}),
  });
  const untrusted = await makeTsaIdentity(dir, 'untrusted', {
    caName: 'Unknown TSA CA',
    tsaName: 'Unknown TSA',
  });
  const config = join(dir, 'openssl-ts.cnf');
  writeFileSync(config, tsConfig(dir, trusted, untrusted));
  writeFileSync(join(dir, 'tsaserial'), '01\n');

  let answered = 0;
  let counter = 0;
  const authorizations: (string | undefined)[] = [];
  // One openssl at a time: they share the serial file.
  let queue: Promise<unknown> = Promise.resolve();
  const state = { mode: options.mode ?? ('ok' as TsaMode) };

  async function reply(request: Uint8Array, mode: TsaMode): Promise<Buffer> {
    const n = ++counter;
    const query = join(dir, `query-${n}.tsq`);
    const response = join(dir, `reply-${n}.tsr`);
    const asked =
      mode === 'wrong-nonce'
        ? tamperedRequest(request, 'nonce')
        : mode === 'wrong-imprint'
          ? tamperedRequest(request, 'imprint')
          : request;
    writeFileSync(query, asked);
    const section =
      mode === 'refuse' ? 'tsa_refuse' : mode === 'untrusted' ? 'tsa_untrusted' : 'tsa_ok';
    await openssl(dir, [
      'ts', '-reply', '-config', config, '-section', section, '-queryfile', query,
      '-out', response,
    ]); // prettier-ignore
    answered += 1;
    return readFileSync(response);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    authorizations.push(req.headers.authorization);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const mode = state.mode;
    if (mode === 'close') {
      req.socket.destroy();
      return;
    }
    if (mode === 'hang') return; // the client gives up
    if (req.method !== 'POST' || req.headers['content-type'] !== 'application/timestamp-query') {
      res.writeHead(415).end();
      return;
    }
    const job = queue.then(() => reply(new Uint8Array(Buffer.concat(chunks)), mode));
    queue = job.catch(() => undefined);
    try {
      const body = await job;
      res.writeHead(200, { 'content-type': 'application/timestamp-reply' }).end(body);
    } catch (cause) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(String(cause));
    }
  }

  const hanging = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    hanging.add(res);
    res.on('close', () => hanging.delete(res));
    void handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/tsa`,
    caPem: trusted.caPem,
    caPath: trusted.caPath,
    untrustedCaPem: untrusted.caPem,
    get mode() {
      return state.mode;
    },
    set mode(value: TsaMode) {
      state.mode = value;
    },
    get answered() {
      return answered;
    },
    authorizations,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.socket?.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
