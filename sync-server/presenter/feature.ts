import { ApiValidationError } from '../../core/api/meetings';
import { parseAssignPresenter, parsePresenterPosition } from '../../core/api/presenter';
import {
  readPresenterView,
  writePresenter,
  type PresenterView,
} from '../../core/docs/control/presenter';
import { controlDocName } from '../../core/docs/names';
import { can } from '../../core/roles/permissions';
import type { ServerFeature } from '../feature';
import { meetingCaller } from '../meetings/caller';
import { transactControl } from '../meetings/control-doc';
import { HttpError, readJson, sendJson, type RequestContext } from '../http/router';
import type { Auth } from '../identity/auth-feature';
import type { MemberDirectory } from '../identity/members';
import type { MeetingDirectory } from '../meetings/directory';
import type { Rooms } from '../rooms/manager';
import type { AuditLog } from '../store/types';

export interface PresenterDeps {
  auth: Auth;
  members: MemberDirectory;
  meetings: MeetingDirectory;
  rooms: Rooms;
  audit: AuditLog;
}

async function parsed<T>(ctx: RequestContext, parse: (body: unknown) => T): Promise<T> {
  try {
    return parse(await readJson(ctx.req, 4096));
  } catch (error) {
    if (error instanceof ApiValidationError) throw new HttpError(400, error.code, error.message);
    throw error;
  }
}

/**
 * Follow mode: the presenter (named by the chair, else the chair) moves the shared position;
 * the server checks who asks and writes the control document, which every member follows.
 */
export function presenterFeature(deps: PresenterDeps): ServerFeature {
  const { members, meetings, rooms, audit } = deps;

  async function caller(ctx: RequestContext) {
    const { member, meeting, principal } = await meetingCaller(deps, ctx, 'meeting.view');
    return { member, meeting, chair: can(principal, 'presenter.set') };
  }

  /** Runs `decide` on the control document; it returns the fields to write or an error. */
  async function update(
    meetingId: string,
    decide: (current: PresenterView) => Partial<PresenterView> | HttpError,
  ): Promise<PresenterView> {
    let outcome: PresenterView | HttpError | null = null;
    await transactControl(rooms, meetingId, (doc) => {
      const decision = decide(readPresenterView(doc));
      if (decision instanceof HttpError) outcome = decision;
      else {
        writePresenter(doc, { ...decision, at: new Date().toISOString() });
        outcome = readPresenterView(doc);
      }
    });
    const result = outcome as PresenterView | HttpError | null;
    if (result === null) throw new Error('presenter update did not run');
    if (result instanceof HttpError) throw result;
    return result;
  }

  return {
    name: 'presenter',
    routes: [
      {
        method: 'GET',
        path: '/api/meetings/:id/presenter',
        handler: async (ctx) => {
          const { meeting } = await caller(ctx);
          let view: PresenterView | null = null;
          await rooms.transact(controlDocName(meeting.id), (doc) => {
            view = readPresenterView(doc);
          });
          sendJson(ctx.res, 200, view);
        },
      },
      {
        method: 'POST',
        path: '/api/meetings/:id/presenter',
        handler: async (ctx) => {
          const { member, meeting, chair } = await caller(ctx);
          const position = await parsed(ctx, parsePresenterPosition);
          const view = await update(meeting.id, (current) => {
            if (current.memberId !== member.id && !chair)
              return new HttpError(
                403,
                'not-presenter',
                'Only the presenter moves the shared page.',
              );
            return { ...position, memberId: member.id, memberName: member.name };
          });
          sendJson(ctx.res, 200, view);
        },
      },
      {
        method: 'POST',
        path: '/api/meetings/:id/presenter/stop',
        handler: async (ctx) => {
          const { member, meeting, chair } = await caller(ctx);
          const view = await update(meeting.id, (current) => {
            if (current.memberId !== member.id && !chair)
              return new HttpError(403, 'not-presenter', 'Only the presenter stops presenting.');
            return {
              memberId: null,
              memberName: null,
              documentSha256: null,
              page: null,
              zoom: null,
            };
          });
          sendJson(ctx.res, 200, view);
        },
      },
      {
        method: 'POST',
        path: '/api/meetings/:id/presenter/assign',
        handler: async (ctx) => {
          const { member, meeting, chair } = await caller(ctx);
          if (!chair)
            throw new HttpError(403, 'forbidden', 'Your role may not do this (presenter.set).');
          const { memberId } = await parsed(ctx, parseAssignPresenter);
          const target = memberId === null ? member : await members.get(memberId);
          if (!target || (await meetings.roleOf(meeting.id, target.id)) === null)
            throw new HttpError(404, 'member-not-found', 'That member is not in this meeting.');
          const view = await update(meeting.id, () => ({
            memberId: target.id,
            memberName: target.name,
          }));
          await audit.appendAudit({
            at: new Date().toISOString(),
            memberId: member.id,
            action: 'presenter.assign',
            meetingId: meeting.id,
            target: target.id,
          });
          sendJson(ctx.res, 200, view);
        },
      },
    ],
  };
}
