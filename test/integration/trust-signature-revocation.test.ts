/**
 * "Its signature verifies as revoked": minutes signed by members of a second CA (openssl, real
 * `openssl ocsp` responder and CRLs), checked by `admin verify --data` through the data
 * directory's signing trust. Revoked before the claimed signing time is the verdict "revoked";
 * revoked after it stays valid with a note; an unreachable responder follows the signing
 * policy (refuse by default: trust unknown; warn: valid, marked not checked).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutlineTextPainter, signPdf } from '../../core/signing';
import { type VerifyOutput, runVerifyCommand } from '../../sync-server/admin/verify';
import { nodeCryptoServices, nodeRsaSigner } from '../../sync-server/crypto/node-crypto';
import { putTrustAnchor } from '../../sync-server/identity/trust-store';
import { dejavuSans } from '../helpers/minutes-fonts';
import {
  createRevocationPki,
  TEST_POLICY_OID,
  type PkiMember,
  type RevocationPki,
} from '../helpers/revocation-pki';

const font = createOutlineTextPainter(dejavuSans());
let dir: string;
let dataDir: string;
let pki: RevocationPki;
let base: Uint8Array;
let t0: Date;

const at = (ms: number) => new Date(t0.getTime() + ms);

/** Issues "now" and signs from then on: a signing time before notBefore has no valid path. */
function issue(...args: Parameters<RevocationPki['issue']>): PkiMember {
  const member = pki.issue(...args);
  t0 = new Date();
  return member;
}

async function signedFile(member: PkiMember, signingTime: Date, name: string): Promise<string> {
  const signed = await signPdf({
    pdf: base,
    signer: nodeRsaSigner(member.keyPem, [member.certDer, pki.intermediateDer]),
    hasher: nodeCryptoServices,
    fieldName: 'secretary',
    name: member.name,
    role: 'Thư ký',
    reason: 'Ha Noi',
    signingTime,
    utcOffsetMinutes: 420,
    drawText: font,
    contentsSize: 12_000,
  });
  const file = path.join(dir, name);
  await writeFile(file, signed);
  return file;
}

async function verify(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runVerifyCommand(args, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
  });
  const json = JSON.parse(stdout) as VerifyOutput;
  return { code, stderr, json, signature: json.signatures[0]! };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'dienhong-sigrev-'));
  pki = await createRevocationPki(path.join(dir, 'pki'));
  dataDir = path.join(dir, 'data');
  await mkdir(dataDir, { recursive: true });
  await putTrustAnchor(dataDir, {
    name: 'CA thứ hai',
    purposes: ['signing'],
    certificatePem: pki.rootPem,
    requiredPolicies: [TEST_POLICY_OID],
  });
  const doc = await PDFDocument.create();
  doc.addPage([595, 842]);
  base = new Uint8Array(await doc.save({ useObjectStreams: false }));
}, 120_000);

afterAll(async () => {
  await pki?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('admin verify --data: the signer revocation', () => {
  it('a good certificate verifies valid, revocation good', async () => {
    const member = issue('Trần Thị Bình', 'ocsp+crl');
    const file = await signedFile(member, t0, 'good.pdf');
    const { code, json, signature } = await verify(file, '--data', dataDir);
    expect(signature.revocation).toMatchObject({ status: 'good', revokedAt: null });
    expect(json.verdict).toBe('valid');
    expect(code).toBe(0);
  });

  it.each([
    ['OCSP', 'ocsp'],
    ['CRL', 'crl'],
  ] as const)(
    'revoked (%s): after the revocation time "revoked", before it valid with a note',
    async (_, sources) => {
      const member = issue(`Lê Văn Cường ${sources}`, sources);
      const before = await signedFile(member, t0, `before-${sources}.pdf`);
      const after = await signedFile(member, at(120_000), `after-${sources}.pdf`);
      const revokedAt = at(60_000);
      await pki.revoke(member, { at: revokedAt });
      const expectedAt = new Date(Math.floor(revokedAt.getTime() / 1000) * 1000).toISOString();

      const late = await verify(after, '--data', dataDir);
      expect(late.signature.revocation).toMatchObject({ status: 'revoked', revokedAt: expectedAt });
      expect(late.signature.verdict).toBe('revoked');
      expect(late.json.verdict).toBe('revoked');
      expect(late.code).toBe(1);
      expect(late.stderr).toMatch(/revoked/);

      const early = await verify(before, '--data', dataDir);
      expect(early.signature.revocation).toMatchObject({
        status: 'revoked-after-signing',
        revokedAt: expectedAt,
      });
      expect(early.signature.problems.join(' ')).toMatch(/after the claimed signing time/);
      expect(early.json.verdict).toBe('valid');
      expect(early.code).toBe(0);
    },
  );

  it('an unreachable responder follows the signing policy', async () => {
    const member = issue('Vũ Thị Hà', 'dead');
    const file = await signedFile(member, t0, 'dead.pdf');
    const refused = await verify(file, '--data', dataDir);
    expect(refused.signature.revocation).toMatchObject({ status: 'not-checked', policy: 'refuse' });
    expect(refused.signature.verdict).toBe('trust-unknown');
    expect(refused.code).toBe(1);
    const warned = await verify(file, '--data', dataDir, '--revocation-unreachable', 'warn');
    expect(warned.signature.revocation).toMatchObject({ status: 'not-checked', policy: 'warn' });
    expect(warned.signature.verdict).toBe('valid');
    expect(warned.code).toBe(0);
  });

  it('without --data, revocation is reported as not checked and does not change the verdict', async () => {
    const member = issue('Hoàng Minh Em', 'ocsp');
    const file = await signedFile(member, t0, 'offline.pdf');
    const { signature } = await verify(file, '--ca', path.join(dir, 'pki', 'root.pem'));
    expect(signature.revocation).toMatchObject({ status: 'not-checked', policy: null });
  });
});
