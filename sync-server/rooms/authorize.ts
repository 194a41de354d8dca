/**
 * How the sync server learns who a connection is and what it may do with a document. The
 * identity feature implements it; the rooms only call it once per websocket upgrade.
 */

export type Authorization =
  | { ok: true; memberId: string; access: 'read' | 'write' }
  /** 401: no valid session; 403: the member may not open this document; 404: no such meeting. */
  | { ok: false; status: 401 | 403 | 404; code: string };

/**
 * `docName` is already a valid document name (core/docs/names); `token` is the `token` query
 * parameter, '' when the client sent none.
 */
export type Authorize = (token: string, docName: string) => Promise<Authorization>;
