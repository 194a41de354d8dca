/**
 * Revocation answers that cannot be used: garbage from an OCSP responder, an OCSP response for
 * another certificate, one whose signer certificate was tampered with, a truncated CRL and a
 * CRL whose signature is broken (each with its own reason in the warning). The real bytes come
 * from the `openssl ocsp` responder and `openssl ca -gencrl`; a fetcher in front corrupts them.
 * Each is "no answer", so the policy for unreachable sources decides: refuse or warn.
 */
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdentityError } from '../../core/identity/errors';
import { buildOcspRequest } from '../../core/identity/ocsp';
import type { RevocationFetcher, RevocationRequest } from '../../core/identity/revocation';
import { nodeRevocationFetcher } from '../../sync-server/identity/revocation-fetcher';
import { createTrustService } from '../../sync-server/identity/trust-service';
import { putTrustAnchor } from '../../sync-server/identity/trust-store';
import { silentLogger } from '../../sync-server/log';
import {
  createRevocationPki,
  TEST_POLICY_OID,
  type PkiMember,
  type RevocationPki,
} from '../helpers/revocation-pki';

let dir: string;
let dataDir: string;
let pki: RevocationPki;
let ocspMember: PkiMember;
let crlMember: PkiMember;
let other: PkiMember;

type Corrupt = (request: RevocationRequest, real: () => Promise<Uint8Array>) => Promise<Uint8Array>;

async function outcome(
  member: PkiMember,
  corrupt: Corrupt,
  unreachable: 'refuse' | 'warn',
  now = new Date(),
) {
  const fetcher: RevocationFetcher = {
    fetch: (request) => corrupt(request, () => nodeRevocationFetcher.fetch(request)),
  };
  const audit = { appendAudit: async () => 0, readAudit: async function* () {} };
  const trust = createTrustService({
    dataDir,
    logger: silentLogger,
    audit,
    fetcher,
    revocation: { signing: { unreachable } },
  });
  const trusted = await trust.check([member.certDer, pki.intermediateDer], 'signing', now);
  try {
    const result = await trust.revocation(trusted, 'signing', now, {});
    return { code: 'accepted', warnings: result.warnings.join(' ') };
  } catch (error) {
    return { code: error instanceof IdentityError ? error.code : String(error), warnings: '' };
  }
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'dienhong-badrev-'));
  pki = await createRevocationPki(path.join(dir, 'pki'));
  dataDir = path.join(dir, 'data');
  await mkdir(dataDir, { recursive: true });
  await putTrustAnchor(dataDir, {
    name: 'CA thứ hai',
    purposes: ['signing'],
    certificatePem: pki.rootPem,
    requiredPolicies: [TEST_POLICY_OID],
  });
  ocspMember = pki.issue('Lê Văn Cường', 'ocsp');
  crlMember = pki.issue('Phạm Thu Dung', 'crl');
  other = pki.issue('Đỗ Quang Giang', 'ocsp');
}, 120_000);

afterAll(async () => {
  await pki?.close();
  await rm(dir, { recursive: true, force: true });
});

const garbage: Corrupt = async () => new TextEncoder().encode('<html>502 Bad Gateway</html>');
const otherSerial: Corrupt = async (request) => {
  // The responder's real answer, but to a request about another certificate.
  const trust = createTrustService({
    dataDir,
    logger: silentLogger,
    audit: { appendAudit: async () => 0, readAudit: async function* () {} },
  });
  const path2 = await trust.check([other.certDer, pki.intermediateDer], 'signing', new Date());
  const body = buildOcspRequest(path2.certificates[0]!, path2.certificates[1]!);
  return nodeRevocationFetcher.fetch({ ...request, body });
};
const truncated: Corrupt = async (_, real) => {
  const bytes = await real();
  return bytes.subarray(0, Math.floor(bytes.length / 2));
};
const brokenSignature: Corrupt = async (_, real) => {
  const bytes = new Uint8Array(await real());
  bytes[bytes.length - 5]! ^= 0xff; // inside the signature value, the last field
  return bytes;
};

describe('unusable revocation answers follow the unreachable policy', () => {
  it.each([
    ['OCSP garbage', () => ocspMember, garbage, /not an OCSP response/],
    ['OCSP for another serial', () => ocspMember, otherSerial, /about another certificate/],
    [
      'OCSP response with a tampered signer',
      () => ocspMember,
      brokenSignature,
      /not signed by the CA or a responder/,
    ],
    ['truncated CRL', () => crlMember, truncated, /CRL is unusable: not a CRL/],
    [
      'CRL with a broken signature',
      () => crlMember,
      brokenSignature,
      /CRL is unusable: it is not signed by/,
    ],
  ] as const)('%s', async (_, member, corrupt, why) => {
    expect((await outcome(member(), corrupt, 'refuse')).code).toBe('cert-revocation-unreachable');
    const warned = await outcome(member(), corrupt, 'warn');
    expect(warned.code).toBe('accepted');
    expect(warned.warnings).toMatch(why);
  });

  it('stale answers (nextUpdate long past, judged three days later) are out of date', async () => {
    // The CRL and the responder's answers carry nextUpdate about a day ahead; the certificates
    // stay valid for 30 days, so only the answers' age is judged.
    const later = new Date(Date.now() + 3 * 86_400_000);
    const real: Corrupt = (_, fetchReal) => fetchReal();
    for (const member of [ocspMember, crlMember]) {
      expect((await outcome(member, real, 'refuse', later)).code).toBe(
        'cert-revocation-unreachable',
      );
      expect((await outcome(member, real, 'warn', later)).warnings).toMatch(/out of date/);
    }
  });

  it('the same members are good with the real answers', async () => {
    const real: Corrupt = (_, fetchReal) => fetchReal();
    expect((await outcome(ocspMember, real, 'refuse')).code).toBe('accepted');
    expect((await outcome(crlMember, real, 'refuse')).code).toBe('accepted');
  });
});
