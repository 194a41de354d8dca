import {
  createContext,
  useContext,
  useEffect,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import type { ControlPart, ControlViews } from '../../../core/docs/control';
import { partSourceFor } from './control-parts';
import { MEETING_DOC_KINDS, MeetingDocs, type MeetingDocKind } from './meeting-docs';

const Context = createContext<MeetingDocs | null>(null);

interface Props {
  meetingId: string;
  memberId: string;
  token: string;
  /** The documents to open (default all three; the room's screen opens the control one only). */
  kinds?: readonly MeetingDocKind[];
  children: ReactNode;
}

/** Opens the meeting's documents for as long as the room is shown. */
export function MeetingDocsProvider({
  meetingId,
  memberId,
  token,
  kinds = MEETING_DOC_KINDS,
  children,
}: Props) {
  const [docs, setDocs] = useState<MeetingDocs | null>(null);
  useEffect(() => {
    // The token is a dependency only so that a new session reopens the documents: the sockets
    // open with one-time tickets the API client asks for with the current session.
    void token;
    const opened = new MeetingDocs(
      window.location.origin,
      meetingId,
      memberId,
      undefined,
      undefined,
      kinds,
    );
    // Opening the sockets is the effect; the docs object is its result, published once.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setDocs(opened);
    return () => {
      opened.destroy();
      setDocs(null);
    };
  }, [meetingId, memberId, token, kinds]);
  return <Context.Provider value={docs}>{children}</Context.Provider>;
}

/** The open meeting documents, or null while they are being opened. */
export function useMeetingDocs(): MeetingDocs | null {
  return useContext(Context);
}

/**
 * Reads a typed view of the documents and re-renders when any of them changes. `read` must be
 * a pure function of the documents (a core/docs reader). For the control document use
 * useControlPart, which re-renders only when its part changes.
 */
export function useMeetingView<T>(read: (docs: MeetingDocs) => T, fallback: T): T {
  const docs = useMeetingDocs();
  useSyncExternalStore(
    (onChange) => docs?.subscribe(onChange) ?? (() => {}),
    () => docs?.snapshot() ?? -1,
  );
  return docs ? read(docs) : fallback;
}

/**
 * Reads the documents' connection state (status, sync, close reasons) and re-renders only when
 * a connection changes, not on document updates.
 */
export function useMeetingConnection<T>(read: (docs: MeetingDocs) => T, fallback: T): T {
  const docs = useMeetingDocs();
  useSyncExternalStore(
    (onChange) => docs?.subscribeConnection(onChange) ?? (() => {}),
    () => docs?.connectionSnapshot() ?? -1,
  );
  return docs ? read(docs) : fallback;
}

const noSubscription = (): (() => void) => () => {};
const noView = (): null => null;

/**
 * One part of the control document (core/docs/control), null until it has synced. Re-renders
 * only when that part changes — not on keystrokes in the minutes draft or on other parts.
 */
export function useControlPart<P extends ControlPart>(part: P): ControlViews[P] | null {
  const docs = useMeetingDocs();
  const source = docs ? partSourceFor(docs, part) : null;
  return useSyncExternalStore(
    source ? source.subscribe : noSubscription,
    source ? source.getSnapshot : noView,
  );
}
