/**
 * The minutes on the server: finalize (draft → PDF blob, frozen), accept signatures (secretary,
 * then chair, each checked on the bytes before it counts), reopen (chair), and the trust
 * anchors clients verify against.
 *
 * Routes:
 *   GET  /api/trust                                → TrustResponse
 *   GET  /api/meetings/:id/minutes                 → MinutesState
 *   POST /api/meetings/:id/minutes/finalize        → MinutesState (secretary; 409 unless draft)
 *   POST /api/meetings/:id/minutes/signatures      → MinutesState ({ sha256, field })
 *   POST /api/meetings/:id/minutes/reopen          → MinutesState (chair; back to draft)
 *
 * Reopen exists because a finalized text with a mistake must be correctable before it is
 * signed off; it clears every signature, and the audit log keeps the history. What each step
 * may do, in which state and by whom, is core/minutes/lifecycle.ts: the handlers load, ask it,
 * write and answer.
 */
import type { TrustService } from '../identity/trust-service';
import type { CertificateInfo } from '../../core/identity/certificate';
import type { MinutesField, TrustResponse } from '../../core/api/minutes';
import {
  readMinutesState,
  writeMinutesState,
  type MinutesState,
} from '../../core/docs/control/minutes';
import type { CryptoServices } from '../../core/crypto/types';
import { controlDocName, sharedDocName } from '../../core/docs/names';
import { sharedMinutesDraft } from '../../core/docs/shared';
import { MinutesError, type MinutesFonts } from '../../core/minutes';
import {
  checkMinutesStep,
  finalizeMinutes,
  MinutesLifecycleError,
  reopenMinutes,
  signMinutes,
  type MinutesLifecycleErrorCode,
} from '../../core/minutes/lifecycle';
import type { MeetingAction } from '../../core/roles/permissions';
import { toHex } from '../../core/util/hex';
import { readMeetingBlob, saveMeetingBlob } from '../blobs/feature';
import type { BlobStore } from '../blobs/blob-store';
import type { ServerFeature } from '../feature';
import { meetingCaller } from '../meetings/caller';
import { transactControl } from '../meetings/control-doc';
import { API_SECURITY_HEADERS, HttpError, type RequestContext } from '../http/router';
import { route } from '../http/route';
import type { Auth } from '../identity/auth-feature';
import type { MemberDirectory } from '../identity/members';
import type { MeetingDirectory, MeetingRecord } from '../meetings/directory';
import type { Rooms } from '../rooms/manager';
import type { AuditLog, RecordStore } from '../store/types';
import {
  type SignatureTimestamping,
  SignatureRefusal,
  acceptSignedRevision,
  timestampAcceptedSignature,
} from './accept';
import type { Logger } from '../log';
import { MinutesDataError, buildMinutesData, type MinutesMember } from './data';
import { readMinutesDraft } from './draft';
import {
  checkDraftBlocks,
  checkDraftText,
  DEFAULT_DRAFT_LIMITS,
  type DraftLimits,
} from './draft-limits';
import { addLongTermValidation, type LongTermValidation } from './ltv';
import type { MinutesRenderer } from './pdf-render';
import { readDocument } from './read-doc';

/** HTTP status of each lifecycle refusal (core/minutes/lifecycle.ts decides which). */
const REFUSAL_STATUS: Record<MinutesLifecycleErrorCode, number> = {
  forbidden: 403,
  'minutes-wrong-role': 403,
  'minutes-not-draft': 409,
  'minutes-not-final': 409,
  'minutes-wrong-order': 409,
};

/** Runs a lifecycle decision, answering its refusal as the HTTP error it stands for. */
function decided<T>(decide: () => T): T {
  try {
    return decide();
  } catch (error) {
    if (error instanceof MinutesLifecycleError)
      throw new HttpError(REFUSAL_STATUS[error.code], error.code, error.message);
    throw error;
  }
}

export interface MinutesDeps {
  auth: Auth;
  meetings: MeetingDirectory;
  members: MemberDirectory;
  rooms: Rooms;
  blobs: BlobStore;
  records: RecordStore;
  audit: AuditLog;
  crypto: CryptoServices;
  trustedCas: () => Promise<string[]>;
  /** Trust for signing (lists, intermediates, purposes, revocation); see trust-service.ts. */
  trust?: TrustService;
  fonts: MinutesFonts;
  /** Renders the PDF in a worker thread, with time and memory limits. */
  renderer: MinutesRenderer;
  draftLimits?: DraftLimits;
  now?: () => Date;
  /** PAdES B-T: the TSA and its policy (--tsa-url …); absent, signatures stay B-B. */
  timestamping?: SignatureTimestamping;
  /** PAdES B-LT after B-T: chains and revocation answers fetched into a DSS (ltv.ts). */
  longTermValidation?: LongTermValidation;
  logger?: Logger;
}

