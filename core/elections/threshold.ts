import type { ThresholdRule } from './election';

/** The three figures a threshold may be measured against, for one round. */
export interface ThresholdBases {
  valid: number;
  received: number;
  present: number;
}

/**
 * True when `votes` reaches the rule, in integers only: "more than n/d of B" is
 * votes·d > B·n, "at least n/d of B" is votes·d ≥ B·n. With a base of 0 nobody reaches a
 * "more than" rule; zero votes never reach any rule (a seat needs at least one vote).
 */
export function reachesThreshold(
  votes: number,
  rule: ThresholdRule,
  bases: ThresholdBases,
): boolean {
  if (votes <= 0) return false;
  const base = bases[rule.base];
  const left = votes * rule.denominator;
  const right = base * rule.numerator;
  return rule.comparison === 'more-than' ? left > right : left >= right;
}

/** The smallest vote count that reaches the rule (for the UI and the biên bản). */
export function minimumVotes(rule: ThresholdRule, bases: ThresholdBases): number {
  const base = bases[rule.base];
  const product = base * rule.numerator;
  const floor = Math.floor(product / rule.denominator);
  const exact = floor * rule.denominator === product;
  const needed = rule.comparison === 'more-than' ? floor + 1 : exact ? floor : floor + 1;
  return Math.max(1, needed);
}
