import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Authenticate, Route } from './http/router';

/**
 * A server capability (health, auth, rooms, blobs, votes…) plugs in as a feature: its HTTP
 * routes, optionally the websocket upgrades it owns, and what it must flush on shutdown.
 */
export interface ServerFeature {
  name: string;
  routes?: readonly Route[];
  /** The feature that resolves sessions (auth) offers it for every session route. */
  authenticate?: Authenticate;
  /** Takes the upgrade and returns true when `url` is this feature's; false leaves it to others. */
  upgrade?(req: IncomingMessage, socket: Duplex, head: Buffer, url: URL): boolean;
  /** Flushes and releases resources; called once on shutdown, in reverse order of features. */
  close?(): Promise<void>;
}
