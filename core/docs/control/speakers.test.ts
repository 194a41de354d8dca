import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { EMPTY_FLOOR, giveFloor, requestFloor } from '../../speakers/floor';
import { readSpeakers, speakersMap, writeFloor } from './speakers';

const T0 = Date.UTC(2027, 2, 4, 1, 30);

describe('the speakers part of the control document', () => {
  it('reads back what the server wrote, per item', () => {
    const doc = new Y.Doc();
    let floor = requestFloor(EMPTY_FLOOR, { id: 'r1', memberId: 'an', kind: 'reply', now: T0 });
    floor = requestFloor(floor, { id: 'r2', memberId: 'binh', kind: 'speech', now: T0 + 1 });
    floor = giveFloor(floor, { turnId: 't1', now: T0 + 2 });
    writeFloor(doc, 'item-1', floor);
    expect(readSpeakers(doc)).toEqual({ 'item-1': floor });
  });

  it('skips what it cannot read instead of throwing (a client cannot repair the document)', () => {
    const doc = new Y.Doc();
    const map = speakersMap(doc);
    map.set('not-an-object', 'text');
    map.set('item-2', {
      queue: [
        { id: 'r1', memberId: 'an', kind: 'shout', requestedAt: T0, accepted: false },
        { id: 'r2', memberId: 'binh', kind: 'speech', requestedAt: T0, accepted: false },
        null,
      ],
      current: { id: 't', memberId: 'chi', kind: 'speech', startedAt: 'soon', endedAt: null },
      spoken: 'nobody',
      limitSeconds: -5,
    });
    expect(readSpeakers(doc)).toEqual({
      'item-2': {
        queue: [{ id: 'r2', memberId: 'binh', kind: 'speech', requestedAt: T0, accepted: false }],
        current: null,
        spoken: [],
        limitSeconds: EMPTY_FLOOR.limitSeconds,
        warnSeconds: EMPTY_FLOOR.warnSeconds,
      },
    });
  });
});
