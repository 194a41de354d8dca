/**
 * Changes to who may do what, announced by their owners (sessions, meeting roles) and consumed
 * by whoever holds rights granted earlier (the rooms' open connections). `emit` waits for every
 * listener, so a logout or role change has taken effect on open connections when it returns.
 */
export type AccessChange =
  /** A session ended: every connection opened with it loses all access. */
  | { kind: 'session-ended'; sessionId: string; reason: 'logout' | 'expired' }
  /** A member's role in a meeting changed or was removed: their access there must be decided again. */
  | { kind: 'role-changed'; meetingId: string; memberId: string };

export type AccessListener = (change: AccessChange) => void | Promise<void>;

export class AccessEvents {
  private readonly listeners = new Set<AccessListener>();

  /** Returns the function that removes the listener. */
  on(listener: AccessListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Runs every listener; one that fails does not stop the others, and its error is rethrown. */
  async emit(change: AccessChange): Promise<void> {
    const results = await Promise.allSettled([...this.listeners].map(async (l) => l(change)));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }
}
