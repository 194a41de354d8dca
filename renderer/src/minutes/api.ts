/** Typed calls of the minutes routes (sync-server/minutes/feature.ts lists them). */
import type { MeetingMemberView } from '../../../core/api/meetings';
import type { MinutesField, MinutesState, TrustResponse } from '../../../core/api/minutes';
import { toHex } from '../../../core/util/hex';
import { ApiError, api } from '../api/client';
import { sessionStore } from '../session/session';

const meetingPath = (meetingId: string) => `/api/meetings/${encodeURIComponent(meetingId)}`;

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return toHex(
    new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)),
  );
}

async function blobRequest(path: string, init: RequestInit): Promise<Response> {
  const token = sessionStore.get().session?.token;
  const headers = new Headers(init.headers);
  if (token) headers.set('Authorization', `Bearer ${token}`);
  const res = await fetch(path, { ...init, headers });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { code?: string } } | null;
    throw new ApiError(res.status, body?.error?.code ?? 'http', res.statusText);
  }
  return res;
}

export const minutesApi = {
  members: async (meetingId: string) =>
    (await api.request(`${meetingPath(meetingId)}/members`)) as MeetingMemberView[],
  state: async (meetingId: string) =>
    (await api.request(`${meetingPath(meetingId)}/minutes`)) as MinutesState,
  finalize: async (meetingId: string) =>
    (await api.request(`${meetingPath(meetingId)}/minutes/finalize`, {
      method: 'POST',
    })) as MinutesState,
  reopen: async (meetingId: string) =>
    (await api.request(`${meetingPath(meetingId)}/minutes/reopen`, {
      method: 'POST',
    })) as MinutesState,
  sign: async (meetingId: string, sha256: string, field: MinutesField) =>
    (await api.request(`${meetingPath(meetingId)}/minutes/signatures`, {
      method: 'POST',
      body: { sha256, field },
    })) as MinutesState,
  trust: async () => ((await api.request('/api/trust')) as TrustResponse).caPem,
  /** The PDF named by `sha256`, refused unless its bytes hash to that name. */
  download: async (meetingId: string, sha256: string): Promise<Uint8Array> => {
    const res = await blobRequest(`${meetingPath(meetingId)}/blobs/${sha256}`, {});
    const bytes = new Uint8Array(await res.arrayBuffer());
    if ((await sha256Hex(bytes)) !== sha256)
      throw new ApiError(200, 'minutes-hash-mismatch', 'The file does not match its hash.');
    return bytes;
  },
  upload: async (meetingId: string, bytes: Uint8Array): Promise<string> => {
    const sha256 = await sha256Hex(bytes);
    await blobRequest(`${meetingPath(meetingId)}/blobs/${sha256}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/pdf' },
      body: bytes as Uint8Array<ArrayBuffer>,
    });
    return sha256;
  },
};
