import { createHmac } from 'node:crypto';
import { electionView, visibleBallots, type ElectionView } from '../../core/api/elections';
import {
  castElectionBallot,
  closeRound,
  confirmRound,
  currentRound,
  ElectionError,
  newElectionRecord,
  openRound,
  parseElection,
  publishElection,
  type ElectionRecord,
} from '../../core/elections';
import { electionLive, writeElection } from '../../core/docs/control/elections';
import { canInElection, type MeetingAction } from '../../core/roles/permissions';
import { AttendanceBook } from '../attendance/book';
import type { ServerFeature } from '../feature';
import { HttpError, type RequestContext } from '../http/router';
import { route } from '../http/route';
import type { Auth } from '../identity/auth-feature';
import { newId } from '../ids';
import type { Logger } from '../log';
import { meetingCaller } from '../meetings/caller';
import type { MeetingDirectory } from '../meetings/directory';
import { transactControl } from '../meetings/control-doc';
import { requireMeetingState } from '../meetings/lifecycle';
import type { Rooms } from '../rooms/manager';
import type { AuditLog, JsonValue, RecordStore } from '../store/types';
import type { PollKeys } from '../votes/poll-keys';
import { GroupQueue, type Settled } from '../votes/queue';
import { atRandomPlace } from '../votes/urn';
import { refusals, roundKeyId, TAG_DOMAIN, type ElectionAction, type Outcome } from './actions';
import { ElectionBook, type StoredElection } from './book';
import { openElectionBallots, sealElectionBallot } from './sealed';

export interface ElectionsDeps {
  auth: Auth;
  meetings: MeetingDirectory;
  rooms: Rooms;
  store: RecordStore & AuditLog;
  logger: Logger;
  /** Sealed keys of open rounds, under the ballot key, in their own folder (poll-keys.ts). */
  roundKeys: PollKeys;
}

/**
 * Elections with the server as the only authority, on the secret polls' machinery: one queue
 * per election (every action checked by core/elections against the current state, one durable
 * write per group, then answered), the round's ballots sealed in an urn whose key lies under
 * the ballot key, opened only at close.
 */
