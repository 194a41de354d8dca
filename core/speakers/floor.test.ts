import { describe, expect, it } from 'vitest';
import {
  EMPTY_FLOOR,
  FLOOR_LIMITS,
  FloorError,
  acceptPointOfOrder,
  giveFloor,
  moveRequest,
  removeRequest,
  requestFloor,
  setSpeakingLimit,
  stopSpeaker,
  withdrawFloor,
  type FloorState,
  type SpeechKind,
} from './floor';
import { formatSeconds, readTimer, speakingTotals } from './timer';

const T0 = Date.UTC(2027, 2, 4, 1, 30); // a fixed instant: no test reads today's clock
const ask = (s: FloorState, memberId: string, kind: SpeechKind = 'speech', at = T0) =>
  requestFloor(s, { id: `r-${memberId}`, memberId, kind, now: at });
const order = (s: FloorState) => s.queue.map((r) => r.memberId);
const codeOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof FloorError) return e.code;
    throw e;
  }
  return 'no error';
};

describe('the speakers list', () => {
  it('queues requests in the order asked, one per member', () => {
    const s = ask(ask(ask(EMPTY_FLOOR, 'an'), 'binh'), 'chi', 'reply');
    expect(order(s)).toEqual(['an', 'binh', 'chi']);
    expect(codeOf(() => ask(s, 'an', 'reply'))).toBe('floor-already-requested');
    expect(order(withdrawFloor(s, 'binh'))).toEqual(['an', 'chi']);
    expect(codeOf(() => withdrawFloor(s, 'dung'))).toBe('floor-request-not-found');
    expect(order(s)).toEqual(['an', 'binh', 'chi']); // untouched
  });

  it('a point of order waits like any request until the chair accepts it, then jumps the queue', () => {
    let s = ask(ask(EMPTY_FLOOR, 'an'), 'binh');
    s = ask(s, 'chi', 'point-of-order');
    expect(order(s)).toEqual(['an', 'binh', 'chi']);
    s = acceptPointOfOrder(s, 'r-chi');
    expect(order(s)).toEqual(['chi', 'an', 'binh']);
    // A second accepted point of order goes after the first, not before it.
    s = acceptPointOfOrder(ask(s, 'dung', 'point-of-order'), 'r-dung');
    expect(order(s)).toEqual(['chi', 'dung', 'an', 'binh']);
    expect(codeOf(() => acceptPointOfOrder(s, 'r-an'))).toBe('floor-not-point-of-order');
  });

  it.each<[string, number, string[]]>([
    ['to the front (after accepted points of order)', 0, ['chi', 'binh', 'an', 'dung']],
    ['to the end', 99, ['chi', 'an', 'dung', 'binh']],
    ['to a negative index: as far up as allowed', -5, ['chi', 'binh', 'an', 'dung']],
    ['to 2', 2, ['chi', 'an', 'binh', 'dung']],
  ])('the chair moves a plain request %s', (_label, index, expected) => {
    let s = ask(ask(ask(EMPTY_FLOOR, 'an'), 'binh'), 'dung');
    s = acceptPointOfOrder(ask(s, 'chi', 'point-of-order'), 'r-chi');
    expect(order(moveRequest(s, 'r-binh', index))).toEqual(expected);
  });

  it('gives the floor to the next (or a chosen) request, stopping whoever spoke', () => {
    let s = ask(ask(ask(EMPTY_FLOOR, 'an'), 'binh'), 'chi');
    s = giveFloor(s, { turnId: 't1', now: T0 + 1000 });
    expect(s.current).toMatchObject({ memberId: 'an', startedAt: T0 + 1000, endedAt: null });
    expect(codeOf(() => ask(s, 'an'))).toBe('floor-already-speaking');
    s = giveFloor(s, { requestId: 'r-chi', turnId: 't2', now: T0 + 61_000 });
    expect(s.current?.memberId).toBe('chi');
    expect(s.spoken).toEqual([
      { id: 't1', memberId: 'an', kind: 'speech', startedAt: T0 + 1000, endedAt: T0 + 61_000 },
    ]);
    expect(order(s)).toEqual(['binh']);
    s = stopSpeaker(s, T0 + 90_000);
    expect(s.current).toBeNull();
    expect(s.spoken.map((t) => t.memberId)).toEqual(['an', 'chi']);
    expect(codeOf(() => stopSpeaker(s, T0))).toBe('floor-nobody-speaking');
    expect(codeOf(() => giveFloor(removeRequest(s, 'r-binh'), { turnId: 'x', now: T0 }))).toBe(
      'floor-request-not-found',
    );
  });

  it('a speaker may ask again after speaking', () => {
    let s = giveFloor(ask(EMPTY_FLOOR, 'an'), { turnId: 't1', now: T0 });
    s = stopSpeaker(s, T0 + 5000);
    expect(order(ask(s, 'an', 'reply'))).toEqual(['an']);
  });

  it('bounds the queue so one member cannot fill the server', () => {
    let s = EMPTY_FLOOR;
    for (let i = 0; i < FLOOR_LIMITS.queue; i++) s = ask(s, `m${i}`);
    expect(codeOf(() => ask(s, 'one-more'))).toBe('floor-queue-full');
  });

  it.each<[number, number, boolean]>([
    [180, 30, true],
    [0, 0, true],
    [60, 60, false],
    [-1, 0, false],
    [1.5, 0, false],
    [7200, 30, false],
  ])('a limit of %ss with a warning %ss before is accepted: %s', (limit, warn, ok) => {
    const run = () => setSpeakingLimit(EMPTY_FLOOR, limit, warn);
    if (ok) expect(run()).toMatchObject({ limitSeconds: limit, warnSeconds: warn });
    else expect(codeOf(run)).toBe('floor-bad-limit');
  });
});

describe('the speaking timer', () => {
  const speaking = giveFloor(ask(EMPTY_FLOOR, 'an'), { turnId: 't1', now: T0 });
  it.each<[number, number | null, string]>([
    [0, 180, 'running'],
    [149, 31, 'running'],
    [150, 30, 'warning'],
    [180, 0, 'warning'],
    [181, -1, 'over'],
  ])('after %ss: %s s left, %s', (seconds, remaining, phase) => {
    const turn = speaking.current!;
    expect(readTimer(turn, speaking, T0 + seconds * 1000)).toEqual({
      elapsedSeconds: seconds,
      remainingSeconds: remaining,
      phase,
    });
  });

  it('without a limit it only counts up', () => {
    const s = setSpeakingLimit(speaking, 0, 0);
    expect(readTimer(s.current!, s, T0 + 999_000)).toEqual({
      elapsedSeconds: 999,
      remainingSeconds: null,
      phase: 'unlimited',
    });
  });

  it("adds up each member's time on the item, the current speech up to now", () => {
    let s = stopSpeaker(speaking, T0 + 60_000);
    s = giveFloor(ask(ask(s, 'binh'), 'an', 'reply'), { turnId: 't2', now: T0 + 70_000 });
    s = giveFloor(s, { turnId: 't3', now: T0 + 100_000 });
    expect(Object.fromEntries(speakingTotals(s, T0 + 115_000))).toEqual({ an: 75, binh: 30 });
  });

  it.each<[number, string]>([
    [0, '0:00'],
    [65, '1:05'],
    [-7, '−0:07'],
  ])('formats %s s as %s', (seconds, text) => {
    expect(formatSeconds(seconds)).toBe(text);
  });
});
