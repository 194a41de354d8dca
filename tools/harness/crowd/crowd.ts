/**
 * A crowd of members for vote tests and the benchmark: a data directory with a CA, N members
 * and one meeting, then real challenge–response logins for all of them.
 *
 * Two shortcuts keep hundreds of members fast, neither of which bypasses the server's checks:
 * every member gets their own certificate (so their own member id) but all share one RSA key,
 * and no .p12 is built (the test holds the PEM key, as the desktop app's main process does).
 * Logins are spread over loopback addresses 127.0.0.2… because the server allows 20 login
 * attempts per client address.
 */
import { request } from 'node:http';
import {
  certificateDerFromPem,
  issueMemberCertificate,
  parseCertificate,
  signChallenge,
  type LoginChallenge,
} from '../../../core/identity';
import type { MeetingRole } from '../../../core/roles/permissions';
import { withAdminContext } from '../../../sync-server/admin/context';
import { createMeeting, initCa } from '../../../sync-server/admin/operations';
import { nodeKeyPairGenerator, nodeRsaSigner } from '../../../sync-server/crypto/node-crypto';

export const CROWD_MEETING = 'hop-1';

export interface CrowdMember {
  id: string;
  name: string;
  role?: MeetingRole;
}

export interface Credentials {
  privateKeyPem: string;
  chainDer: Uint8Array[];
}

/** Seeds `dataDir` (no server may run on it) and returns each member's login credentials. */
export async function seedCrowd(
  dataDir: string,
  members: readonly CrowdMember[],
): Promise<Map<string, Credentials>> {
  const now = new Date();
  const ca = await initCa(dataDir, {
    commonName: 'CA thử nghiệm',
    organisation: 'Diên Hồng',
    validDays: 30,
  });
  const caDer = certificateDerFromPem(ca.certificatePem);
  const keys = await nodeKeyPairGenerator(2048);
  const credentials = new Map<string, Credentials>();
  await withAdminContext(dataDir, async (ctx) => {
    for (const m of members) {
      const issued = await issueMemberCertificate({
        ca,
        name: m.name,
        email: `${m.id}@dienhong.example`,
        validDays: 30,
        now,
        generateKeyPair: async () => keys,
      });
      const der = certificateDerFromPem(issued.certificatePem);
      await ctx.members.add({
        id: m.id,
        name: m.name,
        email: `${m.id}@dienhong.example`,
        isAdmin: false,
        certificates: [parseCertificate(der).fingerprintSha256Hex],
      });
      credentials.set(m.id, { privateKeyPem: keys.privateKeyPem, chainDer: [der, caDer] });
    }
    await createMeeting(
      ctx,
      {
        title: 'Phiên họp biểu quyết',
        startsAt: now.toISOString(),
        location: 'Hà Nội',
        organisation: 'Diên Hồng',
        agenda: ['Khai mạc', 'Biểu quyết nghị quyết'],
      },
      members.filter((m) => m.role).map((m) => ({ memberId: m.id, role: m.role as MeetingRole })),
      CROWD_MEETING,
    );
  });
  return credentials;
}

export interface HttpAnswer {
  status: number;
  body: unknown;
}

/**
 * One JSON request with node:http, from a chosen loopback address, on a connection of its own:
 * Node's global agent keeps sockets alive, and a burst that reuses one the server has just closed
 * for idleness (5 s by default) dies with "socket hang up" — a race of the harness, not the server.
 */
export function httpJson(
  url: string,
  options: { method?: string; body?: unknown; token?: string; localAddress?: string } = {},
): Promise<HttpAnswer> {
  const text = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: options.method ?? 'GET',
        agent: false,
        localAddress: options.localAddress,
        headers: {
          ...(text === undefined
            ? {}
            : { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) }),
          ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}),
        },
      },
      (res) => {
        let data = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (data += chunk));
        res.on('end', () => {
          let body: unknown = data;
          try {
            body = JSON.parse(data) as unknown;
          } catch {
            // not JSON: keep the text
          }
          resolve({ status: res.statusCode ?? 0, body });
        });
      },
    );
    req.on('error', reject);
    req.end(text);
  });
}

/** Logs in through the real challenge–response; returns the session token. */
export async function login(
  url: string,
  credentials: Credentials,
  localAddress?: string,
): Promise<string> {
  const challenge = await httpJson(`${url}/api/auth/challenge`, { localAddress });
  const body = await signChallenge(
    nodeRsaSigner(credentials.privateKeyPem, credentials.chainDer),
    (challenge.body as LoginChallenge).nonce,
    url,
  );
  const answer = await httpJson(`${url}/api/auth/login`, { method: 'POST', body, localAddress });
  if (answer.status !== 200)
    throw new Error(`login failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return (answer.body as { token: string }).token;
}

/** Logs everyone in, a few at a time, 15 per loopback address; returns id → token. */
export async function loginAll(
  url: string,
  credentials: Map<string, Credentials>,
  concurrency = 16,
): Promise<Map<string, string>> {
  const ids = [...credentials.keys()];
  const tokens = new Map<string, string>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < ids.length) {
      const i = next++;
      const id = ids[i] as string;
      const address = `127.0.0.${2 + Math.floor(i / 15)}`;
      tokens.set(id, await login(url, credentials.get(id) as Credentials, address));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return tokens;
}
