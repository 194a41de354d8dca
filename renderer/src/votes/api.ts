import type {
  AttendanceView,
  CastBallotResponse,
  MyBallot,
  PollResult,
  PollView,
} from '../../../core/api/votes';
import type { PollDraft, PollOption } from '../../../core/votes/poll';
import { api } from '../api/client';

/** Typed calls of the votes and attendance routes (core/api/votes.ts lists them). */
export type PollAction = 'open' | 'close' | 'publish' | 'cancel';

/** A draft as sent: without options the server uses the Assembly's defaults (with i18n keys). */
export type NewPoll = Omit<PollDraft, 'options'> & { options?: PollOption[] };

const meetingPath = (meetingId: string) => `/api/meetings/${encodeURIComponent(meetingId)}`;
const pollPath = (meetingId: string, pollId: string) =>
  `${meetingPath(meetingId)}/polls/${encodeURIComponent(pollId)}`;

export const votesApi = {
  checkIn: async (meetingId: string, present: boolean) =>
    (await api.request(`${meetingPath(meetingId)}/attendance`, {
      method: 'POST',
      body: { present },
    })) as AttendanceView,
  createPoll: async (meetingId: string, draft: NewPoll) =>
    (await api.request(`${meetingPath(meetingId)}/polls`, {
      method: 'POST',
      body: draft,
    })) as PollView,
  pollAction: async (meetingId: string, pollId: string, action: PollAction) =>
    (await api.request(`${pollPath(meetingId, pollId)}/${action}`, {
      method: 'POST',
    })) as PollView,
  result: async (meetingId: string, pollId: string, signal?: AbortSignal) =>
    (await api.request(`${pollPath(meetingId, pollId)}/result`, { signal })) as PollResult,
  cast: async (meetingId: string, pollId: string, optionId: string) =>
    (await api.request(`${pollPath(meetingId, pollId)}/ballots`, {
      method: 'POST',
      body: { optionId },
    })) as CastBallotResponse,
  myBallot: async (meetingId: string, pollId: string, signal?: AbortSignal) =>
    (await api.request(`${pollPath(meetingId, pollId)}/my-ballot`, { signal })) as MyBallot,
};
