import { describe, expect, it } from 'vitest';
import type { Tally } from '../votes/tally';
import { parseElection } from './election';
import { preliminariesPending, preliminaryPollDraft } from './preliminaries';

const election = parseElection({
  id: 'e1',
  title: 'Bầu Ban Chấp hành',
  seats: 2,
  candidates: [
    { id: 'c1', name: 'Nguyễn Tiến Sỹ' },
    { id: 'c2', name: 'Lê Thị Hòa' },
    { id: 'c3', name: 'Phạm Văn An' },
  ],
  preliminaries: { candidateListPollId: 'p-list', seatsPollId: 'p-seats' },
});
const tally = (outcome: Tally['outcome']): Tally => ({ outcome }) as Tally;

describe('preliminary motions', () => {
  it('are ordinary poll drafts with the default options', () => {
    const draft = preliminaryPollDraft('candidate-list', election, 'item-1');
    expect(draft).toMatchObject({
      agendaItemId: 'item-1',
      kind: 'named',
      rule: 'absolute',
      base: 'present',
    });
    expect(draft.title).toContain('3 người');
    expect(draft.options.map((o) => o.id)).toEqual(['for', 'against', 'abstain']);
    expect(preliminaryPollDraft('seats', election, 'item-1').title).toContain('2 người');
  });
  it.each([
    [{}, ['candidate-list', 'seats']],
    [{ 'p-list': tally('passed') }, ['seats']],
    [{ 'p-list': tally('passed'), 'p-seats': tally('not-reached') }, ['seats']],
    [{ 'p-list': tally('passed'), 'p-seats': tally('passed') }, []],
  ])('pending with %j: %j', (tallies, pending) => {
    expect(preliminariesPending(election, tallies)).toEqual(pending);
  });
  it('an election without linked polls has nothing pending', () => {
    expect(preliminariesPending({ ...election, preliminaries: {} }, {})).toEqual([]);
  });
});
