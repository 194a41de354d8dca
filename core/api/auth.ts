/** Login, session and profile shapes of the HTTP API (routes.ts lists the routes). */

/** A member as other members and the UI may see them. */
export interface MemberProfile {
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
  member: MemberProfile;
}

/** `GET /api/me`: the caller's profile and what this server accepts from them. */
export interface MeAnswer extends MemberProfile {
  /** The largest file `PUT /api/meetings/:id/blobs/:sha256` accepts, in bytes. */
  maxUploadBytes: number;
}

/** `POST /api/sync-ticket`: a one-time ticket to open one websocket. */
export interface SyncTicket {
  ticket: string;
  /** Unix time in milliseconds. */
  expiresAt: number;
}

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
