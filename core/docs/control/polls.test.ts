import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { PollView } from '../../api/votes';
import { samplePoll } from '../../testing/control-fixtures';
import { seededRandom } from '../../testing/seeded-random';
import { readPoll, writePoll } from './polls';

const ELIGIBLE = ['an', 'binh', 'chi', 'dao', 'em', 'giang'];

function view(kind: PollView['kind'], patch: Partial<PollView> = {}): PollView {
  return samplePoll({
    agendaItemId: 'a1',
    kind,
    rule: 'absolute',
    state: 'open',
    openedAt: 2,
    eligible: ELIGIBLE,
    memberCount: ELIGIBLE.length,
    ...patch,
  });
}

function shuffled(list: readonly string[], seed: number): string[] {
  const random = seededRandom(seed);
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as string, out[i] as string];
  }
  return out;
}

/** Member ids of the poll's `voters` content, in the order the Yjs items were created. */
function itemOrder(doc: Y.Doc): string[] {
  const entry = doc.getMap('polls').get('p1') as Y.Map<unknown>;
  const voters = entry.get('voters');
  if (voters instanceof Y.Map) {
    return [...voters._map.entries()]
      .sort(([, a], [, b]) => a.id.clock - b.id.clock)
      .map(([key]) => key);
  }
  return Array.isArray(voters) ? (voters as string[]) : [];
}

/** Writes a poll as the server would, one ballot per transaction, in the given voting order. */
function runPoll(kind: PollView['kind'], order: readonly string[]) {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  const write = (v: PollView) => doc.transact(() => writePoll(doc, v));
  write(view(kind));
  const named = kind === 'named';
  order.forEach((_, i) => {
    const voted = order.slice(0, i + 1);
    write(view(kind, { voters: named ? [...voted].sort() : [], ballotsCast: voted.length }));
  });
  const open = { doc: Y.encodeStateAsUpdate(doc), updates: [...updates] };
  write(view(kind, { state: 'closed', voters: [...order].sort(), ballotsCast: order.length }));
  write(view(kind, { state: 'published', voters: [...order].sort(), ballotsCast: order.length }));
  return { doc, updates, open };
}

const sorted = [...ELIGIBLE].sort();
const utf8 = new TextEncoder();
/** Whether `needle`'s bytes occur in `haystack` (a member id inside an encoded update). */
function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let k = 0; k < needle.length; k++) if (haystack[i + k] !== needle[k]) continue outer;
    return true;
  }
  return false;
}
const names = (update: Uint8Array) => ELIGIBLE.filter((id) => contains(update, utf8.encode(id)));

describe('the control document’s voter roll', () => {
  it.each([1, 2, 3, 4])(
    'secret poll, voting order %i: a count while open, then a sorted roll',
    (seed) => {
      const order = shuffled(ELIGIBLE, seed);
      expect(order).not.toEqual(sorted);
      const { doc, updates, open } = runPoll('secret', order);
      const openDoc = new Y.Doc();
      Y.applyUpdate(openDoc, open.doc);
      expect(readPoll(openDoc, 'p1')).toMatchObject({ voters: [], ballotsCast: ELIGIBLE.length });
      // No update while open names a member (the eligible list was written at open, before any).
      expect(open.updates.slice(1).flatMap(names)).toEqual([]);
      expect(readPoll(doc, 'p1')).toMatchObject({ voters: sorted, ballotsCast: ELIGIBLE.length });
      expect(itemOrder(doc)).toEqual(sorted);
      // The roll is written once: by close, and publishing does not write it again.
      expect(updates.filter((u, i) => i > 0 && names(u).length > 0)).toHaveLength(1);
    },
  );

  it('named poll: one key per ballot, as before (its order is no secret)', () => {
    const order = shuffled(ELIGIBLE, 1);
    const { doc, open } = runPoll('named', order);
    const openDoc = new Y.Doc();
    Y.applyUpdate(openDoc, open.doc);
    expect(readPoll(openDoc, 'p1')).toMatchObject({ voters: sorted, ballotsCast: 6 });
    expect(itemOrder(doc)).toEqual(order);
    expect(doc.getMap('polls').get('p1')).toBeInstanceOf(Y.Map);
    expect((doc.getMap('polls').get('p1') as Y.Map<unknown>).has('ballotsCast')).toBe(false);
  });

  it('drops the per-ballot map an older version wrote for a secret poll still open', () => {
    const doc = new Y.Doc();
    const entry = new Y.Map<unknown>();
    doc.getMap('polls').set('p1', entry);
    const old = new Y.Map<unknown>();
    entry.set('voters', old);
    old.set('em', true);
    old.set('an', true);
    writePoll(doc, view('secret', { ballotsCast: 2 }));
    expect(entry.has('voters')).toBe(false);
    expect(readPoll(doc, 'p1')).toMatchObject({ voters: [], ballotsCast: 2 });
  });

  it('reads a count below the roll as the roll’s length, and ignores junk in the roll', () => {
    const doc = new Y.Doc();
    writePoll(doc, view('secret', { state: 'closed', voters: ['an', 'em'], ballotsCast: 2 }));
    const entry = doc.getMap('polls').get('p1') as Y.Map<unknown>;
    entry.set('ballotsCast', 'many');
    entry.set('voters', ['em', 7, 'an', 'em']);
    expect(readPoll(doc, 'p1')).toMatchObject({ voters: ['an', 'em'], ballotsCast: 2 });
  });

  it('keeps the latecomers the chair admitted; entries without the field read as none', () => {
    const doc = new Y.Doc();
    const admitted = [{ memberId: 'giang', at: 5 }];
    writePoll(doc, view('named', { admitted }));
    expect(readPoll(doc, 'p1')?.admitted).toEqual(admitted);
    const entry = doc.getMap('polls').get('p1') as Y.Map<unknown>;
    entry.set('admitted', [{ memberId: 'an' }, 'junk', { memberId: 'em', at: 9 }]);
    expect(readPoll(doc, 'p1')?.admitted).toEqual([{ memberId: 'em', at: 9 }]);
    entry.delete('admitted');
    expect(readPoll(doc, 'p1')?.admitted).toEqual([]);
  });
});
