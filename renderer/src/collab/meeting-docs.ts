import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { controlDocName, privateDocName, sharedDocName } from '../../../core/docs/names';
import { ApiError, call } from '../api/client';
import { sessionStore } from '../session/session';
import { ConnectionWatch, type ConnectionProblem, reconnectsByItself } from './connection-watch';
import { ticketedConnection, type FetchSyncTicket } from './sync-ticket';

export type SyncStatus = 'connecting' | 'connected' | 'disconnected';
export type MeetingDocKind = 'control' | 'shared' | 'private';
export const MEETING_DOC_KINDS: readonly MeetingDocKind[] = ['control', 'shared', 'private'];

/** A local copy of a document that outlives the tab (IndexedDB in the browser). */
export interface LocalCopy {
  destroy(): Promise<void> | void;
}

/** The browser services the documents use; Node tests pass `ws` and no local copies. */
export interface MeetingDocsPlatform {
  WebSocket?: typeof globalThis.WebSocket;
  localCopy(name: string, doc: Y.Doc): LocalCopy | null;
}

const browserPlatform: MeetingDocsPlatform = {
  localCopy: (name, doc) => new IndexeddbPersistence(name, doc),
};

interface Entry {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Local copy in IndexedDB, so marks made offline survive a reload; never for control. */
  persistence: LocalCopy | null;
  stopTickets: () => void;
  /** Why the server closed this connection, until it is healthy again (the room's banner). */
  watch: ConnectionWatch;
  status: SyncStatus;
  synced: boolean;
}

/** A one-time sync ticket through the API client (its 401 ends the session). */
const apiTicket: FetchSyncTicket = async () => (await call('syncTicket')).ticket;

/**
 * Ends the local session as expired if the server no longer knows it — unless it ended (or
 * changed) meanwhile, as after this tab's own logout, which must stay a logout.
 */
async function endIfGone(serverOrigin: string): Promise<void> {
  if (!sessionStore.get().session) return;
  // The client ends the session on a 401, and only if it is still the one that was refused.
  await call('me', { origin: serverOrigin }).catch(() => null);
}

/** No ticket because the session is gone or refused: reconnecting cannot help. */
const sessionGone = (error: unknown): boolean =>
  error instanceof ApiError && (error.status === 401 || error.status === 403);

/**
 * The three Yjs documents of one meeting for one member (DESIGN.md), each with its own
 * y-websocket connection opened with a one-time ticket (never the session token in a URL).
 * The control document is read-only here: the server writes it and refuses client writes.
 */
export class MeetingDocs {
  private readonly entries: Partial<Record<MeetingDocKind, Entry>>;
  /** Empty stand-ins for the kinds this room does not open (the room's screen: control only). */
  private readonly unopened = new Map<MeetingDocKind, Y.Doc>();
  private readonly listeners = new Set<() => void>();
  private readonly connectionListeners = new Set<() => void>();
  private version = 0;
  private connectionVersion = 0;

