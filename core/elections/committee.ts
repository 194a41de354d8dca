/**
 * What the vote-counting committee (ban kiểm phiếu) and everyone else may see of a round, by
 * the round's state: pure data the server filters with and the UI reads. While the box is
 * open only the number of ballots received is shown, to everyone (a running count per
 * candidate would let a watcher learn each ballot as it lands).
 */
export type RoundState = 'open' | 'counting' | 'confirmed';
export type RoundView = 'received-count' | 'anonymous-ballots' | 'count' | 'result';

export const ROUND_VISIBILITY: Record<
  RoundState,
  { committee: readonly RoundView[]; others: readonly RoundView[] }
> = {
  // How many ballots are in the box is the room's to see, as a poll's progress is (the room's
  // screen shows it); what they say is the committee's alone until it confirms the count.
  open: { committee: ['received-count'], others: ['received-count'] },
  counting: {
    committee: ['received-count', 'anonymous-ballots', 'count'],
    others: ['received-count'],
  },
  confirmed: {
    committee: ['received-count', 'anonymous-ballots', 'count', 'result'],
    others: ['received-count', 'anonymous-ballots', 'count', 'result'],
  },
};

export function maySee(state: RoundState, onCommittee: boolean, view: RoundView): boolean {
  const row = ROUND_VISIBILITY[state];
  return (onCommittee ? row.committee : row.others).includes(view);
}
