import type { MajorityBase } from './poll';

/**
 * The rows of a results table, so that the rows counted in the base always add up to the base
 * and their percentages to exactly 100 % (issue 12 §3). Besides one row per option:
 * - 'not-voted' ("Không tham gia biểu quyết"): eligible members who cast nothing;
 * - 'absent' ("Vắng mặt"): on the 'members' base only, members not present when the poll opened.
 * On the 'cast' base the not-voted row is shown but lies outside the base (percent null).
 */
export type ResultRowKind = 'option' | 'not-voted' | 'absent';

export interface ResultRow {
  kind: ResultRowKind;
  /** The option's id; null for the not-voted and absent rows. */
  optionId: string | null;
  /** In the meeting's language (what the minutes and exports print). */
  label: string;
  /** i18n key the UI prefers over `label`. */
  labelKey?: string;
  count: number;
  /** Share of the base with 2 decimals; null when the row is outside the base. */
  percent: number | null;
}

export interface ResultTable {
  base: MajorityBase;
  baseCount: number;
  rows: ResultRow[];
}

export const NOT_VOTED_LABEL = 'Không tham gia biểu quyết';
export const ABSENT_LABEL = 'Vắng mặt';

/** The head counts a table is made of (a Tally has every one of these fields). */
export interface TableCounts {
  base: MajorityBase;
  options: readonly { optionId: string; label: string; labelKey?: string; count: number }[];
  /** Ballots cast (the options' counts add up to it). */
  cast: number;
  /** Members allowed to vote (present when the poll opened). */
  eligible: number;
  /** Members present for the 'present' base; the server passes `eligible` (tally's presentCount). */
  present: number;
  /** Members of the body with a voting role. */
  members: number;
}

/**
 * Shares of `total` in hundredths of a percent, by largest remainder, so that when the counts
 * add up to `total` the shares add up to exactly 10000 (100.00 %). Integer arithmetic only;
 * ties go to the earlier row. All zeros on an empty total.
 */
export function apportionHundredths(counts: readonly number[], total: number): number[] {
  if (total <= 0) return counts.map(() => 0);
  const floors = counts.map((c) => Math.floor((c * 10000) / total));
  const remainders = counts.map((c, i) => ({ i, r: c * 10000 - (floors[i] ?? 0) * total }));
  const sum = counts.reduce((s, c) => s + c, 0);
  // Only a full base is owed its missing hundredths; a partial one keeps its floors.
  let missing = sum === total ? 10000 - floors.reduce((s, f) => s + f, 0) : 0;
  remainders.sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i, r } of remainders) {
    if (missing <= 0 || r === 0) break;
    floors[i] = (floors[i] ?? 0) + 1;
    missing -= 1;
  }
  return floors;
}

/** The table of a tally: option rows, then the not-voted row, then (on 'members') the absent row. */
export function resultTable(counts: TableCounts): ResultTable {
  const { base, cast, present } = counts;
  const eligible = Math.max(counts.eligible, cast);
  const members = Math.max(counts.members, eligible);
  const baseCount = base === 'cast' ? cast : base === 'present' ? present : members;
  const rows: ResultRow[] = counts.options.map((o) => {
    const row: ResultRow = {
      kind: 'option',
      optionId: o.optionId,
      label: o.label,
      count: o.count,
      percent: null,
    };
    if (o.labelKey !== undefined) row.labelKey = o.labelKey;
    return row;
  });
  const notVoted: ResultRow = {
    kind: 'not-voted',
    optionId: null,
    label: NOT_VOTED_LABEL,
    labelKey: 'votes.row.notVoted',
    count: eligible - cast,
    percent: null,
  };
  rows.push(notVoted);
  if (base === 'members') {
    rows.push({
      kind: 'absent',
      optionId: null,
      label: ABSENT_LABEL,
      labelKey: 'votes.row.absent',
      count: members - eligible,
      percent: null,
    });
  }
  const inBase = rows.filter((r) => base !== 'cast' || r.kind === 'option');
  const shares = apportionHundredths(
    inBase.map((r) => r.count),
    baseCount,
  );
  inBase.forEach((row, i) => {
    row.percent = (shares[i] ?? 0) / 100;
  });
  return { base, baseCount, rows };
}
