import { describe, expect, it } from 'vitest';
import { castBallot, emptyBallotBox } from './ballot';
import { openPoll } from './lifecycle';
import {
  createPoll,
  MAJORITY_BASES,
  parsePollDraft,
  POLL_KINDS,
  type MajorityBase,
  type PollOption,
} from './poll';
import { apportionHundredths, resultTable, type ResultRow } from './result-rows';
import { tally } from './tally';
import { seededRandom as rng } from '../testing/seeded-random';

const T0 = 1_700_000_000_000;

const inBase = (base: MajorityBase, row: ResultRow) => base !== 'cast' || row.kind === 'option';
const sumHundredths = (rows: ResultRow[]) =>
  rows.reduce((s, r) => s + Math.round((r.percent ?? 0) * 100), 0);

describe('apportionHundredths', () => {
  it.each<[number[], number, number[]]>([
    [[1, 1, 1], 3, [3334, 3333, 3333]],
    [[2, 1], 3, [6667, 3333]],
    [[4, 2, 1], 7, [5714, 2857, 1429]],
    [[1, 1, 1, 1, 1, 1], 6, [1667, 1667, 1667, 1667, 1666, 1666]],
    [[0, 0], 0, [0, 0]],
    [[5, 0], 5, [10000, 0]],
    // A partial base (rows that do not fill it) keeps its floors: nothing is invented.
    [[1], 3, [3333]],
  ])('%j of %i → %j', (counts, total, expected) => {
    expect(apportionHundredths(counts, total)).toEqual(expected);
  });
});

describe('resultTable', () => {
  const options = [
    { optionId: 'for', label: 'Tán thành', count: 4 },
    { optionId: 'against', label: 'Không tán thành', count: 2 },
    { optionId: 'abstain', label: 'Không biểu quyết', count: 1 },
  ];
  const counts = { options, cast: 7, eligible: 8, present: 8, members: 10 };

  it('members base: option rows, then did not vote, then absent — 100 % of all members', () => {
    const table = resultTable({ ...counts, base: 'members' });
    expect(table.baseCount).toBe(10);
    expect(table.rows.map((r) => [r.kind, r.label, r.count, r.percent])).toEqual([
      ['option', 'Tán thành', 4, 40],
      ['option', 'Không tán thành', 2, 20],
      ['option', 'Không biểu quyết', 1, 10],
      ['not-voted', 'Không tham gia biểu quyết', 1, 10],
      ['absent', 'Vắng mặt', 2, 20],
    ]);
  });

  it('present base: the did-not-vote row closes the gap; no absent row', () => {
    const table = resultTable({ ...counts, base: 'present' });
    expect(table.rows.map((r) => [r.kind, r.count, r.percent])).toEqual([
      ['option', 4, 50],
      ['option', 2, 25],
      ['option', 1, 12.5],
      ['not-voted', 1, 12.5],
    ]);
  });

  it('cast base: did-not-vote is shown, outside the base (no percentage)', () => {
    const table = resultTable({ ...counts, base: 'cast' });
    expect(table.rows.map((r) => [r.kind, r.count, r.percent])).toEqual([
      ['option', 4, 57.14],
      ['option', 2, 28.57],
      ['option', 1, 14.29],
      ['not-voted', 1, null],
    ]);
  });

  it('thirds add up to 100 instead of 99.99', () => {
    const table = resultTable({
      base: 'present',
      options: [
        { optionId: 'a', label: 'A', count: 1 },
        { optionId: 'b', label: 'B', count: 1 },
      ],
      cast: 2,
      eligible: 3,
      present: 3,
      members: 3,
    });
    expect(table.rows.map((r) => r.percent)).toEqual([33.34, 33.33, 33.33]);
  });

  it('an empty base gives zeros, not NaN', () => {
    const table = resultTable({
      base: 'cast',
      options: [],
      cast: 0,
      eligible: 2,
      present: 2,
      members: 2,
    });
    expect(table.rows).toEqual([
      expect.objectContaining({ kind: 'not-voted', count: 2, percent: null }),
    ]);
  });
});

describe('rows always add up to the base (seeded, 2000 random polls)', () => {
  it.each([1, 2, 3, 20261202])('seed %i', (seed) => {
    const random = rng(seed);
    const int = (n: number) => Math.floor(random() * n);
    for (let run = 0; run < 500; run++) {
      const members = 1 + int(60);
      const present = 1 + int(members);
      const base = MAJORITY_BASES[int(MAJORITY_BASES.length)] ?? 'members';
      const kind = POLL_KINDS[int(POLL_KINDS.length)] ?? 'named';
      const optionCount = 2 + int(5);
      const options: PollOption[] = Array.from({ length: optionCount }, (_, i) => ({
        id: `o${i}`,
        label: `Phương án ${i}`,
      }));
      const draft = parsePollDraft({ agendaItemId: 'i', title: 'T', kind, base, options });
      const eligible = Array.from({ length: present }, (_, i) => `m${i}`);
      const poll = openPoll(createPoll(draft, `p${run}`, T0), eligible, T0 + 1);
      let box = emptyBallotBox(poll);
      for (const id of eligible) {
        if (random() < 0.25) continue; // this member casts nothing
        box = castBallot(poll, box, id, `o${int(optionCount)}`, T0 + 2);
      }
      const result = tally(poll, box, { presentCount: present, memberCount: members });
      const table = resultTable(result);
      const counted = table.rows.filter((r) => inBase(base, r));
      const context = `seed ${seed} run ${run} (${base}, ${members}/${present})`;
      expect(
        counted.reduce((s, r) => s + r.count, 0),
        context,
      ).toBe(table.baseCount);
      if (table.baseCount > 0) expect(sumHundredths(counted), context).toBe(10000);
      // Every member of the body appears once on the 'members' base.
      if (base === 'members') expect(table.baseCount, context).toBe(members);
      // The tally shows the table's percentages: the same numbers everywhere.
      result.options.forEach((o, i) => expect(o.percent, context).toBe(table.rows[i]?.percent));
    }
  });
});
