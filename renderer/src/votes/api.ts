import type { PollDraftRequest } from '../../../core/api/routes';
import type { ExportFormat } from '../../../core/api/routes-results';
import { api, call } from '../api/client';

/** The votes and attendance routes (core/api/routes.ts), through the one client. */
export type PollAction = 'open' | 'close' | 'publish';

/** A draft as sent: without options the server uses the Assembly's defaults (with i18n keys). */
export type NewPoll = PollDraftRequest;

const ACTION_ROUTES = {
  open: 'openPoll',
  close: 'closePoll',
  publish: 'publishPoll',
} as const satisfies Record<PollAction, string>;

export const votesApi = {
  checkIn: (meetingId: string, present: boolean) =>
    call('checkIn', { params: { id: meetingId }, body: { present } }),
  createPoll: (meetingId: string, draft: NewPoll) =>
    call('createPoll', { params: { id: meetingId }, body: draft }),
  pollAction: (meetingId: string, pollId: string, action: PollAction) =>
    call(ACTION_ROUTES[action], { params: { id: meetingId, pollId } }),
  /** A reason is required once the poll has closed; it is printed in the minutes. */
  cancelPoll: (meetingId: string, pollId: string, reason: string | null) =>
    call('cancelPoll', {
      params: { id: meetingId, pollId },
      body: reason === null ? {} : { reason },
    }),
  result: (meetingId: string, pollId: string, signal?: AbortSignal) =>
    call('pollResult', { params: { id: meetingId, pollId }, signal }),
  cast: (meetingId: string, pollId: string, optionId: string) =>
    call('castBallot', { params: { id: meetingId, pollId }, body: { optionId } }),
  myBallot: (meetingId: string, pollId: string, signal?: AbortSignal) =>
    call('myBallot', { params: { id: meetingId, pollId }, signal }),
};

/** Results export (CSV or PDF) of the whole meeting, or of one poll when `pollId` is given. */
export async function exportResults(
  meetingId: string,
  format: ExportFormat,
  pollId?: string,
): Promise<Uint8Array> {
  const res =
    pollId === undefined
      ? await api.send('exportResults', { params: { id: meetingId, format } })
      : await api.send('exportPollResult', { params: { id: meetingId, pollId, format } });
  return new Uint8Array(await res.arrayBuffer());
}
