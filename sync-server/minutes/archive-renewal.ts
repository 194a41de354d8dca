/**
 * B-LTA renewal of signed minutes, one pass over every meeting: when what a file's signatures
 * rest on stops being verifiable within the window (core/signing/renewal.ts), the validation
 * data of its timestamps goes into the DSS and a new document timestamp over the whole file is
 * added; the result is stored the way an accepted signature is (a blob by hash, then the
 * minutes state's `pdfSha256`), and audited. Nothing is stored unless the new file verifies as
 * well as the old one and its date moved on; a TSA failure leaves that meeting as it was.
 * Used by `admin timestamp-archive` and the server's scheduled job (archive-job.ts).
 */
import type { CryptoServices } from '../../core/crypto/types';
import { readMinutesState, writeMinutesState } from '../../core/docs/control/minutes';
import { controlDocName } from '../../core/docs/names';
import type { RevocationFetcher } from '../../core/identity/revocation';
import { pemToDerList } from '../../core/signing/certificate';
import { addDocumentTimestamp } from '../../core/signing/doc-timestamp';
import { appendDss } from '../../core/signing/dss';
import { fileVerifiableUntil, renewalDecision, renewalExtends } from '../../core/signing/renewal';
import { collectForTimestamps } from '../../core/signing/renewal-material';
import type { TimestampAuthority } from '../../core/signing/timestamp';
import { type PdfSignatureReport, verifyPdfSignatures } from '../../core/signing';
import { toHex } from '../../core/util/hex';
import type { BlobStore } from '../blobs/blob-store';
import { readMeetingBlob, saveMeetingBlob } from '../blobs/feature';
import { transactControl } from '../meetings/control-doc';
import type { MeetingDirectory } from '../meetings/directory';
import type { Rooms } from '../rooms/manager';
import type { AuditLog, RecordStore } from '../store/types';
import { readDocument } from './read-doc';

export interface ArchiveTimestamping {
  readonly tsa: TimestampAuthority;
  /** CAs trusted for timestamping (PEM), read on each pass. */
  readonly timestampCas: () => Promise<readonly string[]>;
  /** CAs trusted for signing (PEM). */
  readonly signingCas: () => Promise<readonly string[]>;
  readonly fetcher: RevocationFetcher;
  readonly timeoutMs: number;
}

export interface ArchiveRenewalDeps {
  readonly meetings: Pick<MeetingDirectory, 'list'>;
  readonly rooms: Rooms;
  readonly blobs: BlobStore;
  readonly records: RecordStore;
  readonly audit: AuditLog;
  readonly crypto: CryptoServices;
  readonly archive: ArchiveTimestamping;
  readonly now: () => Date;
  /** Renew when the file stops being verifiable within this many days. */
  readonly beforeDays: number;
  /** Who the audit and the blob record name: 'admin-cli' or 'server'. */
  readonly by: string;
}

export type RenewalResult =
  | 'renewed'
  | 'not-due'
  | 'no-trusted-time'
  | 'expired'
  | 'unsigned'
  /** The TSA's certificate ends no later than the last timestamp's: nothing gained, nothing kept. */
  | 'not-extended'
  /** The TSA could not be reached or its answer was refused: nothing changed. */
  | 'tsa-failed'
  /** The file with the new timestamp did not verify as the old one did: nothing changed. */
  | 'refused'
  /** The minutes changed while this ran (reopened, re-signed): nothing changed. */
  | 'changed-meanwhile'
  | 'blob-missing';

export interface RenewalReport {
  readonly meetingId: string;
  readonly result: RenewalResult;
  /** ISO: until when the stored file is verifiable (after renewal: the new date). */
  readonly verifiableUntil: string | null;
  readonly sha256?: string;
  readonly reason?: string;
  /** Validation data of a timestamp that could not be had (kept out of the DSS, not fatal). */
  readonly notes?: readonly string[];
}

const ok = (r: PdfSignatureReport) =>
  r.verdict === 'valid' || r.verdict === 'valid-with-permitted-changes';
const iso = (d: Date | undefined) => d?.toISOString() ?? null;

async function verify(deps: ArchiveRenewalDeps, pdf: Uint8Array, now: Date) {
  return verifyPdfSignatures(pdf, {
    crypto: deps.crypto,
    trustedCaPem: await deps.archive.signingCas(),
    trustedTimestampCaPem: await deps.archive.timestampCas(),
    now,
  });
}

