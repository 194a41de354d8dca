/**
 * Enrols a member by an existing certificate (admin CLI and admin route): maps its SHA-256
 * fingerprint to the member, creating the member when a name is given, and reports for which
 * purposes the certificate is trusted today (chain, key usage, EKU, policies; no network).
 */
import { IdentityError } from '../../core/identity/errors';
import {
  readMemberCertificate,
  summariseCertificate,
  type EnrolmentAnswer,
} from '../../core/identity/enrolment';
import { MEMBER_PURPOSES, type TrustPurpose } from '../../core/identity/purpose';
import { checkTrust } from '../../core/identity/trust-check';
import type { AuditLog } from '../store/types';
import { MemberError, type MemberDirectory } from './members';
import { loadIntermediates, loadTrustList } from './trust-store';

export interface EnrolRequest {
  memberId: string;
  certificate: Uint8Array | string;
  /** Given: creates the member when it does not exist yet. */
  name?: string;
  email?: string;
  /** With `name`: the new member's position (chức vụ). */
  position?: string;
  chainDer?: Uint8Array[];
}

export async function enrolCertificate(
  deps: { dataDir: string; members: MemberDirectory; audit: AuditLog; by: string },
  request: EnrolRequest,
  now = new Date(),
): Promise<EnrolmentAnswer> {
  const info = readMemberCertificate(request.certificate);
  if (info.isCa)
    throw new IdentityError('cert-key-usage', 'A CA certificate cannot be a member certificate.');
  const existing = await deps.members.get(request.memberId);
  if (existing) {
    await deps.members.addCertificate(existing.id, info.fingerprintSha256Hex);
  } else if (request.name !== undefined) {
    await deps.members.add(
      {
        id: request.memberId,
        name: request.name,
        email: request.email ?? info.subjectEmail ?? '',
        isAdmin: false,
        certificates: [info.fingerprintSha256Hex],
        ...(request.position !== undefined ? { position: request.position } : {}),
      },
      now,
    );
  } else {
    throw new MemberError(
      'member-not-found',
      `No member ${request.memberId}; give --name to create one.`,
    );
  }
  const trustList = await loadTrustList(deps.dataDir);
  const intermediatesDer = await loadIntermediates(deps.dataDir);
  const trustedFor: TrustPurpose[] = [];
  const refusals: Partial<Record<TrustPurpose, string>> = {};
  for (const purpose of MEMBER_PURPOSES) {
    try {
      await checkTrust({
        chainDer: [info.der, ...(request.chainDer ?? [])],
        intermediatesDer,
        trustList,
        purpose,
        now,
      });
      trustedFor.push(purpose);
    } catch (error) {
      if (!(error instanceof IdentityError)) throw error;
      refusals[purpose] = error.code;
    }
  }
  await deps.audit.appendAudit({
    at: now.toISOString(),
    action: 'member.certificate-added',
    target: request.memberId,
    fingerprint: info.fingerprintSha256Hex,
    by: deps.by,
  });
  return {
    memberId: request.memberId,
    certificate: summariseCertificate(info),
    trustedFor,
    refusals,
  };
}
