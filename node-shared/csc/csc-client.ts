/**
 * A Cloud Signature Consortium API v2 client as a RemoteSigner: credentials/list,
 * credentials/info, credentials/authorize (+ credentials/authorizeCheck polling while the
 * member confirms on their device) and signatures/signHash. It only talks HTTP: preparing,
 * embedding and verifying stay in core (signPdfsRemotely).
 *
 * Asynchronous confirmation: an authorize answer without a SAD but with a `requestID` means
 * "waiting for the member"; authorizeCheck then answers `{ SAD }` once confirmed, an OAuth
 * error `access_denied` when declined, or `{ status: "pending" }`. Providers that answer
 * differently need a small adapter of their own behind the same RemoteSigner interface.
 */
import type { KeyScheme } from '../../core/signing/cms';
import {
  type RemoteCredential,
  type RemoteSigner,
  RemoteSigningError,
} from '../../core/signing/remote-signer';

export interface CscClientOptions {
  /** The service's base URL, e.g. https://ca.example/csc/v2 (methods are appended). */
  readonly baseUrl: string;
  /** The bearer access token the provider issued (OAuth2 or its own login). */
  readonly accessToken: string;
  /** Which credential; absent: the only one credentials/list returns. */
  readonly credentialId?: string;
  /** How long the member has to confirm; default 120 s. */
  readonly confirmTimeoutMs?: number;
  /** Poll interval of authorizeCheck; default 1 s. */
  readonly pollIntervalMs?: number;
  /** Shown on the member's device. */
  readonly description?: string;
  readonly fetch?: typeof fetch;
}

const SHA256_OID = '2.16.840.1.101.3.4.2.1';
const SIGN_ALGO: Record<KeyScheme, string> = {
  RSA: '1.2.840.113549.1.1.1', // rsaEncryption: PKCS#1 v1.5 over the given hash
  EC: '1.2.840.10045.4.3.2', // ecdsa-with-SHA256
};

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const unb64 = (text: unknown, what: string): Uint8Array => {
  if (typeof text !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(text))
    throw new RemoteSigningError('remote-bad-answer', `${what} is not Base64`);
  return new Uint8Array(Buffer.from(text, 'base64'));
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function createCscClient(options: CscClientOptions): RemoteSigner {
  const doFetch = options.fetch ?? fetch;
  const base = options.baseUrl.replace(/\/+$/, '');

  async function call(method: string, body: object): Promise<Record<string, unknown>> {
    let response: Response;
    try {
      response = await doFetch(`${base}/${method}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${options.accessToken}`,
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (cause) {
      throw new RemoteSigningError(
        'remote-unreachable',
        `${method}: the signing service cannot be reached (${(cause as Error).message})`,
      );
    }
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      throw new RemoteSigningError('remote-bad-answer', `${method}: the answer is not JSON`);
    }
    const answer = (typeof json === 'object' && json !== null ? json : {}) as Record<
      string,
      unknown
    >;
    if (response.ok) return answer;
    const error = String(answer.error ?? response.status);
    const detail = `${method}: ${error}${answer.error_description ? ` — ${String(answer.error_description)}` : ''}`;
    if (response.status === 401) throw new RemoteSigningError('remote-unauthorized', detail);
    if (error === 'access_denied') throw new RemoteSigningError('remote-refused', detail);
    if (error === 'invalid_request' && /credential/i.test(detail))
      throw new RemoteSigningError('remote-credential-not-found', detail);
    throw new RemoteSigningError('remote-bad-answer', detail);
  }

  async function credentialId(): Promise<string> {
    if (options.credentialId) return options.credentialId;
    const list = await call('credentials/list', {});
    const ids = Array.isArray(list.credentialIDs) ? list.credentialIDs : [];
    const [only, ...more] = ids;
    if (typeof only !== 'string')
      throw new RemoteSigningError('remote-credential-not-found', 'No signing credential');
    if (more.length > 0)
      throw new RemoteSigningError(
        'remote-credential-not-found',
        `Several credentials (${ids.join(', ')}): name one`,
      );
    return only;
  }

  /** The SAD, after the member confirmed (polling while they have not). */
  async function authorize(credential: RemoteCredential, hashes: string[]): Promise<string> {
    const first = await call('credentials/authorize', {
      credentialID: credential.id,
      numSignatures: hashes.length,
      hashes,
      hashAlgorithmOID: SHA256_OID,
      ...(options.description ? { description: options.description } : {}),
    });
    if (typeof first.SAD === 'string') return first.SAD;
    if (typeof first.requestID !== 'string')
      throw new RemoteSigningError('remote-bad-answer', 'authorize gave neither SAD nor requestID');
    const deadline = Date.now() + (options.confirmTimeoutMs ?? 120_000);
    for (;;) {
      if (Date.now() >= deadline)
        throw new RemoteSigningError(
          'remote-confirmation-timeout',
          'The member did not confirm the signature in time',
        );
      await sleep(options.pollIntervalMs ?? 1000);
      const check = await call('credentials/authorizeCheck', {
        credentialID: credential.id,
        requestID: first.requestID,
      });
      if (typeof check.SAD === 'string') return check.SAD;
    }
  }

  return {
    async credential() {
      const id = await credentialId();
      const info = await call('credentials/info', {
        credentialID: id,
        certificates: 'chain',
        certInfo: false,
      });
      const cert = (info.cert ?? {}) as Record<string, unknown>;
      const certificates = Array.isArray(cert.certificates) ? cert.certificates : [];
      if (certificates.length === 0)
        throw new RemoteSigningError('remote-bad-answer', 'credentials/info gave no certificate');
      const multisign = typeof info.multisign === 'number' ? info.multisign : 1;
      return {
        id,
        certificateChainDer: certificates.map((c, i) => unb64(c, `certificate ${i + 1}`)),
        multisign,
      };
    },
    async signDigests(credential, scheme, digests) {
      const hashes = digests.map(b64);
      const sad = await authorize(credential, hashes);
      const answer = await call('signatures/signHash', {
        credentialID: credential.id,
        SAD: sad,
        hashes,
        hashAlgorithmOID: SHA256_OID,
        signAlgo: SIGN_ALGO[scheme],
      });
      const signatures = Array.isArray(answer.signatures) ? answer.signatures : [];
      return signatures.map((s, i) => unb64(s, `signature ${i + 1}`));
    },
  };
}
