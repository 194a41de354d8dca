/**
 * The logged-in member's session in this tab. Kept in sessionStorage: a reload keeps the member
 * logged in, closing the tab logs out. Ends on logout, on a 401 from the server, or at expiry.
 */
import { useSyncExternalStore } from 'react';
import { parseSession, type MemberProfile, type Session } from '../../../core/api/auth';

/** The session's shape and its check live with the route map (core/api/auth.ts). */
export type SessionMember = MemberProfile;
export type { Session };
export { parseSession };

/** Why there is no session: the login screen says so when the server ended it. */
export type SessionEnd = 'logout' | 'expired';

export interface SessionState {
  session: Session | null;
  ended: SessionEnd | null;
}

const STORAGE_KEY = 'dienhong.session';
/** setTimeout takes at most a signed 32-bit delay. */
const MAX_TIMER_MS = 2 ** 31 - 1;

type SessionStorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export class SessionStore {
  private state: SessionState;
  private readonly listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly storage: SessionStorageLike | undefined,
    private readonly now: () => number = Date.now,
  ) {
    let saved: Session | null = null;
    try {
      saved = parseSession(JSON.parse(storage?.getItem(STORAGE_KEY) ?? 'null'));
    } catch {
      saved = null;
    }
    if (saved && saved.expiresAt <= now()) {
      storage?.removeItem(STORAGE_KEY);
      this.state = { session: null, ended: 'expired' };
    } else {
      this.state = { session: saved, ended: null };
      this.schedule();
    }
  }

  get = (): SessionState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  start(session: Session): void {
    this.storage?.setItem(STORAGE_KEY, JSON.stringify(session));
    this.set({ session, ended: null });
    this.schedule();
  }

  /** Drops the session; `expired` makes the login screen say why. */
  end(reason: SessionEnd): void {
    if (this.state.session === null && this.state.ended === reason) return;
    this.storage?.removeItem(STORAGE_KEY);
    clearTimeout(this.timer);
    this.set({ session: null, ended: reason });
  }

  private schedule(): void {
    clearTimeout(this.timer);
    const session = this.state.session;
    if (!session) return;
    const delay = Math.min(MAX_TIMER_MS, Math.max(0, session.expiresAt - this.now()));
    this.timer = setTimeout(() => {
      if (this.state.session === session && session.expiresAt <= this.now()) this.end('expired');
      else this.schedule();
    }, delay);
  }

  private set(state: SessionState): void {
    this.state = state;
    for (const listener of this.listeners) listener();
  }
}

export const sessionStore = new SessionStore(globalThis.sessionStorage);

export function useSession(store: SessionStore = sessionStore): SessionState {
  return useSyncExternalStore(store.subscribe, store.get);
}