/** The DSS for the file's timestamps, then a document timestamp; throws what the TSA threw. */
async function renewedFile(deps: ArchiveRenewalDeps, pdf: Uint8Array, now: Date) {
  const timestampCas = await deps.archive.timestampCas();
  const material = await collectForTimestamps(pdf, {
    anchorsDer: timestampCas.flatMap(pemToDerList),
    fetcher: deps.archive.fetcher,
    now,
    timeoutMs: deps.archive.timeoutMs,
  });
  const { pdf: withDss } = await appendDss(pdf, material);
  const { pdf: stamped } = await addDocumentTimestamp(withDss, {
    tsa: deps.archive.tsa,
    crypto: deps.crypto,
    trustedCaPem: timestampCas,
  });
  return { pdf: stamped, notes: material.problems };
}

export async function renewMeeting(
  deps: ArchiveRenewalDeps,
  meetingId: string,
): Promise<RenewalReport | null> {
  const state = await readDocument(deps.rooms, controlDocName(meetingId), readMinutesState);
  if (state.status !== 'signed' || !state.pdfSha256) return null;
  const previous = state.pdfSha256;
  const pdf = await readMeetingBlob(deps, meetingId, previous);
  if (!pdf) return { meetingId, result: 'blob-missing', verifiableUntil: null };
  const now = deps.now();
  const before = await verify(deps, pdf, now);
  const decision = renewalDecision(before, now, deps.beforeDays);
  if (!decision.due)
    return { meetingId, result: decision.reason, verifiableUntil: iso(decision.verifiableUntil) };
  let renewed;
  try {
    renewed = await renewedFile(deps, pdf, now);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const reason = `${typeof code === 'string' ? `${code}: ` : ''}${(error as Error).message}`;
    await deps.audit.appendAudit({
      at: now.toISOString(),
      action: 'minutes.archive-timestamp',
      meetingId,
      result: 'tsa-failed',
      reason,
      by: deps.by,
    });
    return {
      meetingId,
      result: 'tsa-failed',
      verifiableUntil: iso(decision.verifiableUntil),
      reason,
    };
  }
  const after = await verify(deps, renewed.pdf, now);
  const stillOk = after.filter((r) => r.level !== undefined).every(ok);
  const wasOk = before.filter((r) => r.level !== undefined).every(ok);
  if (wasOk && !stillOk)
    return {
      meetingId,
      result: 'refused',
      verifiableUntil: iso(decision.verifiableUntil),
      reason: after.flatMap((r) => r.problems).join('; '),
    };
  const until = fileVerifiableUntil(after);
  if (!renewalExtends(decision.verifiableUntil, until))
    return {
      meetingId,
      result: 'not-extended',
      verifiableUntil: iso(decision.verifiableUntil),
      reason: `the TSA's certificate ends ${iso(until) ?? 'at an unknown time'}, no later than the last timestamp's`,
    };
  const sha256 = toHex(await deps.crypto.sha256(renewed.pdf));
  await saveMeetingBlob(deps, meetingId, {
    sha256,
    bytes: renewed.pdf,
    contentType: 'application/pdf',
    memberId: deps.by,
  });
  let swapped = false;
  await transactControl(deps.rooms, meetingId, (doc) => {
    const current = readMinutesState(doc);
    if (current.status !== 'signed' || current.pdfSha256 !== previous) return;
    writeMinutesState(doc, { ...current, pdfSha256: sha256 });
    swapped = true;
  });
  if (!swapped) return { meetingId, result: 'changed-meanwhile', verifiableUntil: null };
  await deps.audit.appendAudit({
    at: now.toISOString(),
    action: 'minutes.archive-timestamp',
    meetingId,
    result: 'renewed',
    previous,
    sha256,
    verifiableUntil: iso(until) ?? '',
    by: deps.by,
  });
  return {
    meetingId,
    result: 'renewed',
    verifiableUntil: iso(until),
    sha256,
    ...(renewed.notes.length > 0 ? { notes: renewed.notes } : {}),
  };
}

/** One pass over every meeting with signed minutes, in the directory's order. */
export async function renewArchivedMinutes(deps: ArchiveRenewalDeps): Promise<RenewalReport[]> {
  const reports: RenewalReport[] = [];
  for (const meeting of await deps.meetings.list()) {
    const report = await renewMeeting(deps, meeting.id);
    if (report) reports.push(report);
  }
  return reports;
}
