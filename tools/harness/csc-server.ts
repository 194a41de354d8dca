/**
 * A CSC API v2 signing service for tests, backed by a key on a SoftHSM2 token: credentials/list,
 * credentials/info, credentials/authorize (asynchronous: a requestID, then authorizeCheck),
 * signatures/signHash. Modes say what the "member on their phone" does:
 *   confirm            confirms after the first authorizeCheck poll
 *   refuse             declines (OAuth error access_denied)
 *   never              never answers (the client times out)
 *   wrong-certificate  confirms, but credentials/info hands out another certificate
 * It counts confirmations, so a test can prove several records went under one.
 */
import { randomUUID } from 'node:crypto';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TokenSigner } from '../../node-shared/pkcs11/token-signer';

export type CscMode = 'confirm' | 'refuse' | 'never' | 'wrong-certificate';

export interface TestCscServer {
  readonly url: string;
  readonly accessToken: string;
  readonly credentialId: string;
  mode: CscMode;
  /** Confirmations the member gave (one per authorization). */
  readonly confirmations: number;
  /** Hashes signed by signHash, over all calls. */
  readonly hashesSigned: number;
  close(): Promise<void>;
}

interface Pending {
  readonly credentialId: string;
  readonly hashes: readonly string[];
  polls: number;
}

export async function startCscServer(options: {
  signer: TokenSigner;
  /** Chain the credential presents (default the signer's). */
  chainDer?: readonly Uint8Array[];
  /** Handed out instead in mode wrong-certificate. */
  wrongCertificateDer: Uint8Array;
  multisign: number;
  mode?: CscMode;
}): Promise<TestCscServer> {
  const accessToken = randomUUID();
  const credentialId = 'thu-ky-01';
  const pending = new Map<string, Pending>();
  const sads = new Map<string, { hashes: readonly string[]; used: boolean }>();
  let confirmations = 0;
  let hashesSigned = 0;
  const state = { mode: options.mode ?? ('confirm' as CscMode) };
  const chain = options.chainDer ?? options.signer.certificateChainDer;

  const send = (res: ServerResponse, status: number, body: object) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const bad = (res: ServerResponse, error: string, description: string, status = 400) =>
    send(res, status, { error, error_description: description });

  async function body(req: IncomingMessage): Promise<Record<string, unknown>> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.headers.authorization !== `Bearer ${accessToken}`)
      return bad(res, 'invalid_token', 'bearer token missing or wrong', 401);
    const method = (req.url ?? '').replace(/^\/csc\/v2\//, '');
    const input = await body(req);
    if (method !== 'credentials/list' && input.credentialID !== credentialId)
      return bad(res, 'invalid_request', 'Invalid parameter credentialID');
    switch (method) {
      case 'credentials/list':
        return send(res, 200, { credentialIDs: [credentialId] });
      case 'credentials/info': {
        const certs =
          state.mode === 'wrong-certificate'
            ? [options.wrongCertificateDer, ...chain.slice(1)]
            : chain;
        return send(res, 200, {
          key: { status: 'enabled', algo: [], len: 0 },
          cert: {
            status: 'valid',
            certificates: certs.map((c) => Buffer.from(c).toString('base64')),
          },
          authMode: 'explicit',
          multisign: options.multisign,
        });
      }
      case 'credentials/authorize': {
        const hashes = Array.isArray(input.hashes) ? (input.hashes as string[]) : [];
        if (hashes.length === 0 || hashes.length !== input.numSignatures)
          return bad(res, 'invalid_request', 'numSignatures must equal the number of hashes');
        if (hashes.length > options.multisign)
          return bad(res, 'invalid_request', `at most ${options.multisign} signatures at once`);
        const requestID = randomUUID();
        pending.set(requestID, { credentialId, hashes, polls: 0 });
        return send(res, 200, { requestID });
      }
      case 'credentials/authorizeCheck': {
        const request = pending.get(String(input.requestID));
        if (!request) return bad(res, 'invalid_request', 'unknown requestID');
        request.polls += 1;
        if (state.mode === 'never' || request.polls < 2)
          return send(res, 200, { status: 'pending' });
        pending.delete(String(input.requestID));
        if (state.mode === 'refuse')
          return bad(res, 'access_denied', 'The member declined the signature');
        confirmations += 1;
        const sad = randomUUID();
        sads.set(sad, { hashes: request.hashes, used: false });
        return send(res, 200, { SAD: sad, expiresIn: 300 });
      }
      case 'signatures/signHash': {
        const grant = sads.get(String(input.SAD));
        const hashes = Array.isArray(input.hashes) ? (input.hashes as string[]) : [];
        // The SAD binds exactly the hashes the member confirmed, once.
        if (!grant || grant.used || grant.hashes.join() !== hashes.join())
          return bad(res, 'invalid_request', 'SAD does not authorize these hashes');
        grant.used = true;
        const signatures: string[] = [];
        for (const h of hashes) {
          const signature = await options.signer.signSha256Digest(
            new Uint8Array(Buffer.from(h, 'base64')),
          );
          signatures.push(Buffer.from(signature).toString('base64'));
        }
        hashesSigned += hashes.length;
        return send(res, 200, { signatures });
      }
      default:
        return bad(res, 'invalid_request', `unknown method ${method}`, 404);
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) =>
      bad(res, 'server_error', error instanceof Error ? error.message : String(error), 500),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/csc/v2`,
    accessToken,
    credentialId,
    get mode() {
      return state.mode;
    },
    set mode(mode: CscMode) {
      state.mode = mode;
    },
    get confirmations() {
      return confirmations;
    },
    get hashesSigned() {
      return hashesSigned;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
