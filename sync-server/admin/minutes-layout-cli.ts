/**
 * `meeting minutes-layout`: the minutes' "Nơi nhận" list and the signers' authority, the CLI
 * twin of `PUT /api/meetings/:id/minutes-layout` (validated by the same core parser).
 *   --recipient "…"  (repeat; replaces the list)  --archive "VT, CĐ"   --recipient "" clears it
 *   --chair-authority KIND:BODY, --secretary-authority KIND:BODY   ("" signs plainly again)
 */
import { parseMinutesLayoutPatch } from '../../core/api/minutes-layout';
import { flag, requiredFlag, type ParsedArgs } from './args';
import { withAdminContext } from './context';

type Out = (line: string) => void;

/** "TM:Ban Chấp hành" → { kind: 'TM', onBehalfOf: 'Ban Chấp hành' }; "" → null (plain). */
function authorityFlag(value: string): unknown {
  if (value.trim() === '') return null;
  const colon = value.indexOf(':');
  return colon < 0
    ? { kind: value }
    : { kind: value.slice(0, colon).trim().toUpperCase(), onBehalfOf: value.slice(colon + 1) };
}

/** Handles the command if it is this one; false otherwise. */
export async function runMinutesLayoutCommand(
  command: string,
  args: ParsedArgs,
  dataDir: string,
  out: Out,
): Promise<boolean> {
  if (command !== 'meeting minutes-layout') return false;
  const meetingId = requiredFlag(args, 'meeting');
  const given: Record<string, unknown> = {};
  const to = args.flags.get('recipient');
  const archive = flag(args, 'archive');
  if (to !== undefined || archive !== undefined)
    given.recipients = {
      to: (to ?? []).filter((r) => r !== ''),
      ...(archive ? { archive } : {}),
    };
  const authority: Record<string, unknown> = {};
  for (const role of ['secretary', 'chair'] as const) {
    const value = flag(args, `${role}-authority`);
    if (value !== undefined) authority[role] = authorityFlag(value);
  }
  if (Object.keys(authority).length > 0) given.authority = authority;
  const patch = parseMinutesLayoutPatch(given);
  const meeting = await withAdminContext(dataDir, async (ctx) => {
    const updated = await ctx.meetings.updateMinutesLayout(meetingId, patch);
    await ctx.audit.appendAudit({
      at: new Date().toISOString(),
      action: 'meeting.minutes-layout',
      meetingId,
      by: 'admin-cli',
    });
    return updated;
  });
  out(JSON.stringify({ id: meeting.id, ...meeting.minutesLayout }));
  return true;
}
