import { can, type MeetingAction } from '../../core/roles/permissions';
import type { ServerFeature } from '../feature';
import type { BlobRecord } from '../../core/api/blobs';
import { API_SECURITY_HEADERS, HttpError, type RequestContext } from '../http/router';
import { route } from '../http/route';
import type { Auth } from '../identity/auth-feature';
import { meetingCaller } from '../meetings/caller';
import type { MeetingDirectory } from '../meetings/directory';
import type { AuditLog, JsonValue, RecordStore } from '../store/types';
import { BlobError, isSha256Hex, type BlobStore } from './blob-store';

/** What checking an upload learned about its content; kept on its record so no one looks again. */
export interface BlobContentFacts {
  /** The upload opened as a PDF (pdf.js) and has this many pages. */
  pdf?: { pages: number };
}

/**
 * Checks an upload's content (e.g. that a PDF opens) and says what it learned; throws
 * HttpError 400/415/422 to refuse it.
 */
export type BlobValidator = (bytes: Uint8Array) => Promise<BlobContentFacts>;

export type { BlobRecord };

/** The record as stored: with the facts of its upload check, absent on blobs of older servers. */
export type StoredBlobRecord = BlobRecord & BlobContentFacts;

export interface BlobsDeps {
  auth: Auth;
  meetings: MeetingDirectory;
  blobs: BlobStore;
  records: RecordStore;
  audit: AuditLog;
  /** Accepted content types and how each is checked. */
  validators: Record<string, BlobValidator>;
  maxBytes: number;
}

const blobKey = (meetingId: string, sha256: string) => `meeting-blob/${meetingId}/${sha256}`;
/** Who may put files into a meeting: those who attach agenda documents or sign the minutes. */
const UPLOADERS: readonly MeetingAction[] = ['document.attach', 'minutes.finalize', 'minutes.sign'];

export async function blobRecord(
  records: RecordStore,
  meetingId: string,
  sha256: string,
): Promise<StoredBlobRecord | null> {
  return ((await records.get(blobKey(meetingId, sha256))) as StoredBlobRecord | undefined) ?? null;
}

/** The page count the upload check kept, when the record has a sound one. */
export function knownPdfPages(record: StoredBlobRecord): number | null {
  const pages = record.pdf?.pages;
  return typeof pages === 'number' && Number.isInteger(pages) && pages >= 1 ? pages : null;
}

/**
 * Stores `bytes` as a file of `meetingId` (hash checked) and records who put it there, with what
 * its check learned (`facts`); used by the upload route and by features that make files
 * themselves (the minutes PDF). Answers the record without the facts, as clients see it.
 */
export async function saveMeetingBlob(
  deps: Pick<BlobsDeps, 'blobs' | 'records' | 'audit'>,
  meetingId: string,
  upload: {
    sha256: string;
    bytes: Uint8Array;
    contentType: string;
    memberId: string;
    facts?: BlobContentFacts;
  },
): Promise<BlobRecord> {
  const { sha256, bytes, contentType, memberId, facts } = upload;
  await deps.blobs.put(sha256, bytes);
  const record: BlobRecord = {
    sha256,
    size: bytes.byteLength,
    contentType,
    uploadedBy: memberId,
    at: new Date().toISOString(),
  };
  const stored: StoredBlobRecord = { ...record, ...(facts?.pdf ? { pdf: facts.pdf } : {}) };
  await deps.records.put(blobKey(meetingId, sha256), stored as unknown as JsonValue);
  await deps.audit.appendAudit({ at: record.at, action: 'blob.put', meetingId, memberId, sha256 });
  return record;
}

/** The bytes of a file of `meetingId`, or null when the meeting has no such file. */
export async function readMeetingBlob(
  deps: Pick<BlobsDeps, 'blobs' | 'records'>,
  meetingId: string,
  sha256: string,
): Promise<Uint8Array | null> {
  if (!isSha256Hex(sha256) || !(await blobRecord(deps.records, meetingId, sha256))) return null;
  if ((await deps.blobs.size(sha256)) === null) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of deps.blobs.read(sha256)) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

/**
 * Meeting files by SHA-256: `PUT /api/meetings/:id/blobs/:sha256` (hash checked, size limit,
 * content validated) and `GET` of the same path, served immutable with the hash as ETag.
 * A blob is visible only through the meetings it was uploaded to.
 */
export function blobsFeature(deps: BlobsDeps): ServerFeature {
  const { blobs, records } = deps;

  async function caller(ctx: RequestContext) {
    const { principal, meeting } = await meetingCaller(deps, ctx, 'meeting.view');
    // The route map checked it is a lower-case SHA-256 before the handler ran.
    return { principal, meeting, sha256: ctx.params.sha256 ?? '' };
  }

  return {
    name: 'blobs',
    routes: [
      route('putBlob', {
        guard: caller,
        handler: async (ctx) => {
          const { principal, meeting, sha256 } = ctx.guard;
          if (!UPLOADERS.some((action) => can(principal, action))) {
            throw new HttpError(403, 'forbidden', 'Your role may not add files to this meeting.');
          }
          const contentType = (ctx.req.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';
          const validate = deps.validators[contentType];
          if (!validate)
            throw new HttpError(
              415,
              'unsupported-type',
              `Files of type "${contentType}" are not accepted.`,
            );
          const bytes = await ctx.body(deps.maxBytes);
          const facts = await validate(bytes);
          let record: BlobRecord;
          try {
            record = await saveMeetingBlob(deps, meeting.id, {
              sha256,
              bytes,
              contentType,
              memberId: principal.memberId,
              facts,
            });
          } catch (error) {
            if (error instanceof BlobError) throw new HttpError(400, error.code, error.message);
            throw error;
          }
          return record;
        },
      }),
      route('getBlob', async (ctx) => {
        const { meeting, sha256 } = await caller(ctx);
        const record = await blobRecord(records, meeting.id, sha256);
        const size = record ? await blobs.size(sha256) : null;
        if (!record || size === null)
          throw new HttpError(404, 'blob-not-found', 'No such file in this meeting.');
        const headers = {
          ...API_SECURITY_HEADERS,
          'Content-Type': record.contentType,
          ETag: `"${sha256}"`,
          // Content-addressed: the bytes behind this URL never change.
          'Cache-Control': 'private, max-age=31536000, immutable',
          'Content-Disposition': 'attachment',
        };
        if (ctx.req.headers['if-none-match'] === `"${sha256}"`) {
          ctx.res.writeHead(304, headers);
          ctx.res.end();
          return;
        }
        ctx.res.writeHead(200, { ...headers, 'Content-Length': size });
        if (ctx.req.method === 'HEAD') {
          ctx.res.end();
          return;
        }
        blobs.read(sha256).pipe(ctx.res);
      }),
    ],
  };
}
