import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { controlDocName, privateDocName, sharedDocName } from '../../../core/docs/names';

export type SyncStatus = 'connecting' | 'connected' | 'disconnected';
export type MeetingDocKind = 'control' | 'shared' | 'private';

interface Entry {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Local copy in IndexedDB, so marks made offline survive a reload; never for control. */
  persistence: IndexeddbPersistence | null;
  status: SyncStatus;
  synced: boolean;
}

/**
 * The three Yjs documents of one meeting for one member (DESIGN.md), each with its own
 * y-websocket connection carrying the session token. The control document is read-only
 * here: the server writes it and refuses client writes.
 */
export class MeetingDocs {
  private readonly entries: Record<MeetingDocKind, Entry>;
  private readonly listeners = new Set<() => void>();
  private version = 0;

  constructor(serverOrigin: string, meetingId: string, memberId: string, token: string) {
    const url = `${serverOrigin.replace(/^http/, 'ws')}/sync`;
    const open = (name: string, persist: boolean): Entry => {
      const doc = new Y.Doc();
      // Keyed by member too: two members on one browser profile never share a cache. The
      // control document is the server's alone, so it is always taken fresh from the server.
      const persistence = persist ? new IndexeddbPersistence(`${name}#${memberId}`, doc) : null;
      // No BroadcastChannel: tabs of different members would otherwise pass each other updates
      // that the server never authorized.
      const provider = new WebsocketProvider(url, name, doc, {
        params: { token },
        maxBackoffTime: 5000,
        disableBc: true,
      });
      const entry: Entry = { doc, provider, persistence, status: 'connecting', synced: false };
      provider.on('status', ({ status }: { status: SyncStatus }) => {
        entry.status = status;
        this.changed();
      });
      provider.on('sync', (synced: boolean) => {
        entry.synced = synced;
        this.changed();
      });
      doc.on('update', () => this.changed());
      return entry;
    };
    this.entries = {
      control: open(controlDocName(meetingId), false),
      shared: open(sharedDocName(meetingId), true),
      private: open(privateDocName(meetingId, memberId), true),
    };
  }

  doc(kind: MeetingDocKind): Y.Doc {
    return this.entries[kind].doc;
  }

  provider(kind: MeetingDocKind): WebsocketProvider {
    return this.entries[kind].provider;
  }

  /** Connected only when every document is; disconnected when any is. */
  status(): SyncStatus {
    const all = Object.values(this.entries).map((e) => e.status);
    if (all.every((s) => s === 'connected')) return 'connected';
    if (all.some((s) => s === 'disconnected')) return 'disconnected';
    return 'connecting';
  }

  synced(kind: MeetingDocKind): boolean {
    return this.entries[kind].synced;
  }

  /** A number that changes whenever any document or connection changes (for useSyncExternalStore). */
  snapshot(): number {
    return this.version;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  destroy(): void {
    for (const entry of Object.values(this.entries)) {
      entry.provider.destroy();
      void entry.persistence?.destroy();
      entry.doc.destroy();
    }
    this.listeners.clear();
  }

  private changed(): void {
    this.version++;
    for (const listener of this.listeners) listener();
  }
}
