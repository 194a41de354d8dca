/**
 * Results export over HTTP (routes-results.ts): reads the polls as the room sees them (the
 * control document), builds the sheet in core/results and answers CSV or PDF bytes. Only
 * translation lives here; what an export holds is core's.
 */
import {
  EXPORT_CONTENT_TYPES,
  isExportFormat,
  type ExportFormat,
} from '../../core/api/routes-results';
import type { PollView } from '../../core/api/votes';
import { readPolls } from '../../core/docs/control/polls';
import { controlDocName } from '../../core/docs/names';
import type { MinutesFonts } from '../../core/minutes';
import { resultsCsv } from '../../core/results/csv';
import { renderResultsPdf } from '../../core/results/pdf';
import { resultSheet } from '../../core/results/sheet';
import type { ServerFeature } from '../feature';
import { HttpError, API_SECURITY_HEADERS, type RequestContext } from '../http/router';
import { route } from '../http/route';
import type { Auth } from '../identity/auth-feature';
import type { MemberDirectory } from '../identity/members';
import { meetingCaller } from '../meetings/caller';
import type { MeetingDirectory, MeetingRecord } from '../meetings/directory';
import { readDocument } from '../minutes/read-doc';
import type { Rooms } from '../rooms/manager';

export interface ResultsDeps {
  auth: Auth;
  meetings: MeetingDirectory;
  members: MemberDirectory;
  rooms: Rooms;
  fonts: MinutesFonts;
  now?: () => Date;
}

export function resultsFeature(deps: ResultsDeps): ServerFeature {
  const now = deps.now ?? (() => new Date());

  async function names(meetingId: string): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const [memberId] of await deps.meetings.roles(meetingId)) {
      const member = await deps.members.get(memberId);
      if (member) out.set(memberId, member.name);
    }
    return out;
  }

  async function send(
    ctx: RequestContext,
    meeting: MeetingRecord,
    polls: readonly PollView[],
    format: ExportFormat,
    fileName: string,
  ): Promise<void> {
    const known = await names(meeting.id);
    const sheet = resultSheet({
      meeting,
      polls,
      nameOf: (id) => known.get(id) ?? id,
      now: now(),
    });
    const bytes =
      format === 'csv'
        ? new TextEncoder().encode(resultsCsv(sheet))
        : await renderResultsPdf(sheet, deps.fonts);
    ctx.res.writeHead(200, {
      ...API_SECURITY_HEADERS,
      'Content-Type': EXPORT_CONTENT_TYPES[format],
      'Content-Length': bytes.byteLength,
      'Content-Disposition': `attachment; filename="${fileName}.${format}"`,
      'Cache-Control': 'no-store',
    });
    ctx.res.end(bytes);
  }

  const formatOf = (ctx: { params: { format: string } }): ExportFormat => {
    const { format } = ctx.params;
    // The map's param check has refused anything else already.
    if (!isExportFormat(format)) throw new HttpError(400, 'bad-export-format', 'csv or pdf.');
    return format;
  };

  const polls = (meetingId: string) =>
    readDocument(deps.rooms, controlDocName(meetingId), readPolls);

  return {
    name: 'results',
    routes: [
      route('exportResults', async (ctx) => {
        const { meeting } = await meetingCaller(deps, ctx, 'results.export');
        const format = formatOf(ctx);
        await send(
          ctx,
          meeting,
          await polls(meeting.id),
          format,
          `ket-qua-bieu-quyet-${meeting.id}`,
        );
      }),
      route('exportPollResult', async (ctx) => {
        const { meeting } = await meetingCaller(deps, ctx, 'results.export');
        const format = formatOf(ctx);
        const poll = (await polls(meeting.id)).find((p) => p.id === ctx.params.pollId);
        if (!poll) throw new HttpError(404, 'poll-not-found', 'No such poll.');
        await send(ctx, meeting, [poll], format, `ket-qua-${poll.id}`);
      }),
    ],
  };
}
