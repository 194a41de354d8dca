/**
 * TLS on the room network: a server certificate from `admin server-cert`, HTTPS + WSS with a
 * client that trusts the organisation CA (and one that does not), HSTS, plain HTTP refused
 * beyond loopback, and login bound to the public origin rather than the Host header.
 */
import { spawn, spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { checkServerIdentity } from 'node:tls';
import path from 'node:path';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoginChallenge } from '../../core/identity';
import { runAdmin } from '../../sync-server/admin/cli';
import { startApp, type AppOptions, type RunningApp } from '../../sync-server/app';
import { UsageError } from '../../sync-server/config';
import { identityPaths } from '../../sync-server/identity/data-dir';
import { HSTS_HEADER } from '../../sync-server/server';
import { MEETING_ID, seedDataDir, signedLogin } from '../helpers/app';
import { waitFor } from '../helpers/server';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const MEMBERS = [
  { id: 'sy', name: 'Nguyễn Tiến Sỹ', role: 'secretary' as const },
  { id: 'nhung', name: 'Trần Thị Hồng Nhung', role: 'chair' as const },
];

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

/** One HTTPS request; `ca` is what the client trusts (undefined: the system's roots only). */
function call(
  url: string,
  options: { ca?: string; method?: string; body?: unknown; token?: string; host?: string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {};
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.host) headers.host = options.host;
    const req = httpsRequest(
      url,
      {
        method: options.method ?? 'GET',
        headers,
        ...(options.ca ? { ca: options.ca } : {}),
        // Check the certificate against the host dialled, not a forged Host header.
        checkServerIdentity: (_host, cert) => checkServerIdentity(new URL(url).hostname, cert),
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: text ? (JSON.parse(text) as unknown) : null,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body === undefined ? undefined : JSON.stringify(options.body));
  });
}

let dataDir: string;
let p12: Map<string, Uint8Array>;
let caPem: string;
let certFile: string;
let keyFile: string;
let server: RunningApp | null = null;

