import type * as Y from 'yjs';
import {
  CONTROL_PARTS,
  observeControlPart,
  type ControlPart,
  type ControlViews,
} from '../../../core/docs/control';

/** What a part source needs of the meeting's documents (MeetingDocs is one). */
export interface ControlSource {
  doc(kind: 'control'): Y.Doc;
  synced(kind: 'control'): boolean;
  /** Connection changes (status, sync, close reasons) — not document updates. */
  subscribeConnection(listener: () => void): () => void;
}

/** A useSyncExternalStore source for one part of the control document. */
export interface PartSource<T> {
  subscribe(onChange: () => void): () => void;
  /** The part's view, null until the control document has synced; the same object until it changes. */
  getSnapshot(): T | null;
}

/**
 * One part of the control document as a store that changes only when that part's Y type does
 * (observeDeep) or when the control document's synced flag flips: typing in the minutes draft or
 * a new ballot leaves the agenda's readers and components alone. The view is read lazily, once
 * per change, whatever the number of subscribers.
 */
export function controlPartSource<P extends ControlPart>(
  source: ControlSource,
  part: P,
  read: (doc: Y.Doc) => ControlViews[P] = CONTROL_PARTS[part].read,
): PartSource<ControlViews[P]> {
  const listeners = new Set<() => void>();
  let cached: { value: ControlViews[P] | null } | null = null;
  let synced = source.synced('control');
  const changed = (): void => {
    cached = null;
    for (const listener of [...listeners]) listener();
  };
  // Both live as long as the documents: Y.Doc.destroy and MeetingDocs.destroy drop them.
  observeControlPart(source.doc('control'), part, changed);
  source.subscribeConnection(() => {
    if (source.synced('control') === synced) return;
    synced = !synced;
    changed();
  });
  return {
    subscribe(onChange) {
      listeners.add(onChange);
      return () => listeners.delete(onChange);
    },
    getSnapshot() {
      cached ??= { value: source.synced('control') ? read(source.doc('control')) : null };
      return cached.value;
    },
  };
}

const sources = new WeakMap<ControlSource, Map<ControlPart, PartSource<unknown>>>();

/** The shared source of `part` for these documents (one per part, however many components read it). */
export function partSourceFor<P extends ControlPart>(
  source: ControlSource,
  part: P,
): PartSource<ControlViews[P]> {
  let parts = sources.get(source);
  if (!parts) {
    parts = new Map();
    sources.set(source, parts);
  }
  let found = parts.get(part) as PartSource<ControlViews[P]> | undefined;
  if (!found) {
    found = controlPartSource(source, part);
    parts.set(part, found);
  }
  return found;
}
