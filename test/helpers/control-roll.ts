/**
 * Reads one poll of the control document as an attacker holding the store's files would
 * (issue 10 §3, the voter list): every stored update and snapshot of `meeting/<id>/control` is
 * replayed into a document that keeps deleted content, then every Yjs item under the poll's
 * entry — live or overwritten, map key or array element — is listed in the order the server
 * created it (its Lamport clock). Wherever a voter's id appears in that listing, the order of
 * appearance is what the items "remember" about who voted when.
 */
import * as Y from 'yjs';
import type { RawEntry } from './leveldb-raw';

export interface RollTarget {
  meetingId: string;
  pollId: string;
  voters: readonly string[];
}

/**
 * Keys of the poll entry left out: `eligible`, written once when the poll opens, names who
 * may vote (everyone present), not who did.
 */
const NOT_THE_ROLL = new Set(['eligible']);

interface Mention {
  client: number;
  clock: number;
  /** Position inside the item (an array element's index); 0 for a map key. */
  index: number;
  voter: string;
}

/** The control document's stored snapshot and log entries, as one document (gc off). */
export function replayControl(entries: readonly RawEntry[], meetingId: string): Y.Doc {
  const prefix = `u\u0000meeting/${meetingId}/control\u0000`;
  const doc = new Y.Doc({ gc: false });
  for (const e of entries) {
    if (!e.key.startsWith(prefix) || !e.value) continue;
    try {
      Y.applyUpdate(doc, e.value);
    } catch {
      // a torn or foreign value: a real attacker skips it too
    }
  }
  return doc;
}

/** What a Yjs type holds its items in: a list (arrays, text) and a key map (maps). */
type Items = Pick<Y.AbstractType<unknown>, '_start' | '_map'>;

/** Items of a type in document order, with every overwritten version of each map key. */
function itemsOf(type: Items): Y.Item[] {
  const out: Y.Item[] = [];
  for (let item = type._start; item !== null; item = item.right) out.push(item);
  for (const last of type._map.values()) {
    for (let item: Y.Item | null = last; item !== null; item = item.left) out.push(item);
  }
  return out;
}

function mentions(type: Items, voters: ReadonlySet<string>, out: Mention[], top = false) {
  for (const item of itemsOf(type)) {
    if (top && item.parentSub !== null && NOT_THE_ROLL.has(item.parentSub)) continue;
    const at = { client: item.id.client, clock: item.id.clock };
    if (item.parentSub !== null && voters.has(item.parentSub))
      out.push({ ...at, index: 0, voter: item.parentSub });
    const content = item.content;
    if (content instanceof Y.ContentType) mentions(content.type, voters, out);
    else if (content instanceof Y.ContentAny) {
      content.arr.forEach((value, index) => {
        const found = JSON.stringify(value ?? null).match(/"[^"]*"/g) ?? [];
        for (const s of found) {
          const voter = JSON.parse(s) as string;
          if (voters.has(voter)) out.push({ ...at, index, voter });
        }
      });
    } else if (content instanceof Y.ContentString && voters.has(content.str))
      out.push({ ...at, index: 0, voter: content.str });
  }
}

/**
 * Voters in the order the poll entry's items name them (first mention each, by creation
 * clock, then by position inside an item). Empty when no item of the poll names a voter.
 */
export function rollItemOrder(entries: readonly RawEntry[], target: RollTarget): string[] {
  const doc = replayControl(entries, target.meetingId);
  try {
    const poll = doc.getMap('polls').get(target.pollId);
    if (!(poll instanceof Y.Map)) return [];
    const found: Mention[] = [];
    mentions(poll, new Set(target.voters), found, true);
    found.sort((a, b) => a.clock - b.clock || a.client - b.client || a.index - b.index);
    const order: string[] = [];
    for (const m of found) if (!order.includes(m.voter)) order.push(m.voter);
    return order;
  } finally {
    doc.destroy();
  }
}
