import { describe, expect, it } from 'vitest';
import { baseCount, meetsRule, percentOf } from './majority';
import type { MajorityRule } from './poll';

describe('meetsRule', () => {
  const table: [MajorityRule, number, number, number, boolean][] = [
    // rule, motion, opposed, base, passes
    ['simple', 3, 2, 100, true],
    ['simple', 2, 2, 4, false], // tie
    ['simple', 1, 0, 1, true],
    ['simple', 0, 0, 5, false], // all abstain
    ['absolute', 6, 0, 11, true],
    ['absolute', 5, 0, 10, false], // exactly half
    ['absolute', 6, 0, 10, true],
    ['absolute', 1, 0, 1, true],
    ['two-thirds', 20, 10, 30, true], // exactly 2/3, no float error
    ['two-thirds', 19, 11, 30, false],
    ['two-thirds', 2, 1, 3, true],
    ['two-thirds', 333, 166, 500, false], // 66.6 % < 2/3
    ['two-thirds', 334, 166, 500, true],
    ['two-thirds', 0, 0, 0, false], // 3·0 ≥ 2·0, but nobody voted for it
    ['absolute', 0, 0, 0, false],
    ['simple', 1, 0, 0, false], // empty base
  ];
  it.each(table)('%s: %i for, %i against, base %i → %s', (rule, motion, opposed, base, ok) => {
    expect(meetsRule(rule, motion, opposed, base)).toBe(ok);
  });
});

describe('baseCount', () => {
  it('picks the named count', () => {
    const counts = { cast: 7, present: 8, members: 10 };
    expect(baseCount('cast', counts)).toBe(7);
    expect(baseCount('present', counts)).toBe(8);
    expect(baseCount('members', counts)).toBe(10);
  });
});

describe('percentOf', () => {
  it.each([
    [1, 3, 33.33],
    [2, 3, 66.67],
    [1, 8, 12.5],
    [0, 0, 0],
    [5, 5, 100],
    [1, 7, 14.29],
  ])('%i of %i → %f', (count, base, expected) => {
    expect(percentOf(count, base)).toBe(expected);
  });
});
