import { ApiValidationError } from '../../core/api/meetings';
import { meetingCaller } from '../meetings/caller';
import { transactControl } from '../meetings/control-doc';
import { voteErrorStatus, type CastBallotResponse, type PollView } from '../../core/api/votes';
import { writePoll } from '../../core/docs/control/polls';
import { type MeetingAction } from '../../core/roles/permissions';
import { createPoll, emptyBallotBox, VoteError } from '../../core/votes';
import { AttendanceBook } from '../attendance/book';
import type { ServerFeature } from '../feature';
import { HttpError, type RequestContext } from '../http/router';
import { route } from '../http/route';
import type { Auth } from '../identity/auth-feature';
import { newId } from '../ids';
import type { Logger } from '../log';
import type { MeetingDirectory } from '../meetings/directory';
import type { Rooms } from '../rooms/manager';
import type { AuditLog, JsonValue, RecordStore } from '../store/types';
import { applyAction, type PollAction, type UrnAccess, type VotersNow } from './apply';
import { BallotKeyError, type PollKeys } from './poll-keys';
import { GroupQueue, type Settled } from './queue';
import { PollBook, type PollRecord } from './records';
import { openChoices, UrnError } from './urn';
import { myBallot, pollResult, pollView } from './views';
import { requireMeetingState } from '../meetings/lifecycle';

export interface VotesDeps {
  auth: Auth;
  meetings: MeetingDirectory;
  rooms: Rooms;
  store: RecordStore & AuditLog;
  logger: Logger;
  /** Sealed keys of open secret polls, under the ballot key (poll-keys.ts). */
  pollKeys: PollKeys;
}

type Outcome = CastBallotResponse | PollView;

/** The queue settles a cast with its ballot and every other action with the poll. */
function asPollView(outcome: Outcome): PollView {
  if ('state' in outcome) return outcome;
  throw new Error('a poll action was settled with a ballot');
}
function asBallot(outcome: Outcome): CastBallotResponse {
  if ('changed' in outcome) return outcome;
  throw new Error('a ballot was settled with a poll');
}

/** Turns the errors a client can cause into HTTP refusals with their stable code. */
async function refusals<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof VoteError)
      throw new HttpError(voteErrorStatus(error.code), error.code, error.message);
    if (error instanceof ApiValidationError) throw new HttpError(400, error.code, error.message);
    // The operator's to fix (README "Secret ballots"); the poll stays as it was.
    if (error instanceof BallotKeyError || error instanceof UrnError)
      throw new HttpError(503, error.code, error.message);
    throw error;
  }
}

/**
 * Polls with the server as the only authority. Every action on a poll goes through one queue:
 * it is checked by core/votes against the current state, the new poll and ballot box are written
 * to the record store in one durable write, then the control document is updated, and only
 * then is the caller answered. A ballot that races with closing is therefore either counted
 * or refused with `poll-not-open`, and an answered ballot survives kill -9.
 */
