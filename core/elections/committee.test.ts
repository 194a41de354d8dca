import { describe, expect, it } from 'vitest';
import { maySee, type RoundState, type RoundView } from './committee';

describe('what a round shows, and to whom', () => {
  const table: [RoundState, RoundView, committee: boolean, others: boolean][] = [
    ['open', 'received-count', true, true],
    ['open', 'anonymous-ballots', false, false],
    ['open', 'count', false, false],
    ['open', 'result', false, false],
    ['counting', 'received-count', true, true],
    ['counting', 'anonymous-ballots', true, false],
    ['counting', 'count', true, false],
    ['counting', 'result', false, false],
    ['confirmed', 'received-count', true, true],
    ['confirmed', 'anonymous-ballots', true, true],
    ['confirmed', 'count', true, true],
    ['confirmed', 'result', true, true],
  ];
  it.each(table)('%s / %s: committee %s, others %s', (state, view, committee, others) => {
    expect(maySee(state, true, view)).toBe(committee);
    expect(maySee(state, false, view)).toBe(others);
  });
});
