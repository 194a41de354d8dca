import { seedDemo } from './admin/demo';
import type { ServerOptions } from './config';
import { nodeCryptoServices } from './crypto/node-crypto';
import { AccessEvents } from './identity/access-events';
import { createAuth } from './identity/auth-feature';
import { loadTrustedCas } from './identity/data-dir';
import { createTrustService } from './identity/trust-service';
import { enrolFeature } from './identity/enrol-feature';
import { pendingFeature } from './identity/pending-feature';
import { trustedPemsFor } from './identity/trust-store';
import { nodeRevocationFetcher } from './identity/revocation-fetcher';
import { DEFAULT_REVOCATION_POLICY } from '../core/identity/revocation';
import { pemToDerList } from '../core/signing/certificate';
import { createSignatureTimestamping } from './minutes/timestamping';
import { type ArchiveJob, startArchiveJob } from './minutes/archive-job';
import { MemberDirectory } from './identity/members';
import { SessionBook } from './identity/sessions';
import { syncTicketFeature } from './identity/sync-ticket-feature';
import { SyncTickets } from './identity/sync-tickets';
import { type Logger, silentLogger } from './log';
import { createAuthorize } from './meetings/authorize';
import { MeetingDirectory } from './meetings/directory';
import { lifecycleFeature } from './meetings/lifecycle-feature';
import { speakersFeature } from './speakers/feature';
import { agendaFeature } from './meetings/agenda-feature';
import { meetingsFeature } from './meetings/feature';
import { metricsFeature } from './metrics/feature';
import { syncFeature } from './rooms/feature';
import type { SyncLimits } from './rooms/limits';
import { type RunningServer, startServer } from './server';
import { storeFeature } from './store/feature';
import { attendanceFeature } from './attendance/feature';
import { votesFeature } from './votes/feature';
import { electionsFeature } from './elections/feature';
import { defaultBallotKeyFile, PollKeys } from './votes/poll-keys';
import { presenterFeature } from './presenter/feature';
import { BlobStore } from './blobs/blob-store';
import { blobsFeature } from './blobs/feature';
import { documentEditFeature } from './documents/edit-feature';
import { documentsFeature } from './documents/feature';
import { DEFAULT_PDF_LIMITS, PdfInspector, type PdfLimits } from './documents/pdf-inspect';
import { openStore } from './store/open';
import type { FreeSpace } from './store/disk';
import type { QuotaLimits } from './rooms/quota';
import { minutesFeature } from './minutes/feature';
import { resultsFeature } from './results/feature';
import { sealsFeature } from './seals/feature';
import { loadMinutesFonts } from './minutes/fonts';
import type { DraftLimits } from './minutes/draft-limits';
import { DEFAULT_MINUTES_RENDER_LIMITS, MinutesRenderer } from './minutes/pdf-render';
import type { WorkerLimits } from './workers/pool';

export interface AppOptions extends ServerOptions {
  logger?: Logger;
  /** Session lifetime; a meeting day by default. */
  sessionTtlMs?: number;
  limits?: Partial<SyncLimits>;
  /** Largest file a meeting accepts (agenda PDFs, signed minutes). */
  maxUploadBytes?: number;
  /** Time, memory and page limits for opening uploaded PDFs (in a worker thread). */
  pdfLimits?: Partial<PdfLimits>;
  /** Time and memory limits for rendering the minutes PDF (in a worker thread). */
  renderLimits?: Partial<WorkerLimits>;
  /** Largest minutes draft that may be finalized. */
  draftLimits?: DraftLimits;
  /** Per-document and per-member write quotas for the Yjs documents. */
  quota?: Partial<QuotaLimits>;
  /** Writes are refused with storage-full (HTTP 507) while less than this is free on the data disk. */
  minFreeBytes?: number;
  /** How free space is measured (statfs by default; tests may pass their own). */
  freeSpace?: FreeSpace;
  /** The store failed and could not be reopened: the CLI exits so its supervisor restarts it. */
  onStoreDead?: (error: unknown) => void;
  /** The archive renewal job's clock and timer (--archive-timestamp-days); tests inject them. */
  archiveJob?: { now?: () => Date; intervalMs?: number; firstDelayMs?: number };
}

export interface RunningApp extends RunningServer {
  /** What demo seeding created, to tell the operator; null when it did not run. */
  demoReport: string[] | null;
  /** The scheduled B-LTA renewal, when --archive-timestamp-days is set. */
  archiveJob: ArchiveJob | null;
}

export const DEFAULT_MAX_UPLOAD_BYTES = 100 * 1024 * 1024;
export const DEFAULT_SESSION_TTL_MS = 10 * 60 * 60 * 1000;

