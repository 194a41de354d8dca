import type { PollDraftRequest } from '../../../core/api/routes';
import { call } from '../api/client';

/** The votes and attendance routes (core/api/routes.ts), through the one client. */
export type PollAction = 'open' | 'close' | 'publish' | 'cancel';

/** A draft as sent: without options the server uses the Assembly's defaults (with i18n keys). */
export type NewPoll = PollDraftRequest;

const ACTION_ROUTES = {
  open: 'openPoll',
  close: 'closePoll',
  publish: 'publishPoll',
  cancel: 'cancelPoll',
} as const satisfies Record<PollAction, string>;

export const votesApi = {
  checkIn: (meetingId: string, present: boolean) =>
    call('checkIn', { params: { id: meetingId }, body: { present } }),
  createPoll: (meetingId: string, draft: NewPoll) =>
    call('createPoll', { params: { id: meetingId }, body: draft }),
  pollAction: (meetingId: string, pollId: string, action: PollAction) =>
    call(ACTION_ROUTES[action], { params: { id: meetingId, pollId } }),
  result: (meetingId: string, pollId: string, signal?: AbortSignal) =>
    call('pollResult', { params: { id: meetingId, pollId }, signal }),
  cast: (meetingId: string, pollId: string, optionId: string) =>
    call('castBallot', { params: { id: meetingId, pollId }, body: { optionId } }),
  myBallot: (meetingId: string, pollId: string, signal?: AbortSignal) =>
    call('myBallot', { params: { id: meetingId, pollId }, signal }),
};
