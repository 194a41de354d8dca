/**
 * What a read-only generated section shows in the editor, built from the same records and in
 * the same words as the PDF's sections II and IV (labels.ts, names.ts): the secretary sees
 * the figures that will be printed, never a copy someone edited.
 */
import { LABELS, ROLE_TITLES, vietnamesePercent } from './labels';
import { compareVietnameseNames } from './names';
import { printedVote } from './print-vote';
import type { PollView } from '../api/votes';
import { participates, type MeetingRole } from '../roles/permissions';

export interface GeneratedAttendee {
  readonly name: string;
  readonly role: MeetingRole;
  readonly position: string | null;
  readonly present: boolean;
  /** What the PDF prints in brackets after the name (attendance-note.ts); absent: nothing. */
  readonly note?: string;
}

export interface GeneratedVote {
  readonly title: string;
  readonly options: readonly {
    readonly label: string;
    readonly count: number;
    /** Null for a row outside the base (e.g. "Không tham gia biểu quyết" of votes cast). */
    readonly percent: number | null;
  }[];
  readonly cast: number;
  readonly eligible: number;
  readonly quorumMet: boolean;
  readonly passed: boolean;
  readonly cancelledReason?: string;
}

/**
 * The figures the minutes print for a poll (print-vote.ts, the same rows as the room's results
 * table), or null when the minutes print nothing for it.
 */
export function publishedVote(poll: PollView): GeneratedVote | null {
  const printed = printedVote(poll, []);
  if (printed === null) return null;
  return {
    title: printed.title,
    options: printed.options.map(({ label, count, percent }) => ({ label, count, percent })),
    cast: printed.cast,
    eligible: printed.eligible,
    quorumMet: printed.quorumMet,
    passed: printed.passed,
    ...(printed.cancelledReason !== undefined ? { cancelledReason: printed.cancelledReason } : {}),
  };
}

/** One line of a generated section; `strong` lines are its sub-headings. */
export interface GeneratedLine {
  readonly text: string;
  readonly strong?: boolean;
}

const positionOf = (a: GeneratedAttendee): string => a.position || ROLE_TITLES[a.role];

/** Section II's lists: present then absent, by given name, with positions. */
export function attendanceLines(people: readonly GeneratedAttendee[]): GeneratedLine[] {
  // As the PDF (sync-server/minutes/data.ts): the room's screen is not an attendee.
  const sorted = people
    .filter((p) => participates(p.role))
    .sort((a, b) => compareVietnameseNames(a.name, b.name));
  const present = sorted.filter((p) => p.present);
  const absent = sorted.filter((p) => !p.present);
  const list = (group: GeneratedAttendee[]) =>
    group.map((p, i) => ({
      text: `${i + 1}. ${p.name} – ${positionOf(p)}${p.note ? ` (${p.note})` : ''}`,
    }));
  return [
    { text: `${LABELS.present}: ${present.length}/${sorted.length}`, strong: true },
    ...list(present),
    { text: `${LABELS.absent}: ${absent.length}/${sorted.length}`, strong: true },
    ...list(absent),
  ];
}

/** Section IV's figures for each published poll. */
export function voteLines(votes: readonly GeneratedVote[]): GeneratedLine[] {
  if (votes.length === 0) return [{ text: LABELS.noVotes }];
  return votes.flatMap((v) => [
    { text: v.title, strong: true },
    ...(v.cancelledReason !== undefined
      ? [{ text: `${LABELS.cancelled}: ${v.cancelledReason}`, strong: true }]
      : []),
    // A poll cancelled before it was published has no table, as in the PDF.
    ...(v.options.length === 0
      ? []
      : [
          ...v.options.map((o) => ({
            text: `${o.label}: ${o.count} (${o.percent === null ? '—' : vietnamesePercent(o.percent)})`,
          })),
          { text: `${LABELS.voteTurnout}: ${v.cast}/${v.eligible}` },
          { text: `${LABELS.quorum}: ${v.quorumMet ? LABELS.quorumMet : LABELS.quorumNotMet}` },
          {
            text: `${LABELS.result}: ${v.passed ? LABELS.passed : LABELS.notPassed}`,
            strong: true,
          },
        ]),
  ]);
}
