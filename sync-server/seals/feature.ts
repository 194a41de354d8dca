/**
 * Uploads and downloads of signature images and the seal (core/api/routes-seals.ts): PNG only
 * (by content type and by signature), at most SIGNATURE_IMAGE_MAX_BYTES; refusals keep nothing.
 */
import { SIGNATURE_IMAGE_MAX_BYTES, SignatureImageError } from '../../node-shared/images/png-image';
import type { ServerFeature } from '../feature';
import { API_SECURITY_HEADERS, HttpError, sessionOf, type RequestContext } from '../http/router';
import { route } from '../http/route';
import type { MemberDirectory } from '../identity/members';
import type { AuditLog, RecordStore } from '../store/types';
import { SignatureImages } from './images';

interface SealsDeps {
  members: MemberDirectory;
  records: RecordStore;
  audit: AuditLog;
}

async function accepted<T>(
  ctx: RequestContext,
  read: (limit: number) => Promise<Uint8Array>,
  keep: (png: Uint8Array) => Promise<T>,
): Promise<T> {
  const type = (ctx.req.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';
  if (type !== 'image/png')
    throw new HttpError(415, 'unsupported-type', 'Signature and seal images must be PNG files.');
  const png = await read(SIGNATURE_IMAGE_MAX_BYTES);
  try {
    return await keep(png);
  } catch (error) {
    if (error instanceof SignatureImageError)
      throw new HttpError(error.code === 'image-too-large' ? 413 : 400, error.code, error.message);
    throw error;
  }
}

function sendPng(ctx: RequestContext, png: Uint8Array | null): void {
  if (!png) throw new HttpError(404, 'image-not-found', 'No image has been uploaded.');
  ctx.res.writeHead(200, {
    ...API_SECURITY_HEADERS,
    'Content-Type': 'image/png',
    'Content-Length': png.byteLength,
    'Cache-Control': 'no-store',
  });
  ctx.res.end(png);
}

export function sealsFeature(deps: SealsDeps): ServerFeature {
  const images = new SignatureImages(deps.records);

  /** The member themself or an administrator; the member must exist. */
  const ownerOrAdmin = async (ctx: { params: { memberId: string } } & RequestContext) => {
    const { member } = sessionOf(ctx);
    if (member.id !== ctx.params.memberId && !member.isAdmin)
      throw new HttpError(
        403,
        'forbidden',
        "Only the member or an administrator may use a member's signature image.",
      );
    if (!(await deps.members.get(ctx.params.memberId)))
      throw new HttpError(404, 'member-not-found', 'No such member.');
    return member;
  };

  const audit = (memberId: string, action: string, target?: string) =>
    deps.audit.appendAudit({
      at: new Date().toISOString(),
      memberId,
      action,
      ...(target ? { target } : {}),
    });

  return {
    name: 'seals',
    routes: [
      route('putSignatureImage', {
        guard: ownerOrAdmin,
        handler: async (ctx) => {
          const view = await accepted(ctx, ctx.body, (png) =>
            images.putMemberImage(ctx.params.memberId, png),
          );
          await audit(ctx.guard.id, 'member.signature-image', ctx.params.memberId);
          return view;
        },
      }),
      route('signatureImage', {
        guard: ownerOrAdmin,
        handler: async (ctx) => sendPng(ctx, await images.memberImage(ctx.params.memberId)),
      }),
      route('putSeal', {
        guard: (ctx) => {
          const { member } = sessionOf(ctx);
          if (!member.isAdmin)
            throw new HttpError(403, 'forbidden', 'Only an administrator sets the seal.');
          return member;
        },
        handler: async (ctx) => {
          const view = await accepted(ctx, ctx.body, (png) => images.putSeal(png));
          await audit(ctx.guard.id, 'seal.set');
          return view;
        },
      }),
      route('seal', async (ctx) => sendPng(ctx, await images.seal())),
    ],
  };
}
