/**
 * `admin member pending | approve FINGERPRINT (--member ID | --new --name N) | reject FINGERPRINT`:
 * first logins of trusted but unenrolled certificates (sync-server/identity/pending-certificates).
 * Approval enrols exactly the certificate that was presented, then removes the request.
 */
import { base64Decode } from '../../core/crypto/encoding';
import { enrolCertificate } from '../identity/enrol';
import { listPending, takePending } from '../identity/pending-certificates';
import { ArgumentError, flag, requiredFlag, type ParsedArgs } from './args';
import { withAdminContext } from './context';

type Out = (line: string) => void;

const normalise = (fingerprint: string) => fingerprint.toLowerCase().replace(/:/g, '');

/** Runs a pending-request command; false when `command` is none of them. */
export async function runPendingCommand(
  command: string,
  args: ParsedArgs,
  dataDir: string,
  out: Out,
): Promise<boolean> {
  switch (command) {
    case 'member pending': {
      for (const p of await listPending(dataDir))
        out(
          JSON.stringify({
            ...p.certificate,
            firstSeen: p.firstSeen,
            lastSeen: p.lastSeen,
            attempts: p.attempts,
          }),
        );
      return true;
    }
    case 'member approve': {
      const fingerprint = normalise(fingerprintArg(args));
      const request = (await listPending(dataDir)).find(
        (p) => p.certificate.fingerprintSha256 === fingerprint,
      );
      if (!request) throw new ArgumentError(`No pending request for ${fingerprint}.`);
      const isNew = flag(args, 'new') === 'true';
      const name = flag(args, 'name');
      if (isNew && name === undefined) throw new ArgumentError('--new needs --name');
      const memberId = isNew
        ? (flag(args, 'member') ?? `m-${fingerprint.slice(0, 12)}`)
        : requiredFlag(args, 'member');
      const answer = await withAdminContext(dataDir, async (ctx) => {
        if (!isNew && !(await ctx.members.get(memberId)))
          throw new ArgumentError(`No member ${memberId}; use --new --name N to create one.`);
        return enrolCertificate(
          { dataDir, members: ctx.members, audit: ctx.audit, by: 'admin-cli' },
          {
            memberId,
            certificate: base64Decode(request.certificateDer),
            chainDer: request.chainDer.map(base64Decode),
            ...(isNew && name !== undefined ? { name } : {}),
          },
        );
      });
      // Only once enrolled: a failed approval leaves the request to try again.
      await takePending(dataDir, fingerprint);
      out(JSON.stringify(answer, null, 2));
      return true;
    }
    case 'member reject': {
      const fingerprint = normalise(fingerprintArg(args));
      const removed = await takePending(dataDir, fingerprint);
      if (!removed) throw new ArgumentError(`No pending request for ${fingerprint}.`);
      await withAdminContext(dataDir, (ctx) =>
        ctx.audit.appendAudit({
          at: new Date().toISOString(),
          action: 'member.pending-rejected',
          fingerprint,
          by: 'admin-cli',
        }),
      );
      out(`rejected ${fingerprint}`);
      return true;
    }
    default:
      return false;
  }
}

function fingerprintArg(args: ParsedArgs): string {
  const value = args.positional[2];
  if (!value) throw new ArgumentError('give the certificate fingerprint (SHA-256, hex)');
  return value;
}
