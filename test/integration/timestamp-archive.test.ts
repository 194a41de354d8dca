/**
 * PAdES B-LTA renewal on real signed minutes: signed (secretary, chair) through the server with
 * a TSA whose certificate lasts 30 days, so the file is verifiable for less than the 90-day
 * window. With the server stopped, `admin timestamp-archive` against a TSA that fails changes
 * nothing and says so; the same TSA gains nothing (its certificate ends no later) and nothing
 * is kept; then the server's scheduled job with a TSA on a 10-year certificate adds one document
 * timestamp, stores and audits it, and a second pass (and the CLI afterwards) adds none.
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
import { readDss } from '../../core/signing/dss';
import { runAdmin } from '../../sync-server/admin/cli';
import type { TimestampSettings } from '../../sync-server/config';
import { nodeCryptoServices, nodeRsaSigner } from '../../sync-server/crypto/node-crypto';
import { loadTrustedCas } from '../../sync-server/identity/data-dir';
import { putTrustAnchor } from '../../sync-server/identity/trust-store';
import { openStore } from '../../sync-server/store/open';
import { type TestTsaServer, startTsaServer } from '../../tools/harness/tsa-server';
import {
  CHAIR_SECRETARY_DELEGATE,
  MEETING_ID,
  PASSWORD,
  startTestApp,
  type TestApp,
} from '../helpers/app';
import { createJudges } from '../helpers/pdf-judges';
import { connectClient, waitFor } from '../helpers/server';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const base = `/api/meetings/${MEETING_ID}`;
const settings = (tsa: TestTsaServer): TimestampSettings => ({
  url: tsa.url,
  timeoutMs: 2_000,
  unreachable: 'refuse',
});
// The job's timer never fires in the test: passes run through runNow().
const job = { firstDelayMs: 3_600_000, intervalMs: 3_600_000, now: () => new Date() };

let shortTsa: TestTsaServer;
let longTsa: TestTsaServer;
let app: TestApp;
const tokens: Record<string, string> = {};

function post(path: string, who: string, json?: unknown) {
  return app.api(`${base}${path}`, {
    method: 'POST',
    token: tokens[who] ?? '',
    ...(json === undefined ? {} : { body: JSON.stringify(json) }),
  });
}

async function minutes(): Promise<MinutesState> {
  return (await (
    await app.api(`${base}/minutes`, { token: tokens.dung ?? '' })
  ).json()) as MinutesState;
}

async function download(sha256: string): Promise<Uint8Array> {
  const res = await app.api(`${base}/blobs/${sha256}`, { token: tokens.dung ?? '' });
  expect(res.status).toBe(200);
  return new Uint8Array(await res.arrayBuffer());
}

async function signAndSubmit(
  member: string,
  pdf: Uint8Array,
  field: string,
): Promise<MinutesState> {
  const parsed = parseP12(app.p12.get(member) ?? new Uint8Array(), PASSWORD);
  const chain = [parsed.certificatePem, ...parsed.chainPem].map((p) => certificateDerFromPem(p));
  const signed = await signPdf({
    pdf,
    signer: nodeRsaSigner(parsed.privateKeyPem, chain),
    hasher: nodeCryptoServices,
    fieldName: field,
    name: parsed.subjectName,
    signingTime: new Date(),
  });
  const put = await app.api(`${base}/blobs/${sha(signed)}`, {
    method: 'PUT',
    token: tokens[member] ?? '',
    headers: { 'Content-Type': 'application/pdf' },
    body: signed as Uint8Array<ArrayBuffer>,
  });
  expect(put.status).toBe(201);
  const res = await post('/minutes/signatures', member, { sha256: sha(signed), field });
  expect(res.status).toBe(200);
  return (await res.json()) as MinutesState;
}

async function verify(pdf: Uint8Array) {
  return verifyPdfSignatures(pdf, {
    crypto: nodeCryptoServices,
    trustedCaPem: await loadTrustedCas(app.dataDir),
    trustedTimestampCaPem: [shortTsa.caPem, longTsa.caPem],
  });
}

/** `admin timestamp-archive` in-process with the server stopped; answers exit code and lines. */
async function cli(tsa: TestTsaServer) {
  const out: string[] = [];
  const err: string[] = [];
  let code = -1;
  await app.restart({}, async () => {
    // Through the admin CLI's entry, as `npm run admin -- timestamp-archive …` runs it.
    code = await runAdmin(
      [
        'timestamp-archive',
        '--data',
        app.dataDir,
        '--tsa-url',
        tsa.url,
        '--tsa-timeout-ms',
        '2000',
      ],
      (line) => out.push(line),
      (line) => err.push(line),
    );
  });
  for (const who of ['nhung', 'sy', 'dung']) tokens[who] = await app.login(who);
  return {
    code,
    reports: out.map((l) => JSON.parse(l) as Record<string, unknown>),
    err: err.join(''),
  };
}

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dienhong-archive-'));
  shortTsa = await startTsaServer({ dir: join(dir, 'short'), tsaDays: 30 });
  longTsa = await startTsaServer({ dir: join(dir, 'long'), tsaDays: 3650 });
  app = await startTestApp(CHAIR_SECRETARY_DELEGATE, { timestamps: settings(shortTsa) });
  for (const [name, tsa] of [
    ['Short TSA CA', shortTsa],
    ['Long TSA CA', longTsa],
  ] as const)
    await putTrustAnchor(app.dataDir, {
      name,
      purposes: ['timestamping'],
      certificatePem: tsa.caPem,
      requiredPolicies: [],
    });
  for (const who of ['nhung', 'sy', 'dung']) tokens[who] = await app.login(who);
  const client = connectClient(app.syncUrl, sharedDocName(MEETING_ID), tokens.sy ?? '');
  await client.synced;
  const para = new Y.XmlElement('paragraph');
  sharedMinutesDraft(client.doc).insert(0, [para]);
  para.insert(0, [new Y.XmlText('Kết luận: Lưu trữ biên bản.')]);
  await waitFor(() => sharedMinutesDraft(client.doc).length === 1, 'the draft');
  await new Promise((r) => setTimeout(r, 200));
  client.destroy();
  const res = await post('/minutes/finalize', 'sy');
  expect(res.status).toBe(201);
  const final = await download(((await res.json()) as MinutesState).pdfSha256 ?? '');
  const once = await signAndSubmit('sy', final, 'secretary');
  const twice = await signAndSubmit('nhung', await download(once.pdfSha256 ?? ''), 'chair');
  expect(twice.status).toBe('signed');
}, 120_000);

