import type { ServerFeature } from '../feature';
import { sessionOf } from '../http/router';
import { route } from '../http/route';
import type { Auth } from './auth-feature';
import { sessionIdOf } from './sessions';
import type { SyncTickets } from './sync-tickets';

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
      route('syncTicket', (ctx) => {
        const { member, token } = sessionOf(ctx);
        return deps.tickets.issue(
          { sessionId: sessionIdOf(token), memberId: member.id },
          deps.now?.() ?? Date.now(),
        );
      }),
    ],
  };
}
