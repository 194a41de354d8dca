/**
 * Signature images and the seal from the admin CLI, the twins of the upload routes
 * (core/api/routes-seals.ts), checked by the same decoder:
 *   member signature-image --member ID --png FILE.png
 *   seal set --png FILE.png
 */
import { readFile } from 'node:fs/promises';
import { SignatureImages } from '../seals/images';
import { AdminError } from './operations';
import { requiredFlag, type ParsedArgs } from './args';
import { withAdminContext } from './context';

type Out = (line: string) => void;

/** Handles the command if it is one of these; false otherwise. */
export async function runImagesCommand(
  command: string,
  args: ParsedArgs,
  dataDir: string,
  out: Out,
): Promise<boolean> {
  if (command !== 'member signature-image' && command !== 'seal set') return false;
  const file = requiredFlag(args, 'png');
  const png = new Uint8Array(await readFile(file));
  const memberId = command === 'seal set' ? null : requiredFlag(args, 'member');
  const view = await withAdminContext(dataDir, async (ctx) => {
    const images = new SignatureImages(ctx.records);
    if (memberId !== null && !(await ctx.members.get(memberId)))
      throw new AdminError('bad-argument', `No member ${memberId}.`);
    const kept =
      memberId !== null ? await images.putMemberImage(memberId, png) : await images.putSeal(png);
    await ctx.audit.appendAudit({
      at: new Date().toISOString(),
      action: memberId !== null ? 'member.signature-image' : 'seal.set',
      ...(memberId !== null ? { target: memberId } : {}),
      by: 'admin-cli',
    });
    return kept;
  });
  out(JSON.stringify(memberId !== null ? { member: memberId, ...view } : { seal: true, ...view }));
  return true;
}
