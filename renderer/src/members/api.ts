import type { MeetingMemberView } from '../../../core/api/meetings';
import { api } from '../api/client';

/** The meeting's members (names and roles): read by attendance and by the vote panels alike. */
export const membersApi = {
  list: async (meetingId: string, signal?: AbortSignal) =>
    (await api.request(`/api/meetings/${encodeURIComponent(meetingId)}/members`, {
      signal,
    })) as MeetingMemberView[],
};
