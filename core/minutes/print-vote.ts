/**
 * A poll as printed — in the minutes' vote section and in the results export, with the same
 * figures as the room's results table (core/votes/result-rows.ts).
 */
import type { PollView } from '../api/votes';
import type { MinutesVote } from './types';
import { resultTable } from '../votes/result-rows';

/** What the percentages are of, in the minutes' words. */
export const BASE_LABELS: Readonly<Record<PollView['base'], string>> = {
  cast: 'tổng số phiếu biểu quyết',
  present: 'tổng số thành viên có mặt',
  members: 'tổng số thành viên',
};

/**
 * A published poll with its table (the not-voting and absent rows included); a cancelled one
 * with its reason, and its table if it had been published. Null for everything else (drafts,
 * open and closed-but-unpublished polls, and polls cancelled before closing without a reason).
 */
export function printedVote(
  poll: PollView,
  agenda: readonly { id: string; title: string }[],
): MinutesVote | null {
  const reason = poll.state === 'cancelled' ? poll.cancelledReason : null;
  if (poll.state !== 'published' && reason === null) return null;
  const tally = poll.result?.tally ?? null;
  const rows = tally === null ? [] : resultTable(tally).rows;
  const cast = tally?.cast ?? poll.ballotsCast;
  return {
    agendaItemTitle: agenda.find((a) => a.id === poll.agendaItemId)?.title ?? '',
    title: poll.title,
    kind: poll.kind,
    options: rows.map((r) => ({
      label: r.label,
      count: r.count,
      percent: r.percent === null ? null : Math.min(100, Math.max(0, r.percent)),
      ...(r.kind !== 'option' ? { kind: r.kind } : {}),
    })),
    cast,
    eligible: Math.max(tally?.eligible ?? poll.eligible.length, cast),
    baseLabel: BASE_LABELS[poll.base],
    quorumMet: tally?.quorumMet ?? false,
    passed: tally?.passed ?? false,
    ...(reason !== null ? { cancelledReason: reason } : {}),
  };
}
