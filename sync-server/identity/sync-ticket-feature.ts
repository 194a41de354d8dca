import type { ServerFeature } from '../feature';
import { sendJson } from '../http/router';
import type { Auth } from './auth-feature';
import { sessionIdOf } from './sessions';
import type { SyncTickets } from './sync-tickets';

export const SYNC_TICKET_PATH = '/api/sync-ticket';

/**
 * `POST /api/sync-ticket` (Authorization: Bearer <session token>) → `{ ticket, expiresAt }`: a
 * one-time ticket to open one websocket at `/sync/<document>?ticket=…`. The connection then
 * lives by the session that asked for the ticket, so logout and expiry close it.
 */
export function syncTicketFeature(deps: {
  auth: Auth;
  tickets: SyncTickets;
  now?: () => number;
}): ServerFeature {
  return {
    name: 'sync-ticket',
    routes: [
      {
        method: 'POST',
        path: SYNC_TICKET_PATH,
        handler: async ({ req, res, url }) => {
          const { member, token } = await deps.auth.authenticate(req, url);
          const issued = deps.tickets.issue(
            { sessionId: sessionIdOf(token), memberId: member.id },
            deps.now?.() ?? Date.now(),
          );
          sendJson(res, 200, issued);
        },
      },
    ],
  };
}
