/**
 * First logins waiting for an administrator (issue #15): what the admin routes list, and the
 * body of an approval — onto an existing member, or creating one. Pure: the server's store
 * is sync-server/identity/pending-certificates.ts.
 */
import { CodedError } from '../errors/coded-error';
import type { CertificateSummary } from './enrolment';

/** One request as `GET /api/admin/pending-certificates` lists it (the DER stays on the server). */
export interface PendingCertificateView {
  certificate: CertificateSummary;
  firstSeen: string;
  lastSeen: string;
  attempts: number;
}

export interface PendingNewMember {
  name: string;
  email?: string;
  position?: string;
}

/** `POST /api/admin/pending-certificates/:fingerprint/approve` body: exactly one of the two. */
export type PendingApprovalRequest = { memberId: string } | { newMember: PendingNewMember };

export class PendingApprovalError extends CodedError<'pending-invalid' | 'fingerprint-invalid'> {
  override readonly name = 'PendingApprovalError';
}

const MEMBER_ID = /^[A-Za-z0-9_-]{1,64}$/;
const FINGERPRINT = /^[0-9a-f]{64}$/;

/** A request is named by its certificate's lower-case hex SHA-256 fingerprint. */
export function checkFingerprint(value: string): void {
  if (!FINGERPRINT.test(value))
    throw new PendingApprovalError(
      'fingerprint-invalid',
      'A pending certificate is named by its lower-case hex SHA-256 fingerprint.',
    );
}

function optionalText(
  value: unknown,
  field: string,
  max: number,
  bad: (d: string) => Error,
): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length > max) throw bad(`${field} must be text`);
  return value.normalize('NFC');
}

/** Checks untrusted JSON; throws PendingApprovalError pending-invalid (the edge answers 400). */
export function parsePendingApproval(body: unknown): PendingApprovalRequest {
  const bad = (detail: string) =>
    new PendingApprovalError('pending-invalid', `Bad approval: ${detail}.`);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw bad('not an object');
  const { memberId, newMember, ...rest } = body as Record<string, unknown>;
  if (Object.keys(rest).length > 0) throw bad(`unknown field ${Object.keys(rest)[0]}`);
  if ((memberId === undefined) === (newMember === undefined))
    throw bad('give either memberId or newMember');
  if (memberId !== undefined) {
    if (typeof memberId !== 'string' || !MEMBER_ID.test(memberId)) throw bad('bad memberId');
    return { memberId };
  }
  if (typeof newMember !== 'object' || newMember === null || Array.isArray(newMember))
    throw bad('newMember must be an object');
  const { name, email, position, ...extra } = newMember as Record<string, unknown>;
  if (Object.keys(extra).length > 0) throw bad(`unknown field newMember.${Object.keys(extra)[0]}`);
  const checkedName = optionalText(name, 'newMember.name', 200, bad);
  if (checkedName === undefined || checkedName.trim() === '') throw bad('newMember needs a name');
  const checkedEmail = optionalText(email, 'newMember.email', 200, bad);
  const checkedPosition = optionalText(position, 'newMember.position', 200, bad);
  return {
    newMember: {
      name: checkedName,
      ...(checkedEmail !== undefined ? { email: checkedEmail } : {}),
      ...(checkedPosition !== undefined ? { position: checkedPosition } : {}),
    },
  };
}
