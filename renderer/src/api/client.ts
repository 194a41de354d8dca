import type { ApiErrorBody, MeetingSummary } from '../../../core/api/meetings';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const res = await fetch(path, { headers: { Accept: 'application/json' }, signal });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as ApiErrorBody | null;
    throw new ApiError(
      res.status,
      body?.error.code ?? 'http',
      body?.error.message ?? res.statusText,
    );
  }
  return (await res.json()) as T;
}

export const api = {
  meetings: (signal?: AbortSignal) => getJson<MeetingSummary[]>('/api/meetings', signal),
};
