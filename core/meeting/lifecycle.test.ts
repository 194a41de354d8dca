import { describe, expect, it } from 'vitest';
import { isCodedError } from '../errors/coded-error';
import {
  allows,
  canStep,
  GATES,
  LIFECYCLE_EVENT_KINDS,
  MEETING_LIFECYCLES,
  requireAllowed,
  SCHEDULED,
  setCurrentItem,
  stepLifecycle,
  type LifecycleEventKind,
  type LifecycleGated,
  type MeetingLifecycle,
  type MeetingLifecycleState,
} from './lifecycle';

const T0 = '2030-03-01T01:00:00.000Z';
const later = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

function inState(lifecycle: MeetingLifecycle): MeetingLifecycleState {
  const path: Record<MeetingLifecycle, LifecycleEventKind[]> = {
    scheduled: [],
    open: ['open'],
    paused: ['open', 'pause'],
    closed: ['open', 'close'],
  };
  return path[lifecycle].reduce(
    (s, kind, i) => stepLifecycle(s, kind, later(i), 'chu-toa'),
    SCHEDULED,
  );
}

describe('meeting lifecycle transitions (table)', () => {
  const table: Record<MeetingLifecycle, Partial<Record<LifecycleEventKind, MeetingLifecycle>>> = {
    scheduled: { open: 'open' },
    open: { pause: 'paused', close: 'closed' },
    paused: { resume: 'open', close: 'closed' },
    closed: {},
  };
  for (const from of MEETING_LIFECYCLES)
    for (const kind of LIFECYCLE_EVENT_KINDS) {
      const to = table[from][kind];
      it(`${from} --${kind}--> ${to ?? 'refused'}`, () => {
        const before = inState(from);
        const frozen = JSON.stringify(before);
        expect(canStep(from, kind)).toBe(to !== undefined);
        if (to === undefined) {
          let error: unknown;
          try {
            stepLifecycle(before, kind, later(10), 'chu-toa');
          } catch (e) {
            error = e;
          }
          expect(isCodedError(error, 'meeting-transition-refused')).toBe(true);
        } else {
          const after = stepLifecycle(before, kind, later(10), 'chu-toa');
          expect(after.lifecycle).toBe(to);
          expect(after.events.at(-1)).toEqual({ kind, at: later(10), by: 'chu-toa' });
          expect(after.events).toHaveLength(before.events.length + 1);
        }
        expect(JSON.stringify(before)).toBe(frozen);
      });
    }
});

describe('what each state allows (table)', () => {
  const table: Record<LifecycleGated, MeetingLifecycle[]> = {
    'attendance.checkIn': ['open'],
    'attendance.mark': ['scheduled', 'open', 'paused'],
    'poll.admit': ['open'],
    'ballot.cast': ['open'],
    'poll.open': ['open'],
    'currentItem.set': ['open', 'paused'],
    'floor.request': ['open'],
    'floor.manage': ['open', 'paused'],
  };
  it('matches the table exactly', () => {
    expect(GATES).toEqual(table);
  });
  const why: Record<MeetingLifecycle, string | null> = {
    scheduled: 'meeting-not-opened',
    open: null,
    paused: 'meeting-paused',
    closed: 'meeting-closed',
  };
  for (const gated of Object.keys(table) as LifecycleGated[])
    for (const state of MEETING_LIFECYCLES)
      it(`${gated} while ${state}`, () => {
        const allowed = table[gated].includes(state);
        expect(allows(state, gated)).toBe(allowed);
        let error: unknown = null;
        try {
          requireAllowed(state, gated);
        } catch (e) {
          error = e;
        }
        if (allowed) expect(error).toBeNull();
        else expect(isCodedError(error, why[state] ?? '')).toBe(true);
      });
});

describe('times and the current item', () => {
  it('records openedAt at khai mạc and closedAt at bế mạc, keeping openedAt through a break', () => {
    let s = stepLifecycle(SCHEDULED, 'open', later(0), 'chu-toa');
    s = stepLifecycle(s, 'pause', later(30), 'chu-toa');
    s = stepLifecycle(s, 'resume', later(45), 'chu-toa');
    s = stepLifecycle(s, 'close', later(90), 'chu-toa');
    expect(s).toMatchObject({ lifecycle: 'closed', openedAt: later(0), closedAt: later(90) });
    expect(s.events.map((e) => e.kind)).toEqual(['open', 'pause', 'resume', 'close']);
  });

  it('refuses a time that is not ISO UTC or that precedes the last step', () => {
    const open = stepLifecycle(SCHEDULED, 'open', later(5), 'chu-toa');
    for (const bad of ['hôm nay', '2030-03-01 01:00', later(4)]) {
      expect(() => stepLifecycle(open, 'pause', bad, 'chu-toa')).toThrow(
        expect.objectContaining({ code: 'meeting-bad-time' }),
      );
    }
  });

  it('sets the current item while open or paused only', () => {
    expect(setCurrentItem(inState('open'), 'muc-2').currentItemId).toBe('muc-2');
    expect(setCurrentItem(inState('paused'), 'muc-3').currentItemId).toBe('muc-3');
    expect(setCurrentItem(inState('open'), null).currentItemId).toBeNull();
    expect(() => setCurrentItem(SCHEDULED, 'muc-1')).toThrow(
      expect.objectContaining({ code: 'meeting-not-opened' }),
    );
    expect(() => setCurrentItem(inState('closed'), 'muc-1')).toThrow(
      expect.objectContaining({ code: 'meeting-closed' }),
    );
  });
});