/** The signing-purpose decision on a minutes signer, revocation included. */
const signerCheck =
  (trust: TrustService, at: Date, memberId: string) =>
  async (chainDer: Uint8Array[]): Promise<CertificateInfo> => {
    const trusted = await trust.check(chainDer, 'signing', at);
    await trust.revocation(trusted, 'signing', at, { memberId });
    return trusted.leaf;
  };

export function minutesFeature(deps: MinutesDeps): ServerFeature {
  const { meetings, members, rooms } = deps;
  const now = deps.now ?? (() => new Date());
  const draftLimits = deps.draftLimits ?? DEFAULT_DRAFT_LIMITS;

  const caller = (ctx: RequestContext, action: MeetingAction) => meetingCaller(deps, ctx, action);

  const state = (meetingId: string) =>
    readDocument(rooms, controlDocName(meetingId), readMinutesState);

  /** Reads, decides and writes in one queued step, so two requests cannot both win. */
  async function update(
    meetingId: string,
    decide: (current: MinutesState) => MinutesState,
  ): Promise<MinutesState> {
    let next: MinutesState | null = null;
    await transactControl(rooms, meetingId, (doc) => {
      const current = readMinutesState(doc);
      next = decided(() => decide(current));
      writeMinutesState(doc, next);
    });
    if (next === null) throw new Error('minutes update did not run');
    return next;
  }

  async function audit(memberId: string, meetingId: string, action: string, sha256: string) {
    await deps.audit.appendAudit({ at: now().toISOString(), memberId, meetingId, action, sha256 });
  }

  /**
   * PAdES B-T for an accepted signature (accept.ts): the timestamped file is stored as its own
   * blob and recorded instead of the upload, with the timestamp's time as the signing time.
   * Under policy sign-b-b a TSA failure keeps the upload, and the audit log and the server log
   * say it stayed B-B and why.
   */
  async function timestamped(
    signed: Uint8Array,
    field: MinutesField,
    memberId: string,
    meetingId: string,
  ): Promise<{ sha256?: string; at?: Date }> {
    if (!deps.timestamping) return {};
    let outcome;
    try {
      outcome = await timestampAcceptedSignature(signed, field, deps.timestamping, deps.crypto);
    } catch (error) {
      if (error instanceof SignatureRefusal)
        throw new HttpError(error.status, error.code, error.message);
      throw error;
    }
    if (outcome.level === 'B-B') {
      deps.logger?.log('warn', 'minutes.timestamp.missing', {
        meetingId,
        field,
        code: outcome.code,
        reason: outcome.reason,
      });
      await deps.audit.appendAudit({
        at: now().toISOString(),
        memberId,
        meetingId,
        action: `minutes.timestamp.${field}`,
        level: 'B-B',
        code: outcome.code,
      });
      return {};
    }
    const final = await longTerm(outcome.pdf, field, memberId, meetingId);
    const sha256 = toHex(await deps.crypto.sha256(final));
    if (final !== signed)
      await saveMeetingBlob(deps, meetingId, {
        sha256,
        bytes: final,
        contentType: 'application/pdf',
        memberId,
      });
    await deps.audit.appendAudit({
      at: now().toISOString(),
      memberId,
      meetingId,
      action: `minutes.timestamp.${field}`,
      level: 'B-T',
      time: outcome.timestamp.genTime.toISOString(),
      tsa: outcome.timestamp.tsaSubject ?? '',
      sha256,
    });
    return { sha256, at: outcome.timestamp.genTime };
  }

  /**
   * PAdES B-LT on a timestamped file: the DSS revision with every chain and revocation answer
   * (ltv.ts). A responder that cannot be reached keeps the file at B-T, and the log and the
   * audit say why; the signature itself is never lost to it.
   */
  async function longTerm(
    pdf: Uint8Array,
    field: MinutesField,
    memberId: string,
    meetingId: string,
  ): Promise<Uint8Array> {
    if (!deps.longTermValidation) return pdf;
    const outcome = await addLongTermValidation(pdf, deps.longTermValidation, now());
    if (outcome.level === 'not-reached')
      deps.logger?.log('warn', 'minutes.ltv.missing', { meetingId, field, reason: outcome.reason });
    await deps.audit.appendAudit({
      at: now().toISOString(),
      memberId,
      meetingId,
      action: `minutes.ltv.${field}`,
      level: outcome.level,
      ...(outcome.level === 'not-reached' ? { reason: outcome.reason } : {}),
    });
    return outcome.pdf;
  }

  /** The PDF the meeting's current draft renders to, from the server's own records. */
  async function renderDraft(meeting: MeetingRecord, at: Date): Promise<Uint8Array> {
    const draft = await readDocument(rooms, sharedDocName(meeting.id), (doc) => {
      checkDraftBlocks(sharedMinutesDraft(doc), draftLimits);
      return readMinutesDraft(doc);
    });
    checkDraftText(draft.blocks, draftLimits);
    const people: MinutesMember[] = [];
    for (const [memberId, role] of await meetings.roles(meeting.id)) {
      const m = await members.get(memberId);
      if (m) people.push({ id: m.id, name: m.name, role, position: m.position ?? null });
    }
    let pdf: Uint8Array;
    try {
      const data = await readDocument(rooms, controlDocName(meeting.id), (control) =>
        buildMinutesData({ meeting, members: people, control, draft, now: at }),
      );
      pdf = await deps.renderer.render(data, deps.fonts);
    } catch (error) {
      if (error instanceof MinutesDataError) throw new HttpError(422, error.code, error.message);
      if (error instanceof MinutesError)
        throw new HttpError(422, 'minutes-draft-invalid', error.message);
      throw error;
    }
    return pdf;
  }

  return {
    name: 'minutes',
    routes: [
      // The router has checked the session (the map marks the route 'session').
      route('trust', async (): Promise<TrustResponse> => ({
        caPem: await deps.trustedCas(),
        timestampCaPem: (await deps.timestamping?.trustedCas()) ?? [],
      })),
      route('minutes', async (ctx) => {
        const { meeting } = await caller(ctx, 'meeting.view');
        return state(meeting.id);
      }),
      route('finalizeMinutes', async (ctx) => {
        const { member, meeting, principal } = await caller(ctx, 'minutes.finalize');
        const current = await state(meeting.id);
        decided(() => checkMinutesStep(current, principal, { type: 'finalize' }));
        const at = now();
        const pdf = await renderDraft(meeting, at);
        const sha256 = toHex(await deps.crypto.sha256(pdf));
        await saveMeetingBlob(deps, meeting.id, {
          sha256,
          bytes: pdf,
          contentType: 'application/pdf',
          memberId: member.id,
        });
        const next = await update(meeting.id, (latest) =>
          finalizeMinutes(latest, principal, { pdfSha256: sha256, at: at.toISOString() }),
        );
        await audit(member.id, meeting.id, 'minutes.finalize', sha256);
        return next;
      }),
      route('previewMinutes', async (ctx) => {
        const { meeting } = await caller(ctx, 'meeting.view');
        const pdf = await renderDraft(meeting, now());
        ctx.res.writeHead(200, {
          ...API_SECURITY_HEADERS,
          'Content-Type': 'application/pdf',
          'Content-Length': pdf.byteLength,
          'Cache-Control': 'no-store',
        });
        ctx.res.end(pdf);
      }),
      route('signMinutes', {
        guard: (ctx) => caller(ctx, 'minutes.sign'),
        handler: async (ctx) => {
          const { member, meeting, principal } = ctx.guard;
          const { field, sha256 } = ctx.body;
          const current = await state(meeting.id);
          decided(() => checkMinutesStep(current, principal, { type: 'sign', field }));
          const onto = current.pdfSha256 ?? '';
          const previous = await readMeetingBlob(deps, meeting.id, onto);
          const signed = await readMeetingBlob(deps, meeting.id, sha256);
          if (!previous || !signed)
            throw new HttpError(404, 'minutes-blob-missing', 'Upload the signed PDF first.');
          let accepted;
          try {
            accepted = await acceptSignedRevision({
              previous,
              signed,
              field,
              trustedCaPem: await deps.trustedCas(),
              crypto: deps.crypto,
              now: now(),
              ...(deps.trust ? { checkSigner: signerCheck(deps.trust, now(), member.id) } : {}),
            });
          } catch (error) {
            if (error instanceof SignatureRefusal)
              throw new HttpError(error.status, error.code, error.message);
            throw error;
          }
          const signer = await members.byCertificate(accepted.signerFingerprint);
          if (!signer || signer.id !== member.id)
            throw new HttpError(
              403,
              'minutes-signer-mismatch',
              'The signature was made with a certificate that is not yours.',
            );
          const { signerName } = accepted;
          const stamped = await timestamped(signed, field, member.id, meeting.id);
          const next = await update(meeting.id, (latest) =>
            signMinutes(latest, principal, {
              field,
              onto,
              sha256: stamped.sha256 ?? sha256,
              name: signerName,
              at: (stamped.at ?? now()).toISOString(),
            }),
          );
          await audit(member.id, meeting.id, `minutes.sign.${field}`, stamped.sha256 ?? sha256);
          return next;
        },
      }),
      route('reopenMinutes', async (ctx) => {
        const { member, meeting, principal } = await caller(ctx, 'minutes.reopen');
        let reopened = '';
        const next = await update(meeting.id, (current) => {
          reopened = current.pdfSha256 ?? '';
          return reopenMinutes(current, principal);
        });
        await audit(member.id, meeting.id, 'minutes.reopen', reopened);
        return next;
      }),
    ],
  };
}