export function electionsFeature(deps: ElectionsDeps): ServerFeature {
  const { meetings, store, logger, roundKeys, rooms } = deps;
  const book = new ElectionBook(store);
  const attendance = new AttendanceBook(store, meetings);

  const mirror = (record: ElectionRecord) =>
    transactControl(rooms, record.meetingId, (doc) => writeElection(doc, electionLive(record)));

  async function processGroup(key: string, actions: ElectionAction[]): Promise<Settled<Outcome>[]> {
    const [meetingId = '', electionId = ''] = key.split('/');
    const before = await book.get(meetingId, electionId);
    if (!before) throw new HttpError(404, 'election-not-found', 'No such election.');
    const last = currentRound(before.record);
    const opening = actions.some((a) => a.type === 'open');
    const present = opening ? (await attendance.voters(meetingId)).present : [];
    const nextNumber = (last?.round.number ?? 0) + 1;
    const newKey =
      opening && (last === undefined || last.state === 'confirmed')
        ? await roundKeys.create(meetingId, roundKeyId(electionId, nextNumber))
        : null;
    // The round's key opens the urn at close and tags commitments while open (never stored).
    const needsKey =
      last?.state === 'open' &&
      before.urn !== null &&
      actions.some((a) => a.type === 'close' || a.type === 'cast');
    const privateKey = needsKey
      ? await roundKeys.unseal(meetingId, roundKeyId(electionId, last.round.number))
      : null;
    const tagOf = (commitment: string): string => {
      if (!privateKey) throw new Error('a ballot is tagged with its round key');
      const secret = privateKey.export({ format: 'der', type: 'pkcs8' });
      return createHmac('sha256', secret).update(TAG_DOMAIN).update(commitment).digest('hex');
    };

    const now = Date.now();
    let current: StoredElection = before;
    const audits: JsonValue[] = [];
    const results: Settled<Outcome>[] = [];
    for (const action of actions) {
      const base = { at: new Date(now).toISOString(), memberId: action.memberId, meetingId };
      try {
        const { record, urn } = current;
        switch (action.type) {
          case 'open': {
            if (newKey === null) throw new ElectionError('round-in-progress', 'A round is open.');
            const opened = openRound(record, present);
            current = { record: opened, urn: { publicKey: newKey, ballots: [] } };
            audits.push({ ...base, action: 'election.round.open', electionId, round: nextNumber });
            results.push({ ok: true, value: { view: true } });
            break;
          }
          case 'cast': {
            const cast = castElectionBallot(record, action.memberId, action.round, action, tagOf);
            const round = currentRound(cast.record);
            if (!urn || !round) throw new Error('an open round has an urn');
            const sealed = sealElectionBallot(
              urn.publicKey,
              round.round,
              cast.commitment,
              cast.ballot,
            );
            current = {
              record: cast.record,
              urn: { publicKey: urn.publicKey, ballots: atRandomPlace(urn.ballots, sealed) },
            };
            // Names the voter, never the ballot.
            audits.push({
              ...base,
              action: 'election.ballot.cast',
              electionId,
              round: action.round,
            });
            results.push({
              ok: true,
              value: {
                ballot: {
                  electionId,
                  round: action.round,
                  commitment: cast.commitment,
                  kept: cast.ballot.kept,
                  received: round.voters.length,
                  issued: round.eligible.length,
                },
              },
            });
            break;
          }
          case 'close': {
            const closed = closeRound(record, action.round, () => {
              const round = currentRound(record);
              if (!urn || !privateKey || !round) throw new Error('a round closes with its key');
              return openElectionBallots(privateKey, urn.publicKey, round.round, urn.ballots);
            });
            current = { record: closed, urn: null };
            audits.push({
              ...base,
              action: 'election.round.close',
              electionId,
              round: action.round,
            });
            results.push({ ok: true, value: { view: true } });
            break;
          }
          case 'confirm':
            current = { record: confirmRound(record, action.round, action.tieOrder), urn };
            audits.push({
              ...base,
              action: 'election.round.confirm',
              electionId,
              round: action.round,
            });
            results.push({ ok: true, value: { view: true } });
            break;
          case 'publish':
            current = { record: publishElection(record, now), urn };
            audits.push({ ...base, action: 'election.publish', electionId });
            results.push({ ok: true, value: { view: true } });
            break;
        }
      } catch (error) {
        if (!(error instanceof ElectionError)) throw error;
        results.push({ ok: false, error });
      }
    }
    if (current !== before) {
      await Promise.all([book.save(current), ...audits.map((entry) => store.appendAudit(entry))]);
      await mirror(current.record);
    }
    // Counted and durable: the key that could open the urn goes. A key made for a round that did
    // not open goes too.
    if (last && before.urn !== null && current.urn === null)
      await roundKeys.destroy(meetingId, roundKeyId(electionId, last.round.number));
    if (newKey !== null && current.urn?.publicKey !== newKey)
      await roundKeys.destroy(meetingId, roundKeyId(electionId, nextNumber));
    return results;
  }

  const queue = new GroupQueue<ElectionAction, Outcome>(processGroup);

  // A crash after a durable write but before the document write leaves the document behind;
  // one between counting and deleting leaves a round key behind: repair both.
  const repaired = (async () => {
    const open = new Set<string>();
    for await (const { record, urn } of book.all()) {
      await mirror(record);
      const round = currentRound(record);
      if (urn !== null && round)
        open.add(`${record.meetingId}/${roundKeyId(record.election.id, round.round.number)}`);
    }
    await roundKeys.sweep((meetingId, keyId) => open.has(`${meetingId}/${keyId}`));
  })().catch((error: unknown) =>
    logger.log('error', 'elections.repair-failed', { error: String(error) }),
  );

  async function caller(ctx: RequestContext, action: MeetingAction) {
    await repaired;
    return meetingCaller(deps, ctx, action);
  }

  async function existing(meetingId: string, ctx: RequestContext): Promise<ElectionRecord> {
    const stored = await book.get(meetingId, ctx.params.electionId ?? '');
    if (!stored) throw new HttpError(404, 'election-not-found', 'No such election.');
    return stored.record;
  }

  /** A committee action (canInElection): its designation, not a role, allows it. */
  async function committee(ctx: RequestContext, action: MeetingAction) {
    const found = await caller(ctx, 'meeting.view');
    const record = await existing(found.meeting.id, ctx);
    if (!canInElection(found.principal, record.committee, action)) {
      throw new HttpError(403, 'forbidden', `Only the vote-counting committee may (${action}).`);
    }
    return { ...found, record };
  }

  async function submit(meetingId: string, electionId: string, action: ElectionAction) {
    return refusals(() => queue.submit(`${meetingId}/${electionId}`, action));
  }

  async function viewAfter(
    meetingId: string,
    electionId: string,
    memberId: string,
    action: ElectionAction,
  ): Promise<ElectionView> {
    await submit(meetingId, electionId, action);
    const stored = await book.get(meetingId, electionId);
    if (!stored) throw new HttpError(404, 'election-not-found', 'No such election.');
    return electionView(stored.record, memberId);
  }

  const roundOf = (ctx: RequestContext) => Number(ctx.params.round);

  return {
    name: 'elections',
    routes: [
      route('elections', async (ctx) => {
        const { meeting, member } = await caller(ctx, 'meeting.view');
        return (await book.list(meeting.id)).map((s) => electionView(s.record, member.id));
      }),
      route('createElection', {
        guard: (ctx) => caller(ctx, 'election.manage'),
        handler: async (ctx) => {
          const { member, meeting } = ctx.guard;
          const { agendaItemId, election, committee: members } = ctx.body;
          if (!meeting.agenda.some((item) => item.id === agendaItemId)) {
            throw new HttpError(
              400,
              'unknown-agenda-item',
              'This meeting has no such agenda item.',
            );
          }
          const roster = await attendance.roster(meeting.id);
          if (members.some((id) => !roster.some((m) => m.memberId === id && m.votes))) {
            throw new HttpError(
              400,
              'bad-committee',
              'The committee are delegates of this meeting.',
            );
          }
          const now = Date.now();
          const record = await refusals(async () =>
            newElectionRecord(
              meeting.id,
              agendaItemId,
              // The server names the election; the definition is checked by core/elections.
              parseElection({ ...election, id: newId('e') }),
              members,
              member.id,
              now,
            ),
          );
          const audit = {
            at: new Date(now).toISOString(),
            memberId: member.id,
            action: 'election.create',
            meetingId: meeting.id,
            electionId: record.election.id,
          };
          await Promise.all([book.save({ record, urn: null }), store.appendAudit(audit)]);
          await mirror(record);
          return electionView(record, member.id);
        },
      }),
      route('election', async (ctx) => {
        const { meeting, member } = await caller(ctx, 'meeting.view');
        return electionView(await existing(meeting.id, ctx), member.id);
      }),
      route('openElectionRound', async (ctx) => {
        const { meeting, member, record } = await committee(ctx, 'election.count.open');
        // A round opens only in a meeting that is open, as a poll does.
        await requireMeetingState(rooms, meeting.id, 'poll.open');
        return viewAfter(meeting.id, record.election.id, member.id, {
          type: 'open',
          memberId: member.id,
        });
      }),
      route('closeElectionRound', async (ctx) => {
        const { meeting, member, record } = await committee(ctx, 'election.count.close');
        return viewAfter(meeting.id, record.election.id, member.id, {
          type: 'close',
          memberId: member.id,
          round: roundOf(ctx),
        });
      }),
      route('confirmElectionRound', {
        guard: (ctx) => committee(ctx, 'election.count.confirm'),
        handler: async (ctx) => {
          const { meeting, member, record } = ctx.guard;
          return viewAfter(meeting.id, record.election.id, member.id, {
            type: 'confirm',
            memberId: member.id,
            round: roundOf(ctx),
            ...(ctx.body.tieOrder ? { tieOrder: ctx.body.tieOrder } : {}),
          });
        },
      }),
      route('publishElection', async (ctx) => {
        const { meeting, member } = await caller(ctx, 'election.manage');
        const record = await existing(meeting.id, ctx);
        return viewAfter(meeting.id, record.election.id, member.id, {
          type: 'publish',
          memberId: member.id,
        });
      }),
      route('castElectionBallot', {
        guard: async (ctx) => {
          const found = await caller(ctx, 'ballot.cast');
          const record = await existing(found.meeting.id, ctx);
          await requireMeetingState(rooms, found.meeting.id, 'ballot.cast');
          return { ...found, record };
        },
        handler: async (ctx) => {
          const { meeting, member, record } = ctx.guard;
          const outcome = await submit(meeting.id, record.election.id, {
            type: 'cast',
            memberId: member.id,
            round: roundOf(ctx),
            kept: ctx.body.kept,
            commitment: ctx.body.commitment,
          });
          if (!('ballot' in outcome)) throw new Error('a ballot was settled without its receipt');
          return outcome.ballot;
        },
      }),
      route('electionRoundBallots', async (ctx) => {
        const { meeting, member } = await caller(ctx, 'meeting.view');
        const record = await existing(meeting.id, ctx);
        const round = record.rounds.find((r) => r.round.number === roundOf(ctx));
        if (!round) throw new HttpError(404, 'round-not-found', 'This election has no such round.');
        const ballots = visibleBallots(round, record.committee.includes(member.id));
        if (ballots === null) {
          throw new HttpError(409, 'ballots-not-visible', 'The ballots are listed once counted.');
        }
        return ballots;
      }),
    ],
    async close() {
      await repaired;
      await queue.drain();
    },
  };
}
