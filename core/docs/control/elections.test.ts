import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { closeRound, confirmRound, newElectionRecord, openRound } from '../../elections/conduct';
import { castElectionBallot } from '../../elections/conduct';
import { parseElection } from '../../elections/election';
import { electionLive, electionsMap, readElections, writeElection } from './elections';

const election = parseElection({
  id: 'e1',
  title: 'Bầu Ban Kiểm tra',
  seats: 1,
  candidates: [
    { id: 'a', name: 'A' },
    { id: 'b', name: 'B' },
  ],
});
const hex = (n: number) => n.toString(16).padStart(64, '0');

describe('the elections part of the control document', () => {
  it('shows received against issued while open, the count only once confirmed', () => {
    let record = openRound(newElectionRecord('m', 'i', election, ['v1'], 'chair', 0), ['v1', 'v2']);
    const cast = castElectionBallot(record, 'v2', 1, { kept: ['a'], commitment: hex(1) }, (c) => c);
    record = cast.record;
    const doc = new Y.Doc();
    writeElection(doc, electionLive(record));
    expect(readElections(doc).e1?.rounds[0]).toMatchObject({
      state: 'open',
      issued: 2,
      received: 1,
      count: null,
    });
    expect(JSON.stringify(readElections(doc))).not.toContain('v2');
    record = closeRound(record, 1, () => [{ commitment: hex(1), ballot: { kept: ['a'] } }]);
    writeElection(doc, electionLive(record));
    expect(readElections(doc).e1?.rounds[0]?.count).toBeNull();
    record = confirmRound(record, 1);
    writeElection(doc, electionLive(record));
    expect(readElections(doc).e1).toMatchObject({ status: 'complete', elected: ['a'] });
    expect(readElections(doc).e1?.rounds[0]?.count?.votes).toEqual({ a: 1, b: 0 });
  });

  it('skips what it cannot read', () => {
    const doc = new Y.Doc();
    electionsMap(doc).set('junk', 'x');
    electionsMap(doc).set('half', { id: 'half', title: 't' });
    expect(readElections(doc)).toEqual({});
  });
});
