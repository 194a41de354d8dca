import { call } from '../api/client';

/** The meeting's members (names and roles): read by attendance and by the vote panels alike. */
export const membersApi = {
  list: (meetingId: string, signal?: AbortSignal) =>
    call('members', { params: { id: meetingId }, signal }),
};
