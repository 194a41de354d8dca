/**
 * `GET /api/admin/pending-certificates`, `POST …/:fingerprint/approve` and `…/reject`: an
 * administrator settles first logins while the server runs (the admin CLI does the same with
 * the server stopped, sync-server/admin/pending.ts). The pending file and the member store are
 * this server's own, so no stop is needed.
 */
import { base64Decode } from '../../core/crypto/encoding';
import { IdentityError } from '../../core/identity/errors';
import type { ServerFeature } from '../feature';
import { route } from '../http/route';
import { HttpError, sessionOf, type RequestContext } from '../http/router';
import type { AuditLog } from '../store/types';
import { enrolCertificate } from './enrol';
import { MemberError, type MemberDirectory } from './members';
import { listPending, takePending } from './pending-certificates';

const MEMBER_STATUS: Record<string, number> = {
  'member-not-found': 404,
  'member-exists': 409,
  'certificate-taken': 409,
  'member-invalid': 400,
};

function administrator(ctx: RequestContext) {
  const { member } = sessionOf(ctx);
  if (!member.isAdmin)
    throw new HttpError(403, 'forbidden', 'Only an administrator settles pending certificates.');
  return member;
}

/** The enrolment's refusals as HTTP answers (nothing was written when one is thrown). */
function refusal(error: unknown): never {
  if (error instanceof MemberError)
    throw new HttpError(MEMBER_STATUS[error.code] ?? 400, error.code, error.message);
  if (error instanceof IdentityError) throw new HttpError(400, error.code, error.message);
  throw error;
}

const notFound = (fingerprint: string) =>
  new HttpError(404, 'pending-not-found', `No pending request for ${fingerprint}.`);

export function pendingFeature(deps: {
  dataDir: string;
  members: MemberDirectory;
  audit: AuditLog;
  now?: () => Date;
}): ServerFeature {
  const now = deps.now ?? (() => new Date());
  return {
    name: 'pending-certificates',
    routes: [
      route('pendingCertificates', {
        guard: administrator,
        handler: async () => ({
          pending: (await listPending(deps.dataDir)).map((p) => ({
            certificate: p.certificate,
            firstSeen: p.firstSeen,
            lastSeen: p.lastSeen,
            attempts: p.attempts,
          })),
        }),
      }),
      route('approvePendingCertificate', {
        guard: administrator,
        handler: async (ctx) => {
          const { fingerprint } = ctx.params;
          const request = (await listPending(deps.dataDir)).find(
            (p) => p.certificate.fingerprintSha256 === fingerprint,
          );
          if (!request) throw notFound(fingerprint);
          const body = ctx.body;
          const target =
            'memberId' in body
              ? { memberId: body.memberId }
              : {
                  // The same id the CLI gives a new member: stable for one certificate.
                  memberId: `m-${fingerprint.slice(0, 12)}`,
                  name: body.newMember.name,
                  ...(body.newMember.email !== undefined ? { email: body.newMember.email } : {}),
                  ...(body.newMember.position !== undefined
                    ? { position: body.newMember.position }
                    : {}),
                };
          if ('memberId' in body && !(await deps.members.get(body.memberId)))
            throw new HttpError(404, 'member-not-found', `No member ${body.memberId}.`);
          const answer = await enrolCertificate(
            { dataDir: deps.dataDir, members: deps.members, audit: deps.audit, by: ctx.guard.id },
            {
              ...target,
              certificate: base64Decode(request.certificateDer),
              chainDer: request.chainDer.map(base64Decode),
            },
            now(),
          ).catch(refusal);
          // Only once enrolled: an approval that could not enrol leaves the request.
          await takePending(deps.dataDir, fingerprint);
          return answer;
        },
      }),
      route('rejectPendingCertificate', {
        guard: administrator,
        handler: async (ctx) => {
          const { fingerprint } = ctx.params;
          if (!(await takePending(deps.dataDir, fingerprint))) throw notFound(fingerprint);
          await deps.audit.appendAudit({
            at: now().toISOString(),
            action: 'member.pending-rejected',
            fingerprint,
            by: ctx.guard.id,
          });
          return { rejected: fingerprint };
        },
      }),
    ],
  };
}
