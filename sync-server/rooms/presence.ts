import { PresenceError, stampPresence } from '../../core/docs/presence';
import type { Connection } from './connection';
import type { SyncLimits } from './limits';
import { type AwarenessEntry, CloseCode, FrameError } from './protocol';

/**
 * Which awareness entries from `conn` the room may apply, each stamped with the connection's
 * member (core/docs/presence). A connection speaks only for its own client ids: the first
 * `maxAwarenessClientsPerConnection` it announces; one more is refused (the connection closes).
 * Entries for another member's ids are dropped unrelayed — providers echo peers' states, so a
 * stale echo is not an attack, but it is never applied. An id of the same member's other
 * connection moves to this one (a provider reconnecting before its old socket timed out).
 * `owners` maps each client id to the connection that speaks for it, for the whole room.
 */
export function admitPresence(
  entries: readonly AwarenessEntry[],
  conn: Connection,
  owners: Map<number, Connection>,
  limits: SyncLimits,
): AwarenessEntry[] {
  const admitted: AwarenessEntry[] = [];
  for (const entry of entries) {
    const owner = owners.get(entry.clientId);
    if (owner !== conn) {
      if (owner && owner.memberId !== conn.memberId) continue;
      if (!conn.ownedAwareness.has(entry.clientId)) {
        if (conn.ownedAwareness.size >= limits.maxAwarenessClientsPerConnection) {
          throw new FrameError(
            CloseCode.policyViolation,
            'too many awareness clients on one connection',
            'awareness-clients',
          );
        }
        conn.ownedAwareness.add(entry.clientId);
      }
      if (owner) {
        owner.ownedAwareness.delete(entry.clientId);
        owner.awarenessClients.delete(entry.clientId);
      }
      owners.set(entry.clientId, conn);
    }
    admitted.push({ ...entry, state: stamped(entry.state, conn, limits) });
  }
  return admitted;
}

/** Releases the ids `conn` spoke for, when it closes. */
export function releasePresence(conn: Connection, owners: Map<number, Connection>): void {
  for (const id of conn.ownedAwareness) if (owners.get(id) === conn) owners.delete(id);
}

function stamped(state: string, conn: Connection, limits: SyncLimits): string {
  try {
    return stampPresence(
      state,
      { memberId: conn.memberId, name: conn.session.memberName },
      limits.maxAwarenessStateBytes,
    );
  } catch (error) {
    if (!(error instanceof PresenceError)) throw error;
    if (error.code === 'presence-too-large')
      throw new FrameError(CloseCode.tooBig, 'awareness state too large', 'awareness-too-large');
    throw new FrameError(
      CloseCode.protocolError,
      'malformed frame: bad awareness state',
      'malformed',
    );
  }
}