  constructor(
    serverOrigin: string,
    meetingId: string,
    memberId: string,
    fetchTicket: FetchSyncTicket = apiTicket,
    platform: MeetingDocsPlatform = browserPlatform,
    /** Which documents to open; the others read as empty and are never connected. */
    kinds: readonly MeetingDocKind[] = MEETING_DOC_KINDS,
  ) {
    const url = `${serverOrigin.replace(/^http/, 'ws')}/sync`;
    const open = (name: string, persist: boolean): Entry => {
      const doc = new Y.Doc();
      // Keyed by member too: two members on one browser profile never share a cache. The
      // control document is the server's alone, so it is always taken fresh from the server.
      const persistence = persist ? platform.localCopy(`${name}#${memberId}`, doc) : null;
      // No BroadcastChannel: tabs of different members would otherwise pass each other updates
      // that the server never authorized.
      const provider = new WebsocketProvider(url, name, doc, {
        connect: false,
        maxBackoffTime: 5000,
        disableBc: true,
        ...(platform.WebSocket ? { WebSocketPolyfill: platform.WebSocket } : {}),
        shouldReconnect: reconnectsByItself,
      });
      const tickets = ticketedConnection(provider, fetchTicket, () => {}, sessionGone);
      const watch = new ConnectionWatch(provider, tickets.resume, () => this.changed(true));
      const entry: Entry = {
        doc,
        provider,
        persistence,
        stopTickets: tickets.stop,
        watch,
        status: 'connecting',
        synced: false,
      };
      provider.on('status', ({ status }: { status: SyncStatus }) => {
        entry.status = status;
        this.changed(true);
      });
      // 4401: the server ended the session (logout elsewhere, expiry): back to the login screen.
      provider.on('closed', ({ code }: { code: number }) => {
        if (code === 4401) void endIfGone(serverOrigin);
      });
      provider.on('sync', (synced: boolean) => {
        entry.synced = synced;
        this.changed(true);
      });
      doc.on('update', () => this.changed());
      return entry;
    };
    const names: Record<MeetingDocKind, [string, boolean]> = {
      control: [controlDocName(meetingId), false],
      shared: [sharedDocName(meetingId), true],
      private: [privateDocName(meetingId, memberId), true],
    };
    this.entries = Object.fromEntries(
      kinds.map((kind) => [kind, open(...names[kind])] as const),
    ) as Partial<Record<MeetingDocKind, Entry>>;
  }

  doc(kind: MeetingDocKind): Y.Doc {
    const entry = this.entries[kind];
    if (entry) return entry.doc;
    let stand = this.unopened.get(kind);
    if (!stand) this.unopened.set(kind, (stand = new Y.Doc()));
    return stand;
  }

  /** The provider of an opened document (throws for one this room did not open). */
  provider(kind: MeetingDocKind): WebsocketProvider {
    const entry = this.entries[kind];
    if (!entry) throw new Error(`the ${kind} document is not open in this room`);
    return entry.provider;
  }

  private opened(): Entry[] {
    return Object.values(this.entries);
  }

  /** Connected only when every document is; disconnected when any is. */
  status(): SyncStatus {
    const all = this.opened().map((e) => e.status);
    if (all.every((s) => s === 'connected')) return 'connected';
    if (all.some((s) => s === 'disconnected')) return 'disconnected';
    return 'connecting';
  }

  /** Each document whose connection the server closed with a reason, until it is healthy again. */
  problems(): { kind: MeetingDocKind; problem: ConnectionProblem }[] {
    return (Object.keys(this.entries) as MeetingDocKind[]).flatMap((kind) => {
      const problem = this.entries[kind]?.watch.problem();
      return problem ? [{ kind, problem }] : [];
    });
  }

  synced(kind: MeetingDocKind): boolean {
    return this.entries[kind]?.synced ?? false;
  }

  /** A number that changes whenever any document or connection changes (for useSyncExternalStore). */
  snapshot(): number {
    return this.version;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Connection changes only (status, sync, close reasons), not document updates. */
  /** A number that changes whenever a connection changes (not on document updates). */
  connectionSnapshot(): number {
    return this.connectionVersion;
  }

  subscribeConnection(listener: () => void): () => void {
    this.connectionListeners.add(listener);
    return () => this.connectionListeners.delete(listener);
  }

  destroy(): void {
    for (const doc of this.unopened.values()) doc.destroy();
    for (const entry of this.opened()) {
      entry.stopTickets();
      entry.watch.stop();
      entry.provider.destroy();
      void entry.persistence?.destroy();
      entry.doc.destroy();
    }
    this.listeners.clear();
    this.connectionListeners.clear();
  }

  private changed(connection = false): void {
    this.version++;
    if (connection) {
      this.connectionVersion++;
      for (const listener of this.connectionListeners) listener();
    }
    for (const listener of this.listeners) listener();
  }
}
