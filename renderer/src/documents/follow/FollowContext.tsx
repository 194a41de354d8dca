import {
  createContext,
  useContext,
  useEffect,
  useMemo,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import type { PresenterView } from '../../../../core/api/presenter';
import { readPresenceUser } from '../../../../core/docs/presence';
import { useControlPart, useMeetingDocs } from '../../collab/MeetingDocsContext';
import { useRoom } from '../../room-context/RoomContext';

/**
 * Another member's follow presence. Who it is comes only from the `user` field the server
 * stamps from the session (core/docs/presence); what a client claims about itself is ignored.
 * Presence never decides who presents: that is the control document's presenter alone.
 */
export interface FollowPresence {
  memberId: string;
  name: string;
  following: boolean;
  documentSha256: string | null;
}

/** What this member publishes over awareness on the control document connection. */
interface FollowState {
  following: boolean;
  documentSha256: string | null;
}

export interface Follow {
  presenter: PresenterView | null;
  /** This member presents: their viewer publishes its position. */
  isPresenter: boolean;
  /** This member may take or hand over presenting (the chair: presenter.set). */
  mayPresent: boolean;
  /** Following the presenter (never true for the presenter). */
  following: boolean;
  setFollowing: (following: boolean) => void;
  /** The document this member has open (published over awareness). */
  setOpenDocument: (sha256: string | null) => void;
  /** Other members' presence, one entry per member. */
  peers: FollowPresence[];
}

const Context = createContext<Follow | null>(null);

function readPresence(value: unknown): FollowPresence | null {
  const user = readPresenceUser(value);
  const f = (value as { follow?: unknown } | null)?.follow as Partial<FollowState> | undefined;
  if (!user || !f || typeof f.following !== 'boolean') return null;
  return {
    memberId: user.memberId,
    name: user.name,
    following: f.following,
    documentSha256: typeof f.documentSha256 === 'string' ? f.documentSha256 : null,
  };
}

/** Follow mode for the whole room: the presenter's position, following or not, presence. */
export function FollowProvider({ children }: { children: ReactNode }) {
  const { session, may } = useRoom();
  const docs = useMeetingDocs();
  const me = session.member;
  const presenter = useControlPart('presenter');
  const [wantFollow, setFollowing] = useState(true);
  const [openDocument, setOpenDocument] = useState<string | null>(null);
  const isPresenter = presenter?.memberId === me.id;
  const following = wantFollow && !isPresenter;
  const mayPresent = may('presenter.set');

  const awareness = docs?.provider('control').awareness ?? null;
  useEffect(() => {
    awareness?.setLocalStateField('follow', {
      following,
      documentSha256: openDocument,
    } satisfies FollowState);
  }, [awareness, following, openDocument]);

  const version = useSyncExternalStore(
    (onChange) => {
      awareness?.on('change', onChange);
      return () => awareness?.off('change', onChange);
    },
    () => (awareness ? awarenessVersion(awareness.getStates()) : ''),
  );
  const peers = useMemo(() => {
    void version;
    const byMember = new Map<string, FollowPresence>();
    for (const [clientId, state] of awareness?.getStates() ?? []) {
      if (clientId === awareness?.clientID) continue;
      const p = readPresence(state);
      if (p && p.memberId !== me.id) byMember.set(p.memberId, p);
    }
    return [...byMember.values()].sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  }, [awareness, version, me.id]);

  const value = useMemo<Follow>(
    () => ({
      presenter,
      isPresenter,
      mayPresent,
      following,
      setFollowing,
      setOpenDocument,
      peers,
    }),
    [presenter, isPresenter, mayPresent, following, peers],
  );
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

/** A string that changes when anyone's follow presence changes. */
function awarenessVersion(states: Map<number, Record<string, unknown>>): string {
  const parts: string[] = [];
  for (const [id, state] of states) {
    const p = readPresence(state);
    if (p) parts.push(`${id}:${p.memberId}:${p.following ? 1 : 0}:${p.documentSha256 ?? ''}`);
  }
  return parts.sort().join('|');
}

export function useFollow(): Follow | null {
  return useContext(Context);
}

/** The document to open because the member follows a presenter showing it, if any. */
export function useFollowedDocument(): string | null {
  const follow = useFollow();
  return follow?.following ? (follow.presenter?.documentSha256 ?? null) : null;
}
