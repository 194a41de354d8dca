/**
 * The admin CLI enrols members by their own certificates (PEM and DER .cer) of a second CA and
 * manages the trust list; bad input gets a stable code and changes nothing.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAdmin } from '../../sync-server/admin/cli';
import {
  createRevocationPki,
  TEST_POLICY_OID,
  type RevocationPki,
} from '../helpers/revocation-pki';

let dir: string;
let dataDir: string;
let pki: RevocationPki;

async function admin(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runAdmin(
    ['--data', dataDir, ...argv],
    (l) => out.push(l),
    (l) => err.push(l),
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'dienhong-admin-trust-'));
  dataDir = path.join(dir, 'data');
  pki = await createRevocationPki(path.join(dir, 'pki'));
  expect((await admin('ca', 'init')).code).toBe(0);
  await writeFile(path.join(dir, 'root.pem'), pki.rootPem);
  await writeFile(path.join(dir, 'int.pem'), pki.intermediatePem);
}, 120_000);

afterAll(async () => {
  await pki?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('admin trust and member add-cert', () => {
  it('adds a CA for signing only with a required policy, and lists it beside the own CA', async () => {
    const added = await admin(
      'trust',
      'add',
      '--name',
      'Ban Cơ yếu thử',
      '--cert',
      path.join(dir, 'root.pem'),
      '--purpose',
      'signing',
      '--policy',
      TEST_POLICY_OID,
    );
    expect(added.code).toBe(0);
    expect(JSON.parse(added.out)).toMatchObject({ name: 'Ban Cơ yếu thử', purposes: ['signing'] });
    const listed = (await admin('trust', 'list')).out.split('\n').map((l) => JSON.parse(l));
    expect(listed.map((a) => [a.name, a.purposes])).toEqual([
      ['Ban Cơ yếu thử', ['signing']],
      ['own-ca', ['login', 'signing']],
    ]);
  });

  it('enrols a new member by a PEM certificate and shows subject, issuer, serial, validity, policies', async () => {
    const member = pki.issue('Trần Thị Bình', 'ocsp+crl');
    await writeFile(path.join(dir, 'binh.pem'), member.certPem);
    const run = await admin(
      'member',
      'add-cert',
      '--member',
      'binh',
      '--name',
      'Trần Thị Bình',
      '--email',
      'binh@example.vn',
      '--cert',
      path.join(dir, 'binh.pem'),
      '--chain',
      path.join(dir, 'int.pem'),
    );
    expect(run.err).toBe('');
    const answer = JSON.parse(run.out);
    expect(answer.certificate.subjectCommonName).toBe('Trần Thị Bình');
    expect(answer.certificate.issuer).toContain('CN=Trung gian thử nghiệm');
    expect(answer.certificate.serial).toMatch(/^[0-9a-f]+$/);
    expect(Date.parse(answer.certificate.notAfter)).toBeGreaterThan(Date.now());
    expect(answer.certificate.policies).toEqual([TEST_POLICY_OID]);
    // Trusted for signing by the new anchor; not for login, which that anchor is not listed for.
    expect(answer.trustedFor).toEqual(['signing']);
    expect(answer.refusals).toEqual({ login: 'cert-chain-incomplete' });
  });

  it('adds a renewal as DER .cer to an existing member, and refuses it twice', async () => {
    const renewal = pki.issue('Trần Thị Bình', 'crl');
    execFileSync('openssl', ['x509', '-outform', 'DER', '-out', path.join(dir, 'binh2.cer')], {
      input: renewal.certPem,
    });
    const first = await admin(
      'member',
      'add-cert',
      '--member',
      'binh',
      '--cert',
      path.join(dir, 'binh2.cer'),
    );
    expect(first.code).toBe(0);
    const again = await admin(
      'member',
      'add-cert',
      '--member',
      'binh',
      '--cert',
      path.join(dir, 'binh2.cer'),
    );
    expect(again.code).toBe(2);
    expect(again.err).toContain('[certificate-taken]');
  });

  it('refuses a file that is no certificate, and an unknown member without --name', async () => {
    await writeFile(path.join(dir, 'junk.pem'), 'not a certificate');
    const junk = await admin(
      'member',
      'add-cert',
      '--member',
      'x',
      '--cert',
      path.join(dir, 'junk.pem'),
    );
    expect(junk.code).toBe(2);
    expect(junk.err).toContain('[cert-malformed]');
    const member = pki.issue('Lê Văn Cường', 'ocsp');
    await writeFile(path.join(dir, 'cuong.pem'), member.certPem);
    const unknown = await admin(
      'member',
      'add-cert',
      '--member',
      'nobody',
      '--cert',
      path.join(dir, 'cuong.pem'),
    );
    expect(unknown.err).toContain('[member-not-found]');
    expect((await admin('member', 'list')).out).not.toContain('nobody');
  });

  it('caches an intermediate and removes an anchor', async () => {
    const cached = await admin('trust', 'add-intermediate', '--cert', path.join(dir, 'int.pem'));
    expect(cached.out).toMatch(/^cached intermediate [0-9a-f]{64}$/);
    expect((await admin('trust', 'remove', '--name', 'Ban Cơ yếu thử')).out).toBe(
      'removed Ban Cơ yếu thử',
    );
    const file = await readFile(path.join(dataDir, 'trust', 'trust-list.json'), 'utf8');
    expect(JSON.parse(file)).toEqual({ version: 1, anchors: [] });
  });
});