afterAll(async () => {
  await app?.close();
  await shortTsa?.close();
  await longTsa?.close();
});

describe('B-LTA renewal of archived minutes', () => {
  it('a TSA failure changes nothing for the meeting and is reported (exit 1)', async () => {
    const before = await minutes();
    longTsa.mode = 'close';
    const run = await cli(longTsa);
    longTsa.mode = 'ok';
    expect(run.code).toBe(1);
    expect(run.reports).toMatchObject([{ meetingId: MEETING_ID, result: 'tsa-failed' }]);
    expect(run.err).toContain('tsa-failed');
    expect(await minutes()).toEqual(before);
  }, 60_000);

  it('a TSA whose certificate ends no later gains nothing: nothing is kept', async () => {
    const before = await minutes();
    const run = await cli(shortTsa);
    expect(run.code).toBe(0);
    expect(run.reports).toMatchObject([{ meetingId: MEETING_ID, result: 'not-extended' }]);
    expect(await minutes()).toEqual(before);
  }, 60_000);

  it('the scheduled job adds one document timestamp (B-LTA); a second pass adds none', async () => {
    const before = await minutes();
    const previous = await download(before.pdfSha256 ?? '');
    expect((await verify(previous)).map((r) => r.level)).toEqual(['B-LT', 'B-LT']);

    await app.restart({ timestamps: settings(longTsa), archiveTimestampDays: 90, archiveJob: job });
    for (const who of ['nhung', 'sy', 'dung']) tokens[who] = await app.login(who);
    const jobNow = app.server.archiveJob;
    expect(jobNow).not.toBeNull();
    const first = await jobNow?.runNow();
    expect(first).toMatchObject([{ meetingId: MEETING_ID, result: 'renewed' }]);

    const after = await minutes();
    expect(after.status).toBe('signed');
    expect(after.signatures).toEqual(before.signatures);
    expect(after.pdfSha256).toBe(first?.[0]?.sha256);
    const renewed = await download(after.pdfSha256 ?? '');
    expect(renewed.subarray(0, previous.length)).toEqual(previous); // append-only
    // The superseded timestamps' validation data went into the DSS first (their TSA's chain).
    const tsaCa = certificateDerFromPem(shortTsa.caPem);
    const has = (certs: readonly Uint8Array[]) =>
      certs.some((c) => Buffer.from(c).equals(Buffer.from(tsaCa)));
    expect(has((await readDss(previous)).certificates)).toBe(false);
    expect(has((await readDss(renewed)).certificates)).toBe(true);
    const reports = await verify(renewed);
    expect(reports.map((r) => [r.fieldName, r.verdict, r.level])).toEqual([
      ['secretary', 'valid-with-permitted-changes', 'B-LTA'],
      ['chair', 'valid-with-permitted-changes', 'B-LTA'],
      ['DocTimeStamp1', expect.any(String), undefined],
    ]);
    const until = reports[0]?.verifiableUntil?.getTime() ?? 0;
    expect(until).toBeGreaterThan(Date.now() + 3000 * 86_400_000);

    const second = await jobNow?.runNow();
    expect(second).toMatchObject([{ meetingId: MEETING_ID, result: 'not-due' }]);
    expect((await minutes()).pdfSha256).toBe(after.pdfSha256);

    const judgesDir = mkdtempSync(join(tmpdir(), 'archive-judges-'));
    const judges = createJudges(
      judgesDir,
      (await loadTrustedCas(app.dataDir)).join('') + longTsa.caPem + shortTsa.caPem,
    );
    const path = join(judgesDir, 'renewed.pdf');
    writeFileSync(path, renewed);
    expect(judges.qpdfCheck(path)).toBe(0);
    expect(
      judges
        .pyhanko(path)
        .filter((e) => e.fieldName !== 'DocTimeStamp1')
        .map((e) => e.intact && e.trusted),
    ).toEqual([true, true]);

    // The CLI afterwards: nothing due, exit 0. The audit log holds the renewal.
    const cliRun = await cli(longTsa);
    expect(cliRun.code).toBe(0);
    expect(cliRun.reports).toMatchObject([{ result: 'not-due' }]);
    await app.restart({}, async () => {
      const store = await openStore(app.dataDir);
      try {
        const renewals: unknown[] = [];
        for await (const e of store.readAudit(0, 100_000)) {
          const v = e.value as { action?: string; result?: string };
          if (v.action === 'minutes.archive-timestamp' && v.result === 'renewed') renewals.push(v);
        }
        expect(renewals).toHaveLength(1);
      } finally {
        await store.close();
      }
    });
  }, 120_000);
});
