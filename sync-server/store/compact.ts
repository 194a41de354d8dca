import * as Y from 'yjs';
import type { DocumentStore } from './types';

/**
 * Folds a document's update log into a new snapshot. The state is rebuilt from what is durable
 * (not from a room's memory) in a fresh Y.Doc, so garbage collection runs and the snapshot is
 * exactly the stored content; updates appended while this runs are kept for the next round.
 * Returns the number of updates folded.
 */
export async function compactDocument(store: DocumentStore, name: string): Promise<number> {
  const stored = await store.loadDocument(name);
  if (stored.updates.length === 0) return 0;
  const doc = rebuildDocument(stored.snapshot, stored.updates);
  try {
    await store.compact(name, Y.encodeStateAsUpdate(doc), stored.through);
  } finally {
    doc.destroy();
  }
  return stored.updates.length;
}

/**
 * Applies a snapshot and updates to `doc` (a new Y.Doc by default). An update that fails to apply is skipped and
 * reported through `onBadUpdate`, so one bad log entry cannot make a document unloadable.
 */
export function rebuildDocument(
  snapshot: Uint8Array | null,
  updates: readonly Uint8Array[],
  onBadUpdate: (index: number, error: unknown) => void = () => {},
  doc: Y.Doc = new Y.Doc(),
): Y.Doc {
  doc.transact(() => {
    if (snapshot) Y.applyUpdate(doc, snapshot);
    updates.forEach((update, index) => {
      try {
        Y.applyUpdate(doc, update);
      } catch (error) {
        onBadUpdate(index, error);
      }
    });
  });
  return doc;
}
