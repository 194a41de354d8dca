import type { MajorityBase, MajorityRule } from './poll';

/**
 * What each base counts. Every base counts people, nested cast ⊆ present ⊆ members:
 * - 'cast': ballots cast, abstentions ("Không biểu quyết") included — pressing abstain is taking
 *   part in the vote;
 * - 'present': members present when the poll opened (its eligible list), whether they voted
 *   or not;
 * - 'members': all members of the body, present or absent.
 */
export interface BaseCounts {
  cast: number;
  present: number;
  members: number;
}

export function baseCount(base: MajorityBase, counts: BaseCounts): number {
  switch (base) {
    case 'cast':
      return counts.cast;
    case 'present':
      return counts.present;
    case 'members':
      return counts.members;
  }
}

/**
 * Does the motion reach its rule? `motion` is the ballots for the motion option, `opposed` the
 * ballots for every other option except abstain, `base` the chosen base count.
 * - 'simple': more for than against (motion > opposed). Abstentions and members who did not
 *   vote are ignored; the base changes only the percentages shown.
 * - 'absolute': more than half of the base (2·motion > base). Whatever is in the base and not
 *   for the motion — against, abstain, and on 'present' / 'members' also not voting or absent —
 *   works against it.
 * - 'two-thirds': at least two-thirds of the base (3·motion ≥ 2·base), abstentions as above.
 * Exactly half or an equal split fails; no ballot for the motion, or an empty base, fails.
 * Integer comparisons only, so 20 of 30 is exactly two-thirds.
 */
export function meetsRule(
  rule: MajorityRule,
  motion: number,
  opposed: number,
  base: number,
): boolean {
  if (motion <= 0 || base <= 0) return false;
  switch (rule) {
    case 'simple':
      return motion > opposed;
    case 'absolute':
      return 2 * motion > base;
    case 'two-thirds':
      return 3 * motion >= 2 * base;
  }
}

/** Percentage for display only, rounded to 2 decimals; 0 on an empty base. */
export function percentOf(count: number, base: number): number {
  if (base <= 0) return 0;
  return Math.round((count * 10000) / base) / 100;
}