/** The whole server: store, identity, meetings, Yjs rooms, metrics, web client. */
export async function startApp(options: AppOptions): Promise<RunningApp> {
  const logger = options.logger ?? silentLogger;
  const store = await openStore(options.dataDir, {
    ...(options.minFreeBytes !== undefined ? { minFreeBytes: options.minFreeBytes } : {}),
    ...(options.freeSpace ? { freeSpace: options.freeSpace } : {}),
    onDead: (error) => {
      logger.log('error', 'store.dead', { error: String(error) });
      options.onStoreDead?.(error);
    },
  });
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
      ...(options.quota ? { quota: options.quota } : {}),
      storageFull: () => store.health() !== 'ok',
    });
    let publicOrigins: readonly string[] = [];
    accessEvents.on((change) => {
      if (change.kind === 'session-ended') tickets.revokeSession(change.sessionId);
      return sync.rooms.applyAccessChange(change);
    });
    const trust = createTrustService({
      dataDir: options.dataDir,
      logger,
      audit: store,
      ...(options.revocation ? { revocation: options.revocation } : {}),
    });
    const auth = createAuth({
      trust,
      members,
      sessions,
      audit: store,
      crypto: nodeCryptoServices,
      trustedCas: () => loadTrustedCas(options.dataDir),
      publicOrigins: () => publicOrigins,
      logger,
      maxUploadBytes: options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES,
      pendingDir: options.dataDir,
    });
    const rooms = sync.rooms;
    const pdf = new PdfInspector({ ...DEFAULT_PDF_LIMITS, ...options.pdfLimits });
    metrics.registry.collected(
      'dienhong_pdf_opened_total',
      'PDF files opened with pdf.js to check them (on upload; on attach only for older blobs).',
      () => pdf.opened,
      'counter',
    );
    const renderer = new MinutesRenderer({
      ...DEFAULT_MINUTES_RENDER_LIMITS,
      ...options.renderLimits,
    });
    const timestamping = options.timestamps
      ? await createSignatureTimestamping(options.timestamps, options.dataDir, nodeCryptoServices)
      : undefined;
    const revocationTimeoutMs =
      options.revocation?.signing?.timeoutMs ?? DEFAULT_REVOCATION_POLICY.signing.timeoutMs;
    let archiveJob: ArchiveJob | null = null;
    const server = await startServer({
      ...options,
      logger,
      healthChecks: {
        store: () => {
          const health = store.health();
          if (health === 'ok') return { status: 'ok' };
          return health === 'full'
            ? { status: 'degraded', detail: 'storage-full' }
            : { status: 'down', detail: 'store-dead' };
        },
      },
      features: [
        storeFeature(store),
        {
          name: 'workers',
          close: async () => void (await Promise.all([pdf.close(), renderer.close()])),
        },
        metrics,
        auth.feature,
        enrolFeature({ dataDir: options.dataDir, members, audit: store }),
        pendingFeature({ dataDir: options.dataDir, members, audit: store }),
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
        lifecycleFeature({ auth, meetings, rooms: sync.rooms, audit: store }),
        speakersFeature({ auth, meetings, rooms: sync.rooms, audit: store }),
        agendaFeature({ auth, meetings, rooms: sync.rooms, audit: store }),
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
        electionsFeature({
          auth,
          meetings,
          rooms: sync.rooms,
          store,
          logger,
          roundKeys: new PollKeys(
            options.dataDir,
            options.ballotKeyFile ?? defaultBallotKeyFile(options.dataDir),
            'election-keys',
          ),
        }),
        presenterFeature({ auth, members, meetings, rooms: sync.rooms, audit: store }),
        blobsFeature({
          auth,
          meetings,
          blobs: BlobStore.forDataDir(options.dataDir),
          records: store,
          audit: store,
          validators: { 'application/pdf': pdf.validateUpload },
          maxBytes: options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES,
        }),
        documentsFeature({
          auth,
          meetings,
          rooms: sync.rooms,
          blobs: BlobStore.forDataDir(options.dataDir),
          records: store,
          audit: store,
          pdf,
        }),
        documentEditFeature({
          auth,
          meetings,
          rooms: sync.rooms,
          blobs: BlobStore.forDataDir(options.dataDir),
          records: store,
          audit: store,
          pdf,
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
          trustedCas: () => trustedPemsFor(options.dataDir, 'signing'),
          trust,
          ...(timestamping
            ? {
                timestamping,
                // B-LT follows B-T: a DSS needs a trusted time to be measured against.
                longTermValidation: {
                  anchors: async () =>
                    (await trustedPemsFor(options.dataDir, 'signing')).flatMap(pemToDerList),
                  fetcher: nodeRevocationFetcher,
                  timeoutMs: revocationTimeoutMs,
                },
              }
            : {}),
          logger,
          fonts: loadMinutesFonts(),
          renderer,
          ...(options.draftLimits ? { draftLimits: options.draftLimits } : {}),
        }),
        resultsFeature({ auth, meetings, members, rooms: sync.rooms, fonts: loadMinutesFonts() }),
        sealsFeature({ members, records: store, audit: store }),
        // After minutes and rooms in the list, so it stops (reverse order) before they close.
        { name: 'archive-timestamps', close: async () => archiveJob?.stop() },
      ],
    });
    publicOrigins = server.publicOrigins;
    if (timestamping && options.archiveTimestampDays !== undefined)
      archiveJob = startArchiveJob({
        logger,
        ...(options.archiveJob?.intervalMs !== undefined
          ? { intervalMs: options.archiveJob.intervalMs }
          : {}),
        ...(options.archiveJob?.firstDelayMs !== undefined
          ? { firstDelayMs: options.archiveJob.firstDelayMs }
          : {}),
        renewal: {
          meetings,
          rooms,
          blobs: BlobStore.forDataDir(options.dataDir),
          records: store,
          audit: store,
          crypto: nodeCryptoServices,
          archive: {
            tsa: timestamping.tsa,
            timestampCas: timestamping.trustedCas,
            signingCas: () => trustedPemsFor(options.dataDir, 'signing'),
            fetcher: nodeRevocationFetcher,
            timeoutMs: revocationTimeoutMs,
          },
          now: options.archiveJob?.now ?? (() => new Date()),
          beforeDays: options.archiveTimestampDays,
          by: 'server',
        },
      });
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
    return { ...server, demoReport, archiveJob };
  } catch (error) {
    await store.close();
    throw error;
  }
}
