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
import { HttpError, type RequestContext } from '../http/router';
import { route } from '../http/route';
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
      route('presenter', async (ctx) => {
        const { meeting } = await caller(ctx);
        let view: PresenterView | null = null;
        await rooms.transact(controlDocName(meeting.id), (doc) => {
          view = readPresenterView(doc);
        });
        if (view === null) throw new Error('presenter read did not run');
        return view;
      }),
      route('setPresenterPosition', {
        guard: caller,
        handler: async (ctx) => {
          const { member, meeting, chair } = ctx.guard;
          const position = ctx.body;
          const view = await update(meeting.id, (current) => {
            if (current.memberId !== member.id && !chair)
              return new HttpError(
                403,
                'not-presenter',
                'Only the presenter moves the shared page.',
              );
            return {
              ...position,
              fit: position.fit ?? null,
              memberId: member.id,
              memberName: member.name,
            };
          });
          return view;
        },
      }),
      route('stopPresenting', async (ctx) => {
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
            fit: null,
          };
        });
        return view;
      }),
      route('assignPresenter', {
        guard: async (ctx) => {
          const found = await caller(ctx);
          if (!found.chair)
            throw new HttpError(403, 'forbidden', 'Your role may not do this (presenter.set).');
          return found;
        },
        handler: async (ctx) => {
          const { member, meeting } = ctx.guard;
          const { memberId } = ctx.body;
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
          return view;
        },
      }),
    ],
  };
}
