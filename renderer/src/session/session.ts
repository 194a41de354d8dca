/**
 * The logged-in member's session in this tab. Kept in sessionStorage: a reload keeps the member
 * logged in, closing the tab logs out. Ends on logout, on a 401 from the server, or at expiry.
 */
import { useSyncExternalStore } from 'react';

export interface SessionMember {
  id: string;
  name: string;
  email: string | null;
  isAdmin: boolean;
}

/** What `POST /api/auth/login` answers. */
export interface Session {
  token: string;
  /** Unix time in milliseconds. */
  expiresAt: number;
  member: SessionMember;
}

/** Why there is no session: the login screen says so when the server ended it. */
export type SessionEnd = 'logout' | 'expired';

export interface SessionState {
  session: Session | null;
  ended: SessionEnd | null;
}

const STORAGE_KEY = 'dienhong.session';
/** setTimeout takes at most a signed 32-bit delay. */
const MAX_TIMER_MS = 2 ** 31 - 1;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A Session from untrusted JSON (the server's answer or storage), or null. */
export function parseSession(value: unknown): Session | null {
  if (!isRecord(value) || !isRecord(value.member)) return null;
  const { token, expiresAt, member } = value;
  if (typeof token !== 'string' || token.length === 0 || token.length > 512) return null;
  if (typeof expiresAt !== 'number' || !Number.isFinite(expiresAt)) return null;
  const { id, name, email, isAdmin } = member;
  if (typeof id !== 'string' || typeof name !== 'string') return null;
  if (email !== null && email !== undefined && typeof email !== 'string') return null;
  return {
    token,
    expiresAt,
    member: { id, name, email: email ?? null, isAdmin: isAdmin === true },
  };
}

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
