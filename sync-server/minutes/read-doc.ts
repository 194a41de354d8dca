/**
 * Reads a document through the rooms, loaded and queued like every server write. Rooms has no
 * read call of its own: a transaction that changes nothing stores and broadcasts nothing
 * (Room.transact keeps only non-empty updates), so this is a pure read in the same order.
 */
import type * as Y from 'yjs';
import type { Rooms } from '../rooms/manager';

export async function readDocument<T>(
  rooms: Rooms,
  docName: string,
  read: (doc: Y.Doc) => T,
): Promise<T> {
  let result: { value: T } | null = null;
  await rooms.transact(docName, (doc) => {
    result = { value: read(doc) };
  });
  if (result === null) throw new Error(`reading ${docName} did not run`);
  return (result as { value: T }).value;
}
