/**
 * PAdES B-T through the real server: the secretary's signature (made here as the web/desktop
 * client makes it) is accepted, timestamped by a real OpenSSL TSA into its own placeholder and
 * stored as the current PDF, judged by pdfsig, qpdf and pyHanko; the chair co-signs onto it.
 * Each TSA failure gives its own code under --tsa-unreachable refuse, and sign-b-b accepts
 * the signature as B-B, in the audit log.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { MinutesState } from '../../core/api/minutes';
import { certificateDerFromPem, parseP12 } from '../../core/identity';
import { sharedDocName } from '../../core/docs/names';
import { sharedMinutesDraft } from '../../core/docs/shared';
import { signPdf, verifyPdfSignatures } from '../../core/signing';
import { loadTrustedCas } from '../../sync-server/identity/data-dir';
import { putTrustAnchor } from '../../sync-server/identity/trust-store';
import { nodeCryptoServices, nodeRsaSigner } from '../../sync-server/crypto/node-crypto';
import type { TimestampSettings } from '../../sync-server/config';
import { type TestTsaServer, type TsaMode, startTsaServer } from '../../tools/harness/tsa-server';
import {
  CHAIR_SECRETARY_DELEGATE,
  MEETING_ID,
  PASSWORD,
  startTestApp,
  type TestApp,
} from '../helpers/app';
import { createJudges, type Judges } from '../helpers/pdf-judges';
import { connectClient, waitFor } from '../helpers/server';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const base = `/api/meetings/${MEETING_ID}`;
let tsa: TestTsaServer;
let tsaDir: string;

interface Room {
  app: TestApp;
  tokens: Record<string, string>;
  finalPdf: Uint8Array;
}

const logged: { level: string; event: string; fields: Record<string, unknown> }[] = [];
const logger = {
  log: (level: string, event: string, fields: Record<string, unknown> = {}) =>
    void logged.push({ level, event, fields }),
};

async function openRoom(timestamps: TimestampSettings): Promise<Room> {
  const app = await startTestApp(CHAIR_SECRETARY_DELEGATE, { timestamps, logger });
  await putTrustAnchor(app.dataDir, {
    name: 'Test TSA CA',
    purposes: ['timestamping'],
    certificatePem: tsa.caPem,
    requiredPolicies: [],
  });
  const tokens: Record<string, string> = {};
  for (const id of ['nhung', 'sy', 'dung']) tokens[id] = await app.login(id);
  const client = connectClient(app.syncUrl, sharedDocName(MEETING_ID), tokens.sy ?? '');
  await client.synced;
  const para = new Y.XmlElement('paragraph');
  sharedMinutesDraft(client.doc).insert(0, [para]);
  para.insert(0, [new Y.XmlText('Kết luận: Thống nhất chương trình họp.')]);
  const reader = connectClient(app.syncUrl, sharedDocName(MEETING_ID), tokens.dung ?? '');
  await reader.synced;
  await waitFor(() => sharedMinutesDraft(reader.doc).length === 1, 'the draft to reach the server');
  client.destroy();
  reader.destroy();
  const room: Room = { app, tokens, finalPdf: new Uint8Array() };
  const res = await post(room, '/minutes/finalize', 'sy');
  expect(res.status).toBe(201);
  const state = (await res.json()) as MinutesState;
  room.finalPdf = await download(room, state.pdfSha256 ?? '');
  return room;
}

function post(room: Room, path: string, who: string, json?: unknown) {
  return room.app.api(`${base}${path}`, {
    method: 'POST',
    token: room.tokens[who] ?? '',
    ...(json === undefined ? {} : { body: JSON.stringify(json) }),
  });
}

async function download(room: Room, sha256: string): Promise<Uint8Array> {
  const res = await room.app.api(`${base}/blobs/${sha256}`, { token: room.tokens.dung ?? '' });
  expect(res.status).toBe(200);
  return new Uint8Array(await res.arrayBuffer());
}

/** Signs as `member` (the app's own way: core signPdf, default placeholder) and submits it. */
async function signAndSubmit(room: Room, member: string, pdf: Uint8Array, field: string) {
  const parsed = parseP12(room.app.p12.get(member) ?? new Uint8Array(), PASSWORD);
  const chain = [parsed.certificatePem, ...parsed.chainPem].map((p) => certificateDerFromPem(p));
  const signed = await signPdf({
    pdf,
    signer: nodeRsaSigner(parsed.privateKeyPem, chain),
    hasher: nodeCryptoServices,
    fieldName: field,
    name: parsed.subjectName,
    signingTime: new Date(),
  });
  const hash = sha(signed);
  const put = await room.app.api(`${base}/blobs/${hash}`, {
    method: 'PUT',
    token: room.tokens[member] ?? '',
    headers: { 'Content-Type': 'application/pdf' },
    body: signed as Uint8Array<ArrayBuffer>,
  });
  expect(put.status).toBe(201);
  return { hash, res: await post(room, '/minutes/signatures', member, { sha256: hash, field }) };
}

