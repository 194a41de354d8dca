/** The speaking timer everyone sees, and each member's total on an item: pure arithmetic. */
import type { FloorState, FloorTurn } from './floor';

export type TimerPhase = 'running' | 'warning' | 'over' | 'unlimited';

export interface TimerReading {
  elapsedSeconds: number;
  /** Seconds left before the limit (negative once over); null without a limit. */
  remainingSeconds: number | null;
  phase: TimerPhase;
}

/** The current speaker's timer at `now` (epoch ms). */
export function readTimer(turn: FloorTurn, floor: FloorState, now: number): TimerReading {
  const end = turn.endedAt ?? now;
  const elapsedSeconds = Math.max(0, Math.floor((end - turn.startedAt) / 1000));
  if (floor.limitSeconds === 0)
    return { elapsedSeconds, remainingSeconds: null, phase: 'unlimited' };
  const remainingSeconds = floor.limitSeconds - elapsedSeconds;
  const phase: TimerPhase =
    remainingSeconds < 0 ? 'over' : remainingSeconds <= floor.warnSeconds ? 'warning' : 'running';
  return { elapsedSeconds, remainingSeconds, phase };
}

/** Seconds each member has spoken on this item, the current speech counted up to `now`. */
export function speakingTotals(floor: FloorState, now: number): Map<string, number> {
  const totals = new Map<string, number>();
  const turns = floor.current ? [...floor.spoken, floor.current] : floor.spoken;
  for (const t of turns) {
    const seconds = Math.max(0, Math.floor(((t.endedAt ?? now) - t.startedAt) / 1000));
    totals.set(t.memberId, (totals.get(t.memberId) ?? 0) + seconds);
  }
  return totals;
}

/** "m:ss", with a minus sign once over time. */
export function formatSeconds(seconds: number): string {
  const sign = seconds < 0 ? '−' : '';
  const abs = Math.abs(seconds);
  return `${sign}${Math.floor(abs / 60)}:${String(abs % 60).padStart(2, '0')}`;
}
