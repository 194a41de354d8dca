/**
 * How the sync server learns who a connection is and what it may do with a document. The
 * identity feature implements it; the rooms call it at each websocket upgrade, and again
 * (`recheck`) for open connections whenever the member's session or role changes.
 */

/** How the upgrade URL proved who it is: a one-time ticket or (for tools) the session token. */
export type CredentialKind = 'ticket' | 'token';

export type Authorization =
  | {
      ok: true;
      memberId: string;
      access: 'read' | 'write';
      /** The name presence is stamped with; the member id when absent. */
      memberName?: string;
      /** The session the connection lives by; absent for authorizers without sessions. */
      sessionId?: string;
      /** When that session ends (ms since the epoch): the connection is decided again then. */
      expiresAt?: number;
      /** Decides again from the same session, without the credential (tickets are single-use). */
      recheck?: () => Promise<Authorization>;
    }
  /** 401: no valid session; 403: the member may not open this document; 404: no such meeting. */
  | { ok: false; status: 401 | 403 | 404; code: string };

/**
 * `docName` is already a valid document name (core/docs/names); `credential` is the `ticket`
 * (or else `token`) query parameter, '' when the client sent none.
 */
export type Authorize = (
  credential: string,
  docName: string,
  kind: CredentialKind,
) => Promise<Authorization>;