const settings = (over: Partial<TimestampSettings> = {}): TimestampSettings => ({
  url: tsa.url,
  timeoutMs: 1_000,
  unreachable: 'refuse',
  ...over,
});

beforeAll(async () => {
  tsaDir = mkdtempSync(join(tmpdir(), 'dienhong-tsa-server-'));
  tsa = await startTsaServer({ dir: tsaDir });
});
afterAll(() => tsa.close());

describe('B-T through the server', () => {
  let room: Room;
  let judges: Judges;
  beforeAll(async () => {
    room = await openRoom(settings());
    const [ca] = await loadTrustedCas(room.app.dataDir);
    judges = createJudges(mkdtempSync(join(tmpdir(), 'bt-judges-')), (ca ?? '') + tsa.caPem);
  });
  afterAll(() => room.app.close());

  it.each<[TsaMode, number, string]>([
    ['close', 503, 'tsa-unreachable'],
    ['refuse', 502, 'tsa-refused'],
    ['wrong-nonce', 502, 'tsa-wrong-nonce'],
    ['wrong-imprint', 502, 'tsa-wrong-imprint'],
    ['untrusted', 502, 'tsa-untrusted'],
  ])('TSA mode %s: refused with %i %s, nothing recorded', async (mode, status, code) => {
    tsa.mode = mode;
    const { res } = await signAndSubmit(room, 'sy', room.finalPdf, 'secretary');
    tsa.mode = 'ok';
    expect(res.status).toBe(status);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
    const state = (await (
      await room.app.api(`${base}/minutes`, { token: room.tokens.dung ?? '' })
    ).json()) as MinutesState;
    expect(state.status).toBe('final');
    expect(state.signatures).toEqual([]);
  });

  it('timestamps the accepted signature; the judges accept it, and the chair co-signs', async () => {
    tsa.mode = 'ok';
    const { hash, res } = await signAndSubmit(room, 'sy', room.finalPdf, 'secretary');
    expect(res.status).toBe(200);
    const state = (await res.json()) as MinutesState;
    expect(state.pdfSha256).not.toBe(hash); // the timestamped file, not the upload
    const stamped = await download(room, state.pdfSha256 ?? '');
    const [report] = await verifyPdfSignatures(stamped, {
      crypto: nodeCryptoServices,
      trustedCaPem: await loadTrustedCas(room.app.dataDir),
      trustedTimestampCaPem: [tsa.caPem],
    });
    // The server appended the DSS after timestamping (B-LT): a permitted later revision.
    expect(report?.verdict).toBe('valid-with-permitted-changes');
    expect(report?.timestamp?.status).toBe('valid');
    expect(report?.level).toBe('B-LT');
    expect(state.signatures[0]?.acceptedAt).toBe(report?.timestamp?.time?.toISOString());

    const { res: coRes } = await signAndSubmit(room, 'nhung', stamped, 'chair');
    expect(coRes.status).toBe(200);
    const signedState = (await coRes.json()) as MinutesState;
    const both = await download(room, signedState.pdfSha256 ?? '');
    const path = join(judges.dir, 'bt-both.pdf');
    writeFileSync(path, both);
    expect(judges.pdfsig(path).map((e) => e.validation)).toEqual([
      'Signature is Valid.',
      'Signature is Valid.',
    ]);
    expect(judges.qpdfCheck(path)).toBe(0);
    const hanko = judges.pyhanko(path);
    expect(hanko.map((e) => [e.fieldName, e.intact, e.trusted])).toEqual([
      ['secretary', true, true],
      ['chair', true, true],
    ]);
    const reports = await verifyPdfSignatures(both, {
      crypto: nodeCryptoServices,
      trustedCaPem: await loadTrustedCas(room.app.dataDir),
      trustedTimestampCaPem: [tsa.caPem],
    });
    expect(reports.map((r) => [r.fieldName, r.verdict, r.timestamp?.status, r.level])).toEqual([
      ['secretary', 'valid-with-permitted-changes', 'valid', 'B-LT'],
      ['chair', 'valid-with-permitted-changes', 'valid', 'B-LT'],
    ]);
  });
});

describe('--tsa-unreachable sign-b-b', () => {
  it('accepts the signature as B-B when the TSA is down, and logs it', async () => {
    const room = await openRoom(settings({ unreachable: 'sign-b-b' }));
    try {
      tsa.mode = 'close';
      const { hash, res } = await signAndSubmit(room, 'sy', room.finalPdf, 'secretary');
      tsa.mode = 'ok';
      expect(res.status).toBe(200);
      const state = (await res.json()) as MinutesState;
      expect(state.pdfSha256).toBe(hash);
      expect(logged).toContainEqual({
        level: 'warn',
        event: 'minutes.timestamp.missing',
        fields: expect.objectContaining({ field: 'secretary', code: 'tsa-unreachable' }),
      });
    } finally {
      tsa.mode = 'ok';
      await room.app.close();
    }
  });
});