const start = (extra: Partial<AppOptions> = {}) =>
  startApp({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    webRoot: null,
    tls: { certFile, keyFile },
    ...extra,
  });

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'dienhong-tls-'));
  p12 = await seedDataDir(dataDir, MEMBERS);
  certFile = path.join(dataDir, 'tls', 'server-cert.pem');
  keyFile = path.join(dataDir, 'tls', 'server-key.pem');
  const lines: string[] = [];
  const code = await runAdmin(
    [
      'server-cert',
      '--data',
      dataDir,
      '--host',
      'localhost',
      '--host',
      'phonghop.example',
      '--ip',
      '127.0.0.1',
      '--out-cert',
      certFile,
      '--out-key',
      keyFile,
    ],
    (line) => lines.push(line),
    (line) => lines.push(line),
  );
  expect(code, lines.join('\n')).toBe(0);
  caPem = await readFile(identityPaths(dataDir).caCert, 'utf8');
  server = await start();
});
afterAll(async () => {
  await server?.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function login(
  memberId: string,
  signFor: string,
  host?: string,
): Promise<{ status: number; code: string; token: string }> {
  const url = server?.url ?? '';
  const challenge = (await call(`${url}/api/auth/challenge`, { ca: caPem })).body as LoginChallenge;
  const body = await signedLogin(p12.get(memberId) as Uint8Array, challenge, signFor);
  const reply = await call(`${url}/api/auth/login`, {
    ca: caPem,
    method: 'POST',
    body,
    ...(host ? { host } : {}),
  });
  const json = reply.body as { token?: string; error?: { code: string } };
  return { status: reply.status, code: json.error?.code ?? '', token: json.token ?? '' };
}

describe('admin server-cert', () => {
  it('issues a serverAuth certificate for every --host and --ip, chained to the CA, key 0600', async () => {
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    const pem = await readFile(certFile, 'utf8');
    const leaf = new X509Certificate(pem);
    const ca = new X509Certificate(caPem);
    expect(leaf.subjectAltName?.split(', ')).toEqual([
      'DNS:localhost',
      'DNS:phonghop.example',
      'IP Address:127.0.0.1',
    ]);
    expect(leaf.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']);
    expect(leaf.ca).toBe(false);
    expect(leaf.checkIssued(ca) && leaf.verify(ca.publicKey)).toBe(true);
    // The file carries the chain: the CA follows the leaf.
    expect(pem).toContain(caPem.trim());
    // OpenSSL as an independent judge of the TLS server purpose.
    const judge = spawnSync(
      'openssl',
      ['verify', '-CAfile', identityPaths(dataDir).caCert, '-purpose', 'sslserver', certFile],
      { encoding: 'utf8' },
    );
    expect(judge.stdout.trim()).toBe(`${certFile}: OK`);
    const noCa = await runAdmin(
      ['server-cert', '--data', path.join(dataDir, 'nope'), '--ip', '10.0.0.5'],
      () => {},
      () => {},
    );
    expect(noCa).not.toBe(0);
  });
});

describe('HTTPS and WSS with the organisation CA', () => {
  it('serves HTTPS with HSTS to a client that trusts the CA, and nothing to one that does not', async () => {
    const url = server?.url ?? '';
    expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const health = await call(`${url}/healthz`, { ca: caPem });
    expect(health.status).toBe(200);
    expect(health.headers['strict-transport-security']).toBe(HSTS_HEADER);
    const missing = await call(`${url}/api/nothing-here`, { ca: caPem });
    expect([missing.status, missing.headers['strict-transport-security']]).toEqual([
      404,
      HSTS_HEADER,
    ]);
    await expect(call(`${url}/healthz`)).rejects.toMatchObject({
      code: 'SELF_SIGNED_CERT_IN_CHAIN',
    });
    // Cleartext on the TLS port gets no answer a client could use.
    await expect(fetch(`${url.replace('https:', 'http:')}/healthz`)).rejects.toThrow();
  });

  it('logs two members in over HTTPS and syncs their edits over WSS', async () => {
    const url = server?.url ?? '';
    const sy = await login('sy', url);
    const nhung = await login('nhung', url);
    expect([sy.status, nhung.status]).toEqual([200, 200]);

    class OrgTrustingWebSocket extends WebSocket {
      constructor(address: string | URL, protocols?: string | string[]) {
        super(address, protocols, { ca: caPem });
      }
    }
    const syncUrl = `${url.replace(/^https/, 'wss')}/sync`;
    const open = (token: string) => {
      const doc = new Y.Doc();
      const provider = new WebsocketProvider(syncUrl, `meeting/${MEETING_ID}/shared`, doc, {
        params: { token },
        WebSocketPolyfill: OrgTrustingWebSocket as unknown as typeof globalThis.WebSocket,
        disableBc: true,
      });
      return { doc, provider };
    };
    const a = open(sy.token);
    const b = open(nhung.token);
    try {
      expect(a.provider.url.startsWith('wss://')).toBe(true);
      a.doc.getMap('notes').set('sy', 'Biên bản đã có số liệu');
      b.doc.getMap('notes').set('nhung', 'Đồng ý');
      await waitFor(
        () => a.doc.getMap('notes').size === 2 && b.doc.getMap('notes').size === 2,
        'both edits on both sides over WSS',
        10_000,
      );
      expect(b.doc.getMap('notes').get('sy')).toBe('Biên bản đã có số liệu');
    } finally {
      for (const side of [a, b]) {
        side.provider.destroy();
        side.doc.destroy();
      }
    }
  });

  it('a websocket that does not trust the CA is never opened', async () => {
    const url = `${(server?.url ?? '').replace(/^https/, 'wss')}/sync/meeting/${MEETING_ID}/shared`;
    const outcome = await new Promise<string>((resolve) => {
      const ws = new WebSocket(url);
      ws.on('open', () => {
        ws.close();
        resolve('open');
      });
      ws.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? String(error)));
    });
    expect(outcome).toBe('SELF_SIGNED_CERT_IN_CHAIN');
  });
});

describe('login is bound to the public origin, not the Host header', () => {
  it('refuses a challenge signed for another origin even when Host names that origin', async () => {
    const url = server?.url ?? '';
    const port = new URL(url).port;
    expect(await login('sy', 'https://evil.example', 'evil.example')).toMatchObject({
      status: 401,
      code: 'login-bad-signature',
    });
    expect(
      await login('sy', `https://phonghop.example:${port}`, `phonghop.example:${port}`),
    ).toMatchObject({ status: 401, code: 'login-bad-signature' });
    // The same host by the other scheme is another origin too.
    expect(await login('sy', `http://127.0.0.1:${port}`)).toMatchObject({
      status: 401,
      code: 'login-bad-signature',
    });
    // The Host header neither helps nor hurts a signature for the real origin.
    expect(await login('sy', url, 'evil.example')).toMatchObject({ status: 200 });
  });

  it('with --public-origin, accepts exactly the configured origins', async () => {
    await server?.close();
    server = await start({ publicOrigins: ['https://phonghop.example:8443'] });
    expect(server.publicOrigins).toEqual(['https://phonghop.example:8443']);
    expect(await login('nhung', 'https://phonghop.example:8443')).toMatchObject({ status: 200 });
    expect(await login('nhung', server.url)).toMatchObject({
      status: 401,
      code: 'login-bad-signature',
    });
  });
});

describe('plain HTTP beyond loopback', () => {
  it('is refused at start without --insecure-http, and leaves the data directory usable', async () => {
    const empty = await mkdtemp(path.join(tmpdir(), 'dienhong-tls-refused-'));
    try {
      const base = { port: 0, dataDir: empty, webRoot: null };
      for (const host of ['0.0.0.0', '::', '10.0.0.5']) {
        await expect(startApp({ ...base, host })).rejects.toBeInstanceOf(UsageError);
      }
      const loopback = await startApp({ ...base, host: '127.0.0.1' });
      const health = await fetch(`${loopback.url}/healthz`);
      expect(health.headers.get('strict-transport-security')).toBeNull();
      // The same loopback listener, as a browser on this machine spells it either way.
      expect(loopback.publicOrigins).toEqual([loopback.url, `http://localhost:${loopback.port}`]);
      await loopback.close();
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });

  it('the server command exits 64 with a usage error, and starts with --insecure-http', async () => {
    const empty = await mkdtemp(path.join(tmpdir(), 'dienhong-tls-cli-'));
    const cli = path.join(repoRoot, 'sync-server/cli.ts');
    const args = ['--import', 'tsx', cli, '--data', empty, '--port', '0', '--no-web'];
    const env = { ...process.env, NODE_OPTIONS: '' };
    try {
      const refused = spawnSync(process.execPath, [...args, '--host', '0.0.0.0'], {
        encoding: 'utf8',
        env,
        timeout: 30_000,
      });
      expect(refused.status).toBe(64);
      expect(refused.stderr).toMatch(/^usage: --host 0\.0\.0\.0 reaches the network.*--tls-cert/);

      const child = spawn(process.execPath, [...args, '--host', '0.0.0.0', '--insecure-http'], {
        env,
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      const exited = new Promise((resolve) => child.once('exit', resolve));
      try {
        const listening = await new Promise<string>((resolve, reject) => {
          let out = '';
          child.stdout.setEncoding('utf8');
          child.stdout.on('data', (chunk: string) => {
            out += chunk;
            const match = /listening on (\S+)/.exec(out);
            if (match?.[1]) resolve(match[1]);
          });
          child.once('exit', (code) => reject(new Error(`exited with ${code}: ${out}`)));
        });
        expect(listening).toMatch(/^http:\/\/0\.0\.0\.0:\d+$/);
      } finally {
        child.kill('SIGTERM');
        await exited;
      }
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});
