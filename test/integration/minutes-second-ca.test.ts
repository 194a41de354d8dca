/**
 * A secretary enrolled by a certificate of a second, independent CA (root → intermediate, real
 * OCSP responder) signs the minutes through the real server: accepted. A signature by a revoked
 * certificate of the same CA is refused as revoked and changes nothing.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { MinutesState } from '../../core/api/minutes';
import { sharedDocName } from '../../core/docs/names';
import { sharedMinutesDraft } from '../../core/docs/shared';
import { certificateInfo } from '../../core/identity/certificate';
import { createOutlineTextPainter, signPdf } from '../../core/signing';
import { withAdminContext } from '../../sync-server/admin/context';
import { nodeCryptoServices, nodeRsaSigner } from '../../sync-server/crypto/node-crypto';
import { putTrustAnchor } from '../../sync-server/identity/trust-store';
import { MEETING_ID, startTestApp, type TestApp } from '../helpers/app';
import { dejavuSans } from '../helpers/minutes-fonts';
import { createRevocationPki, type PkiMember, type RevocationPki } from '../helpers/revocation-pki';
import { signChallengeFor } from '../helpers/pki2-login';
import { connectClient, waitFor } from '../helpers/server';

let app: TestApp;
let pki: RevocationPki;
let pkiDir: string;
let secretary: PkiMember;
let revoked: PkiMember;
let token = '';
const base = `/api/meetings/${MEETING_ID}`;
const font = createOutlineTextPainter(dejavuSans());
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

beforeAll(async () => {
  pkiDir = await mkdtemp(path.join(tmpdir(), 'dienhong-pki2-minutes-'));
  pki = await createRevocationPki(pkiDir);
  secretary = pki.issue('Trần Thị Bình', 'ocsp+crl');
  revoked = pki.issue('Lê Văn Cường', 'ocsp');
  await pki.revoke(revoked);
  app = await startTestApp([{ id: 'nhung', name: 'Trần Thị Hồng Nhung', role: 'chair' }]);
  await app.restart({}, async () => {
    await putTrustAnchor(app.dataDir, {
      name: 'CA thứ hai',
      purposes: ['login', 'signing'],
      certificatePem: pki.rootPem,
      requiredPolicies: [],
    });
    await withAdminContext(app.dataDir, async (ctx) => {
      await ctx.members.add({
        id: 'binh',
        name: secretary.name,
        email: 'binh@pki2.example',
        isAdmin: false,
        certificates: [certificateInfo(secretary.certDer).fingerprintSha256Hex],
      });
      await ctx.meetings.setRole(MEETING_ID, 'binh', 'secretary');
    });
  });
  token = await signChallengeFor(app, secretary, pki.intermediateDer);
}, 120_000);

afterAll(async () => {
  await app?.close();
  await pki?.close();
  if (pkiDir) await rm(pkiDir, { recursive: true, force: true });
});

const post = (p: string, json?: unknown) =>
  app.api(`${base}${p}`, {
    method: 'POST',
    token,
    ...(json === undefined ? {} : { body: JSON.stringify(json) }),
  });

async function upload(bytes: Uint8Array): Promise<string> {
  const hash = sha(bytes);
  const res = await app.api(`${base}/blobs/${hash}`, {
    method: 'PUT',
    token,
    headers: { 'Content-Type': 'application/pdf' },
    body: bytes as Uint8Array<ArrayBuffer>,
  });
  expect(res.status).toBe(201);
  return hash;
}

const signAs = (member: PkiMember, pdf: Uint8Array) =>
  signPdf({
    pdf,
    signer: nodeRsaSigner(member.keyPem, [member.certDer, pki.intermediateDer]),
    hasher: nodeCryptoServices,
    fieldName: 'secretary',
    name: member.name,
    role: 'Thư ký',
    reason: 'Ha Noi',
    signingTime: new Date(),
    utcOffsetMinutes: 420,
    drawText: font,
    contentsSize: 12_000,
  });

describe('minutes signed with a certificate of a second CA', () => {
  it('refuses a revoked signer, then accepts the enrolled secretary', async () => {
    const client = connectClient(app.syncUrl, sharedDocName(MEETING_ID), token);
    await client.synced;
    const para = new Y.XmlElement('paragraph');
    sharedMinutesDraft(client.doc).insert(0, [para]);
    para.insert(0, [new Y.XmlText('Kết luận: Thống nhất chương trình họp.')]);
    const reader = connectClient(app.syncUrl, sharedDocName(MEETING_ID), token);
    await reader.synced;
    await waitFor(
      () => sharedMinutesDraft(reader.doc).length === 1,
      'the draft to reach the server',
    );
    client.destroy();
    reader.destroy();
    const finalized = await post('/minutes/finalize');
    expect(finalized.status).toBe(201);
    const state = (await finalized.json()) as MinutesState;
    const pdfRes = await app.api(`${base}/blobs/${state.pdfSha256}`, { token });
    const finalPdf = new Uint8Array(await pdfRes.arrayBuffer());

    const bad = await upload(await signAs(revoked, finalPdf));
    const refused = await post('/minutes/signatures', { sha256: bad, field: 'secretary' });
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe(
      'minutes-certificate-revoked',
    );

    const good = await upload(await signAs(secretary, finalPdf));
    const accepted = await post('/minutes/signatures', { sha256: good, field: 'secretary' });
    expect(accepted.status).toBe(200);
    expect(((await accepted.json()) as MinutesState).pdfSha256).toBe(good);
  });
});
