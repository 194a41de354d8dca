import { seedDemo } from './admin/demo';
import type { ServerOptions } from './config';
import { nodeCryptoServices } from './crypto/node-crypto';
import { AccessEvents } from './identity/access-events';
import { createAuth } from './identity/auth-feature';
import { loadTrustedCas } from './identity/data-dir';
import { MemberDirectory } from './identity/members';
import { SessionBook } from './identity/sessions';
import { syncTicketFeature } from './identity/sync-ticket-feature';
import { SyncTickets } from './identity/sync-tickets';
import { type Logger, silentLogger } from './log';
import { createAuthorize } from './meetings/authorize';
import { MeetingDirectory } from './meetings/directory';
import { meetingsFeature } from './meetings/feature';
import { metricsFeature } from './metrics/feature';
import { syncFeature } from './rooms/feature';
import type { SyncLimits } from './rooms/limits';
import { type RunningServer, startServer } from './server';
import { storeFeature } from './store/feature';
import { attendanceFeature } from './attendance/feature';
import { votesFeature } from './votes/feature';
import { defaultBallotKeyFile, PollKeys } from './votes/poll-keys';
import { presenterFeature } from './presenter/feature';
import { BlobStore } from './blobs/blob-store';
import { blobsFeature } from './blobs/feature';
import { documentsFeature } from './documents/feature';
import { validatePdfUpload } from './documents/pdf-inspect';
import { openStore } from './store/open';
import { minutesFeature } from './minutes/feature';
import { loadMinutesFonts } from './minutes/fonts';

export interface AppOptions extends ServerOptions {
  logger?: Logger;
  /** Session lifetime; a meeting day by default. */
  sessionTtlMs?: number;
  limits?: Partial<SyncLimits>;
  /** Largest file a meeting accepts (agenda PDFs, signed minutes). */
  maxUploadBytes?: number;
}

export interface RunningApp extends RunningServer {
  /** What demo seeding created, to tell the operator; null when it did not run. */
  demoReport: string[] | null;
}

export const DEFAULT_MAX_UPLOAD_BYTES = 100 * 1024 * 1024;
export const DEFAULT_SESSION_TTL_MS = 10 * 60 * 60 * 1000;

/** The whole server: store, identity, meetings, Yjs rooms, metrics, web client. */
export async function startApp(options: AppOptions): Promise<RunningApp> {
  const logger = options.logger ?? silentLogger;
  const store = await openStore(options.dataDir);
  try {
    // Logouts and role changes are announced here; open connections and tickets follow them.
    const accessEvents = new AccessEvents();
    const members = new MemberDirectory(store);
    const meetings = new MeetingDirectory(store, accessEvents);
    const sessions = new SessionBook(
      store,
      nodeCryptoServices,
      options.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS,
      accessEvents,
    );
    const tickets = new SyncTickets(nodeCryptoServices);
    const metrics = metricsFeature();
    const sync = syncFeature({
      store,
      logger,
      metrics: metrics.registry,
      authorize: createAuthorize({ sessions, members, meetings, tickets }),
      ...(options.limits ? { limits: options.limits } : {}),
    });
    let publicOrigins: readonly string[] = [];
    accessEvents.on((change) => {
      if (change.kind === 'session-ended') tickets.revokeSession(change.sessionId);
      return sync.rooms.applyAccessChange(change);
    });
    const auth = createAuth({
      members,
      sessions,
      audit: store,
      crypto: nodeCryptoServices,
      trustedCas: () => loadTrustedCas(options.dataDir),
      publicOrigins: () => publicOrigins,
      logger,
    });
    const rooms = sync.rooms;
    const server = await startServer({
      ...options,
      logger,
      features: [
        storeFeature(store),
        metrics,
        auth.feature,
        syncTicketFeature({ auth, tickets }),
        meetingsFeature({
          auth,
          members,
          meetings,
          rooms: sync.rooms,
          audit: store,
          records: store,
        }),
        sync,
        attendanceFeature({ auth, meetings, rooms: sync.rooms, store, logger }),
        votesFeature({
          auth,
          meetings,
          rooms: sync.rooms,
          store,
          logger,
          pollKeys: new PollKeys(
            options.dataDir,
            options.ballotKeyFile ?? defaultBallotKeyFile(options.dataDir),
          ),
        }),
        presenterFeature({ auth, members, meetings, rooms: sync.rooms, audit: store }),
        blobsFeature({
          auth,
          meetings,
          blobs: BlobStore.forDataDir(options.dataDir),
          records: store,
          audit: store,
          validators: { 'application/pdf': validatePdfUpload },
          maxBytes: options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES,
        }),
        documentsFeature({
          auth,
          meetings,
          rooms: sync.rooms,
          blobs: BlobStore.forDataDir(options.dataDir),
          records: store,
          audit: store,
        }),
        minutesFeature({
          auth,
          meetings,
          members,
          rooms: sync.rooms,
          blobs: BlobStore.forDataDir(options.dataDir),
          records: store,
          audit: store,
          crypto: nodeCryptoServices,
          trustedCas: () => loadTrustedCas(options.dataDir),
          fonts: loadMinutesFonts(),
        }),
      ],
    });
    publicOrigins = server.publicOrigins;
    const demoReport = options.demo
      ? await seedDemo({
          dataDir: options.dataDir,
          members,
          meetings,
          rooms,
          audit: store,
          records: store,
        }).catch(async (error: unknown) => {
          await server.close();
          throw error;
        })
      : null;
    return { ...server, demoReport };
  } catch (error) {
    await store.close();
    throw error;
  }
}
