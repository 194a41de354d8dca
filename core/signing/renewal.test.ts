import { describe, expect, it } from 'vitest';
import { renewalDecision, renewalExtends } from './renewal';

const now = new Date(Date.UTC(2030, 5, 1));
const day = 86_400_000;
const at = (days: number) => new Date(now.getTime() + days * day);

describe('renewalDecision (injected now, 90-day window)', () => {
  const cases = [
    ['nothing signed', [], false, 'unsigned'],
    [
      'a document timestamp alone is no signature',
      [{ verifiableUntil: at(10) }],
      false,
      'unsigned',
    ],
    [
      'B-B cannot be lifted by a document timestamp',
      [{ level: 'B-B', verifiableUntil: at(10) }],
      false,
      'no-trusted-time',
    ],
    ['B-LT far ahead', [{ level: 'B-LT', verifiableUntil: at(400) }], false, 'not-due'],
    ['B-LT in the window', [{ level: 'B-LT', verifiableUntil: at(89) }], true, undefined],
    ['exactly 90 days is due', [{ level: 'B-T', verifiableUntil: at(90) }], true, undefined],
    [
      'B-LTA past its date is too late',
      [{ level: 'B-LTA', verifiableUntil: at(-1) }],
      false,
      'expired',
    ],
    [
      'the earliest signature decides',
      [
        { level: 'B-LTA', verifiableUntil: at(400) },
        { level: 'B-LT', verifiableUntil: at(30) },
      ],
      true,
      undefined,
    ],
    [
      'a signature with no date cannot be renewed',
      [{ level: 'B-LT', verifiableUntil: undefined }],
      false,
      'no-trusted-time',
    ],
  ] as const;
  for (const [name, signatures, due, reason] of cases) {
    it(name, () => {
      const decision = renewalDecision(signatures, now, 90);
      expect(decision.due).toBe(due);
      if (!decision.due) expect(decision.reason).toBe(reason);
    });
  }

  it('says the date it judged', () => {
    const decision = renewalDecision([{ level: 'B-LT', verifiableUntil: at(30) }], now, 90);
    expect(decision.verifiableUntil).toEqual(at(30));
  });

  it('keeps a renewal only when it moves the date on', () => {
    expect(renewalExtends(at(30), at(3000))).toBe(true);
    expect(renewalExtends(at(30), at(30))).toBe(false);
    expect(renewalExtends(at(30), undefined)).toBe(false);
  });
});
