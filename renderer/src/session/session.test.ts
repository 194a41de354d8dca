import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseSession, SessionStore, type Session } from './session';

function memoryStorage() {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
  };
}

const NOW = 1_780_000_000_000;
const session: Session = {
  token: 't'.repeat(43),
  expiresAt: NOW + 60_000,
  member: { id: 'm1', name: 'Nguyễn Tiến Sỹ', email: 'sy.nt@quochoi.vn', isAdmin: false },
};

afterEach(() => vi.useRealTimers());

describe('the session', () => {
  it('survives a reload of the tab (same sessionStorage) with the name intact', () => {
    const storage = memoryStorage();
    new SessionStore(storage, () => NOW).start(session);
    const reloaded = new SessionStore(storage, () => NOW);
    expect(reloaded.get()).toEqual({ session, ended: null });
  });

  it('is dropped on logout and says nothing about expiry', () => {
    const storage = memoryStorage();
    const store = new SessionStore(storage, () => NOW);
    store.start(session);
    store.end('logout');
    expect(store.get()).toEqual({ session: null, ended: 'logout' });
    expect(storage.map.size).toBe(0);
  });

  it('is not restored once expired, and the login screen is told why', () => {
    const storage = memoryStorage();
    new SessionStore(storage, () => NOW).start(session);
    const later = new SessionStore(storage, () => NOW + 61_000);
    expect(later.get()).toEqual({ session: null, ended: 'expired' });
    expect(storage.map.size).toBe(0);
  });

  it('ends by itself when its time is up', () => {
    vi.useFakeTimers({ now: NOW });
    const store = new SessionStore(memoryStorage());
    const seen: (string | null)[] = [];
    store.subscribe(() => seen.push(store.get().ended));
    store.start(session);
    vi.advanceTimersByTime(60_001);
    expect(store.get().session).toBeNull();
    expect(seen).toEqual([null, 'expired']);
  });

  it('refuses malformed login answers and storage', () => {
    expect(parseSession({ token: 'x', expiresAt: 'soon', member: session.member })).toBeNull();
    expect(parseSession({ token: '', expiresAt: 1, member: session.member })).toBeNull();
    expect(parseSession({ token: 'x', expiresAt: 1, member: { id: 1, name: 'a' } })).toBeNull();
    const storage = memoryStorage();
    storage.setItem('dienhong.session', '{not json');
    expect(new SessionStore(storage, () => NOW).get().session).toBeNull();
  });
});
