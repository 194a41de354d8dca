import type { WebsocketProvider } from 'y-websocket';

/** How long to wait before asking again when the first ticket could not be had. */
const START_RETRY_MS = 2000;

/** Asks the server for a one-time sync ticket (`POST /api/sync-ticket`). */
export type FetchSyncTicket = () => Promise<string>;

export interface TicketedConnection {
  /** Stops fetching tickets; the provider is left as it is. */
  stop(): void;
  /** Connects again with a fresh ticket after the provider stopped (a close it does not retry). */
  resume(): void;
}

/**
 * Connects `provider` (made with `connect: false`) with a fresh one-time ticket, and fetches a
 * new one whenever its socket closes, so each reconnect carries an unused ticket and the session
 * token never appears in a websocket URL. A reconnect that races the fetch is refused and simply
 * retried with the next ticket. `onRefused` gets the error when no ticket can be had (e.g. the
 * session ended); the provider then stays disconnected. `resume` reconnects after a close that a
 * close policy delays (connection-watch).
 */
export function ticketedConnection(
  provider: WebsocketProvider,
  fetchTicket: FetchSyncTicket,
  onRefused: (error: unknown) => void = () => {},
  isFinal: (error: unknown) => boolean = () => false,
): TicketedConnection {
  let stopped = false;
  let inflight: Promise<boolean> | null = null;

  const refresh = (): Promise<boolean> =>
    (inflight ??= fetchTicket()
      .then(
        (ticket) => {
          if (stopped) return false;
          provider.params = { ...provider.params, ticket };
          return true;
        },
        (error: unknown) => {
          if (!stopped && isFinal(error)) {
            stopped = true;
            provider.disconnect();
            onRefused(error);
          }
          return false;
        },
      )
      .finally(() => {
        inflight = null;
      }));

  const onClose = (event: CloseEvent | null): void => {
    // A close the provider does not retry needs no ticket now: 4401 and 4403 are final, and
    // 4413 and 4507 wait for `resume` (connection-watch), which fetches its own.
    if (stopped || !provider.shouldConnect) return;
    if (event && !provider.shouldReconnect(event, provider)) return;
    void refresh();
  };
  provider.on('connection-close', onClose);
  let retry: ReturnType<typeof setTimeout> | null = null;
  const start = (): void => {
    if (retry) clearTimeout(retry);
    retry = null;
    void refresh().then((ok) => {
      if (stopped) return;
      if (ok) provider.connect();
      else retry = setTimeout(start, START_RETRY_MS);
    });
  };
  start();
  return {
    stop: () => {
      stopped = true;
      if (retry) clearTimeout(retry);
      provider.off('connection-close', onClose);
    },
    resume: () => {
      if (!stopped) start();
    },
  };
}
