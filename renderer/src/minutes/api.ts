/** The minutes routes (core/api/routes.ts), through the one client and the one blob transfer. */
import type { MinutesField } from '../../../core/api/minutes';
import { blobs } from '../api/blobs';
import { ApiError, api, call } from '../api/client';

export const minutesApi = {
  members: (meetingId: string) => call('members', { params: { id: meetingId } }),
  state: (meetingId: string) => call('minutes', { params: { id: meetingId } }),
  finalize: (meetingId: string) => call('finalizeMinutes', { params: { id: meetingId } }),
  reopen: (meetingId: string) => call('reopenMinutes', { params: { id: meetingId } }),
  sign: (meetingId: string, sha256: string, field: MinutesField) =>
    call('signMinutes', { params: { id: meetingId }, body: { sha256, field } }),
  trust: async () => await call('trust'),
  /** The PDF the server would finalize the current draft to (the preview is that PDF). */
  preview: async (meetingId: string): Promise<Uint8Array> =>
    new Uint8Array(
      await (await api.send('previewMinutes', { params: { id: meetingId } })).arrayBuffer(),
    ),
  /** The PDF named by `sha256`, refused unless its bytes hash to that name. */
  download: async (meetingId: string, sha256: string): Promise<Uint8Array> => {
    try {
      return await blobs.download(meetingId, sha256);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'hash-mismatch')
        throw new ApiError(null, 'minutes-hash-mismatch', 'The file does not match its hash.');
      throw error;
    }
  },
  upload: async (meetingId: string, bytes: Uint8Array): Promise<string> =>
    (await blobs.upload(meetingId, bytes, 'application/pdf')).sha256,
};