export function votesFeature(deps: VotesDeps): ServerFeature {
  const { meetings, rooms, store, logger, pollKeys } = deps;
  const polls = new PollBook(store);
  const attendance = new AttendanceBook(store, meetings);

  const mirror = (record: PollRecord) =>
    transactControl(rooms, record.meetingId, (doc) => writePoll(doc, pollView(record)));

  async function processGroup(key: string, actions: PollAction[]): Promise<Settled<Outcome>[]> {
    const [meetingId = '', pollId = ''] = key.split('/');
    const before = await polls.get(meetingId, pollId);
    if (!before) throw new HttpError(404, 'poll-not-found', 'No such poll.');
    const votersNow: VotersNow | null = actions.some((a) => a.type === 'open')
      ? await attendance.voters(meetingId)
      : null;
    const urn = await urnAccess(before, actions);
    const now = Date.now();
    let current = before;
    const audits: JsonValue[] = [];
    const results: (
      { ok: true; ballot: CastBallotResponse | null } | { ok: false; error: unknown }
    )[] = [];
    for (const action of actions) {
      try {
        const applied = applyAction(current, action, now, votersNow, urn);
        current = applied.record;
        audits.push(applied.audit);
        results.push({ ok: true, ballot: applied.ballot });
      } catch (error) {
        if (!(error instanceof VoteError)) throw error;
        results.push({ ok: false, error });
      }
    }
    if (current !== before) {
      // Submitted together, so the store's group commit writes them in one fsync'd batch.
      await Promise.all([polls.save(current), ...audits.map((entry) => store.appendAudit(entry))]);
      await mirror(current);
    }
    const { meetingId: m, poll } = current;
    if (poll.kind === 'secret' && poll.state !== 'open') {
      // Counted (or cancelled) and durable: the key that could open the old urns goes.
      if (before.poll.state === 'open' || urn.publicKey) await pollKeys.destroy(m, poll.id);
    }
    const view = pollView(current);
    return results.map((r) => (r.ok ? { ok: true, value: r.ballot ?? view } : r));
  }

  /** A poll key made for an opening secret poll, or the unsealed one for a closing one. */
  async function urnAccess(record: PollRecord, actions: PollAction[]): Promise<UrnAccess> {
    const { meetingId, poll } = record;
    if (poll.kind !== 'secret') return { publicKey: null, open: null };
    if (poll.state === 'draft' && actions.some((a) => a.type === 'open'))
      return { publicKey: await pollKeys.create(meetingId, poll.id), open: null };
    if (poll.state === 'open' && record.urn && actions.some((a) => a.type === 'close')) {
      const privateKey = await pollKeys.unseal(meetingId, poll.id);
      return {
        publicKey: null,
        open: (sealed) => openChoices(privateKey, sealed.publicKey, sealed.ballots),
      };
    }
    return { publicKey: null, open: null };
  }

  const queue = new GroupQueue<PollAction, Outcome>(processGroup);

  // A crash after a durable write but before the document write leaves the document behind.
  // Likewise a crash between counting and deleting leaves a poll key behind: delete it.
  const repaired = (async () => {
    const open = new Set<string>();
    for await (const record of polls.all()) {
      if (record.poll.state === 'open') open.add(`${record.meetingId}/${record.poll.id}`);
      await mirror(record);
    }
    await pollKeys.sweep((meetingId, pollId) => open.has(`${meetingId}/${pollId}`));
  })().catch((error: unknown) =>
    logger.log('error', 'votes.repair-failed', { error: String(error) }),
  );

  async function allowed(ctx: RequestContext, action: MeetingAction) {
    await repaired;
    return meetingCaller(deps, ctx, action);
  }

  async function existing(meetingId: string, ctx: RequestContext): Promise<PollRecord> {
    const record = await polls.get(meetingId, ctx.params.pollId ?? '');
    if (!record) throw new HttpError(404, 'poll-not-found', 'No such poll.');
    return record;
  }

  const lifecycle = (
    key: 'openPoll' | 'closePoll' | 'publishPoll',
    type: 'open' | 'close' | 'publish',
  ) =>
    route(key, async (ctx) => {
      const { member, meeting } = await allowed(ctx, 'poll.manage');
      const record = await existing(meeting.id, ctx);
      // Polls open only in a meeting that is open; closing, publishing, cancelling any time.
      if (type === 'open') await requireMeetingState(rooms, meeting.id, 'poll.open');
      const outcome = await refusals(() =>
        queue.submit(`${meeting.id}/${record.poll.id}`, { type, memberId: member.id }),
      );
      return asPollView(outcome);
    });

  return {
    name: 'votes',
    routes: [
      route('polls', async (ctx) => {
        const { meeting } = await allowed(ctx, 'meeting.view');
        return (await polls.list(meeting.id)).map(pollView);
      }),
      route('createPoll', {
        guard: (ctx) => allowed(ctx, 'poll.manage'),
        handler: async (ctx) => {
          const { member, meeting } = ctx.guard;
          const draft = ctx.body;
          if (!meeting.agenda.some((item) => item.id === draft.agendaItemId)) {
            throw new HttpError(
              400,
              'unknown-agenda-item',
              'This meeting has no such agenda item.',
            );
          }
          const now = Date.now();
          const poll = createPoll(draft, newId('p'), now);
          const record: PollRecord = {
            meetingId: meeting.id,
            poll,
            box: emptyBallotBox(poll),
            memberCount: null,
            createdBy: member.id,
          };
          const audit = {
            at: new Date(now).toISOString(),
            memberId: member.id,
            action: 'poll.create',
            meetingId: meeting.id,
            pollId: poll.id,
          };
          await Promise.all([polls.save(record), store.appendAudit(audit)]);
          await mirror(record);
          return pollView(record);
        },
      }),
      route('poll', async (ctx) => {
        const { meeting } = await allowed(ctx, 'meeting.view');
        return pollView(await existing(meeting.id, ctx));
      }),
      lifecycle('openPoll', 'open'),
      lifecycle('closePoll', 'close'),
      lifecycle('publishPoll', 'publish'),
      route('cancelPoll', {
        guard: (ctx) => allowed(ctx, 'poll.manage'),
        handler: async (ctx) => {
          const { member, meeting } = ctx.guard;
          const record = await existing(meeting.id, ctx);
          const reason = ctx.body.reason ?? null;
          const outcome = await refusals(() =>
            queue.submit(`${meeting.id}/${record.poll.id}`, {
              type: 'cancel',
              memberId: member.id,
              reason,
            }),
          );
          return asPollView(outcome);
        },
      }),
      route('pollResult', async (ctx) => {
        const { meeting } = await allowed(ctx, 'poll.manage');
        const record = await existing(meeting.id, ctx);
        if (record.poll.state !== 'closed' && record.poll.state !== 'published') {
          throw new HttpError(409, 'result-not-ready', 'A result exists once the poll is closed.');
        }
        return refusals(async () => pollResult(record));
      }),
      route('castBallot', {
        guard: async (ctx) => {
          const caller = await allowed(ctx, 'ballot.cast');
          const record = await existing(caller.meeting.id, ctx);
          await requireMeetingState(rooms, caller.meeting.id, 'ballot.cast');
          return { ...caller, record };
        },
        handler: async (ctx) => {
          const { member, meeting, record } = ctx.guard;
          const outcome = await refusals(async () => {
            const { optionId } = ctx.body;
            return queue.submit(`${meeting.id}/${record.poll.id}`, {
              type: 'cast',
              memberId: member.id,
              optionId,
            });
          });
          return asBallot(outcome);
        },
      }),
      route('admitToPoll', {
        guard: async (ctx) => {
          const caller = await allowed(ctx, 'poll.admit');
          return { ...caller, record: await existing(caller.meeting.id, ctx) };
        },
        handler: async (ctx) => {
          const { member, meeting, record } = ctx.guard;
          const { memberId: target } = ctx.body;
          await requireMeetingState(rooms, meeting.id, 'poll.admit');
          const roster = await attendance.roster(meeting.id);
          const entry = roster.find((m) => m.memberId === target);
          if (!entry)
            throw new HttpError(404, 'member-not-found', 'That member is not in this meeting.');
          if (!entry.votes)
            throw new HttpError(409, 'not-a-voter', 'This member has no vote in this meeting.');
          if (entry.status !== 'present')
            throw new HttpError(409, 'not-present', 'Only a member who is present is admitted.');
          const outcome = await refusals(() =>
            queue.submit(`${meeting.id}/${record.poll.id}`, {
              type: 'admit',
              memberId: member.id,
              target,
            }),
          );
          return asPollView(outcome);
        },
      }),
      route('myBallot', async (ctx) => {
        const { member, meeting } = await allowed(ctx, 'meeting.view');
        return myBallot(await existing(meeting.id, ctx), member.id);
      }),
    ],
    async close() {
      await repaired;
      await queue.drain();
    },
  };
}
