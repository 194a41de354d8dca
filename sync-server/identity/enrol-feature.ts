/** `POST /api/admin/members/:memberId/certificates`: an admin enrols an existing certificate. */
import { IdentityError } from '../../core/identity/errors';
import type { ServerFeature } from '../feature';
import { HttpError, sessionOf } from '../http/router';
import { route } from '../http/route';
import type { AuditLog } from '../store/types';
import { enrolCertificate } from './enrol';
import { MemberError, type MemberDirectory } from './members';
import { EncodingError, pemDecodeAll } from '../../core/crypto/encoding';

const MEMBER_STATUS: Record<string, number> = {
  'member-not-found': 404,
  'member-exists': 409,
  'certificate-taken': 409,
  'member-invalid': 400,
};

export function enrolFeature(deps: {
  dataDir: string;
  members: MemberDirectory;
  audit: AuditLog;
}): ServerFeature {
  return {
    name: 'enrol',
    routes: [
      route('enrolCertificate', {
        guard: (ctx) => {
          const { member } = sessionOf(ctx);
          if (!member.isAdmin)
            throw new HttpError(403, 'forbidden', 'Only an administrator enrols certificates.');
          return member;
        },
        handler: async (ctx) => {
          const { certificatePem, chainPem, name, email } = ctx.body;
          try {
            return await enrolCertificate(
              { dataDir: deps.dataDir, members: deps.members, audit: deps.audit, by: ctx.guard.id },
              {
                memberId: ctx.params.memberId,
                certificate: certificatePem,
                chainDer: (chainPem ?? []).flatMap((pem) =>
                  pemDecodeAll(pem)
                    .filter((b) => b.label === 'CERTIFICATE')
                    .map((b) => b.der),
                ),
                ...(name !== undefined ? { name } : {}),
                ...(email !== undefined ? { email } : {}),
              },
            );
          } catch (error) {
            if (error instanceof MemberError)
              throw new HttpError(MEMBER_STATUS[error.code] ?? 400, error.code, error.message);
            if (error instanceof EncodingError)
              throw new HttpError(400, 'cert-malformed', 'A chain certificate is not valid PEM.');
            if (error instanceof IdentityError) throw new HttpError(400, error.code, error.message);
            throw error;
          }
        },
      }),
    ],
  };
}
