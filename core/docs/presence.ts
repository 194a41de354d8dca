import { CodedError } from '../errors/coded-error';

/**
 * Presence (Yjs awareness) on any meeting document. A client publishes its own state (follow
 * mode, caret, open document); the server overwrites the `user` field of every state it relays
 * with who the connection really is, taken from its session. Readers trust only that field for
 * identity, and never trust awareness for authority (the presenter lives in the control document).
 */

export const PRESENCE_SCHEMA_VERSION = 1;

/** The field the server stamps; whatever a client puts there is replaced. */
export const PRESENCE_USER_FIELD = 'user';

/** Who a presence state belongs to, as the server stamped it. */
export interface PresenceUser {
  memberId: string;
  name: string;
  /** A caret colour the client chose (`#rrggbb`), kept only when well-formed. */
  color?: string;
}

export class PresenceError extends CodedError<'presence-malformed' | 'presence-too-large'> {
  override readonly name = 'PresenceError';
}

const COLOUR = /^#[0-9a-fA-F]{6}$/;

/**
 * Returns `stateJson` (one awareness state as JSON text) with `user` set to `who`. `null` (a
 * client leaving) passes unchanged. Anything that is not a JSON object, or longer than
 * `maxBytes` UTF-16 code units before stamping, is refused.
 */
export function stampPresence(
  stateJson: string,
  who: { memberId: string; name: string },
  maxBytes: number,
): string {
  if (stateJson.length > maxBytes)
    throw new PresenceError('presence-too-large', `presence state over ${maxBytes} bytes`);
  let state: unknown;
  try {
    state = JSON.parse(stateJson);
  } catch {
    throw new PresenceError('presence-malformed', 'presence state is not JSON');
  }
  if (state === null) return 'null';
  if (typeof state !== 'object' || Array.isArray(state))
    throw new PresenceError('presence-malformed', 'presence state is not an object');
  const claimed = (state as Record<string, unknown>)[PRESENCE_USER_FIELD];
  const colour = (claimed as { color?: unknown } | null | undefined)?.color;
  const user: PresenceUser = { memberId: who.memberId, name: who.name };
  if (typeof colour === 'string' && COLOUR.test(colour)) user.color = colour;
  return JSON.stringify({ ...(state as Record<string, unknown>), [PRESENCE_USER_FIELD]: user });
}

/** The stamped identity of a relayed presence state, or null when it has none. */
export function readPresenceUser(state: unknown): PresenceUser | null {
  const user = (state as Record<string, unknown> | null | undefined)?.[PRESENCE_USER_FIELD] as
    Partial<PresenceUser> | undefined;
  if (!user || typeof user.memberId !== 'string' || typeof user.name !== 'string') return null;
  const out: PresenceUser = { memberId: user.memberId, name: user.name };
  if (typeof user.color === 'string' && COLOUR.test(user.color)) out.color = user.color;
  return out;
}
