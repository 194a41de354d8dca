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
 * signed off; it clears every signature, and the audit log keeps the history.
 */
import {
  DRAFT_MINUTES,
  nextMinutesField,
  readMinutesState,
  writeMinutesState,
  type MinutesState,
  type TrustResponse,
} from '../../core/api/minutes';
import type { CryptoServices } from '../../core/crypto/types';
import { controlDocName, sharedDocName } from '../../core/docs/names';
import { sharedMinutesDraft } from '../../core/docs/shared';
import { MinutesError, type MinutesFonts } from '../../core/minutes';
import type { MeetingAction } from '../../core/roles/permissions';
import { toHex } from '../../core/util/hex';
import { readMeetingBlob, saveMeetingBlob } from '../blobs/feature';
import type { BlobStore } from '../blobs/blob-store';
import type { ServerFeature } from '../feature';
import { meetingCaller } from '../meetings/caller';
import { HttpError, type RequestContext } from '../http/router';
import { route } from '../http/route';
import type { Auth } from '../identity/auth-feature';
import type { MemberDirectory } from '../identity/members';
import type { MeetingDirectory } from '../meetings/directory';
import type { Rooms } from '../rooms/manager';
import type { AuditLog, RecordStore } from '../store/types';
import { SignatureRefusal, acceptSignedRevision } from './accept';
import { MinutesDataError, buildMinutesData, type MinutesMember } from './data';
import { draftToRichText } from './draft';
import {
  checkDraftBlocks,
  checkDraftText,
  DEFAULT_DRAFT_LIMITS,
  type DraftLimits,
} from './draft-limits';
import type { MinutesRenderer } from './pdf-render';
import { readDocument } from './read-doc';

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
  fonts: MinutesFonts;
  /** Renders the PDF in a worker thread, with time and memory limits. */
  renderer: MinutesRenderer;
  draftLimits?: DraftLimits;
  now?: () => Date;
}

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
    await rooms.transact(controlDocName(meetingId), (doc) => {
      next = decide(readMinutesState(doc));
      writeMinutesState(doc, next);
    });
    if (next === null) throw new Error('minutes update did not run');
    return next;
  }

  async function audit(memberId: string, meetingId: string, action: string, sha256: string) {
    await deps.audit.appendAudit({ at: now().toISOString(), memberId, meetingId, action, sha256 });
  }

  return {
    name: 'minutes',
    routes: [
      // The router has checked the session (the map marks the route 'session').
      route('trust', async (): Promise<TrustResponse> => ({ caPem: await deps.trustedCas() })),
      route('minutes', async (ctx) => {
        const { meeting } = await caller(ctx, 'meeting.view');
        return state(meeting.id);
      }),
      route('finalizeMinutes', async (ctx) => {
        const { member, meeting } = await caller(ctx, 'minutes.finalize');
        const current = await state(meeting.id);
        if (current.status !== 'draft')
          throw new HttpError(409, 'minutes-not-draft', 'The minutes are already finalized.');
        const draft = await readDocument(rooms, sharedDocName(meeting.id), (doc) => {
          const fragment = sharedMinutesDraft(doc);
          checkDraftBlocks(fragment, draftLimits);
          return draftToRichText(fragment);
        });
        checkDraftText(draft, draftLimits);
        const people: MinutesMember[] = [];
        for (const [memberId, role] of await meetings.roles(meeting.id)) {
          const m = await members.get(memberId);
          if (m) people.push({ id: m.id, name: m.name, role });
        }
        const at = now();
        let pdf: Uint8Array;
        try {
          const data = await readDocument(rooms, controlDocName(meeting.id), (control) =>
            buildMinutesData({ meeting, members: people, control, draft, now: at }),
          );
          pdf = await deps.renderer.render(data, deps.fonts);
        } catch (error) {
          if (error instanceof MinutesDataError)
            throw new HttpError(422, error.code, error.message);
          if (error instanceof MinutesError)
            throw new HttpError(422, 'minutes-draft-invalid', error.message);
          throw error;
        }
        const sha256 = toHex(await deps.crypto.sha256(pdf));
        await saveMeetingBlob(deps, meeting.id, {
          sha256,
          bytes: pdf,
          contentType: 'application/pdf',
          memberId: member.id,
        });
        const next = await update(meeting.id, (latest) => {
          if (latest.status !== 'draft')
            throw new HttpError(409, 'minutes-not-draft', 'The minutes are already finalized.');
          return {
            ...DRAFT_MINUTES,
            status: 'final',
            pdfSha256: sha256,
            finalSha256: sha256,
            finalizedAt: at.toISOString(),
            finalizedBy: member.id,
          };
        });
        await audit(member.id, meeting.id, 'minutes.finalize', sha256);
        return next;
      }),
      route('signMinutes', {
        guard: (ctx) => caller(ctx, 'minutes.sign'),
        handler: async (ctx) => {
          const { member, meeting, role } = ctx.guard;
          const request = ctx.body;
          const current = await state(meeting.id);
          const expected = nextMinutesField(current.status);
          if (expected === null || current.pdfSha256 === null)
            throw new HttpError(
              409,
              'minutes-not-final',
              'The minutes are not awaiting a signature.',
            );
          if (request.field !== expected)
            throw new HttpError(
              409,
              'minutes-wrong-order',
              `The ${expected} signs next; the secretary signs before the chair.`,
            );
          if (role !== request.field)
            throw new HttpError(403, 'minutes-wrong-role', `Only the ${request.field} signs here.`);
          const previous = await readMeetingBlob(deps, meeting.id, current.pdfSha256);
          const signed = await readMeetingBlob(deps, meeting.id, request.sha256);
          if (!previous || !signed)
            throw new HttpError(404, 'minutes-blob-missing', 'Upload the signed PDF first.');
          let accepted;
          try {
            accepted = await acceptSignedRevision({
              previous,
              signed,
              field: request.field,
              trustedCaPem: await deps.trustedCas(),
              crypto: deps.crypto,
              now: now(),
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
          const next = await update(meeting.id, (latest) => {
            if (latest.pdfSha256 !== current.pdfSha256 || latest.status !== current.status)
              throw new HttpError(409, 'minutes-wrong-order', 'The minutes changed meanwhile.');
            return {
              ...latest,
              status: request.field === 'secretary' ? 'signed-secretary' : 'signed',
              pdfSha256: request.sha256,
              signatures: [
                ...latest.signatures,
                {
                  field: request.field,
                  memberId: member.id,
                  name: accepted.signerName,
                  acceptedAt: now().toISOString(),
                  sha256: request.sha256,
                },
              ],
            };
          });
          await audit(member.id, meeting.id, `minutes.sign.${request.field}`, request.sha256);
          return next;
        },
      }),
      route('reopenMinutes', async (ctx) => {
        const { member, meeting, role } = await caller(ctx, 'minutes.sign');
        if (role !== 'chair')
          throw new HttpError(403, 'forbidden', 'Only the chair reopens the minutes.');
        let reopened = '';
        const next = await update(meeting.id, (current) => {
          if (current.status === 'draft')
            throw new HttpError(409, 'minutes-not-final', 'The minutes are still a draft.');
          reopened = current.pdfSha256 ?? '';
          return DRAFT_MINUTES;
        });
        await audit(member.id, meeting.id, 'minutes.reopen', reopened);
        return next;
      }),
    ],
  };
}
