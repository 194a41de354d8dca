/**
 * A small PKI for tests (here and in other modules' tests): an organisation CA and one member
 * with a Vietnamese name. Keys come from forgeKeyPairGenerator, which is native in Node.
 */
import { createCa, issueMemberCertificate, type CertificateWithKey } from './ca';

export interface TestPki {
  now: Date;
  ca: CertificateWithKey;
  member: CertificateWithKey;
}

export const TEST_MEMBER_NAME = 'Nguyễn Tiến Sỹ';
export const TEST_MEMBER_EMAIL = 'sy.nt@quochoi.vn';

export async function makeTestPki(now = new Date('2026-06-01T08:00:00Z')): Promise<TestPki> {
  const ca = await createCa({
    commonName: 'Văn phòng Quốc hội CA',
    organisation: 'Văn phòng Quốc hội',
    validDays: 3650,
    now,
  });
  const member = await issueMemberCertificate({
    ca,
    name: TEST_MEMBER_NAME,
    email: TEST_MEMBER_EMAIL,
    organisation: 'Quốc hội',
    validDays: 365,
    now,
  });
  return { now, ca, member };
}
