import type { ApiErrorBody, MeetingView } from '../../../core/api/meetings';
import type { LoginChallenge, LoginRequest } from '../../../core/identity/login';
import { parseSession, sessionStore, type Session, type SessionStore } from '../session/session';

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

interface RequestOptions {
  method?: 'GET' | 'POST';
  body?: unknown;
  signal?: AbortSignal | undefined;
  /** Login itself carries no session; every other call does. */
  authenticated?: boolean;
}

export interface ApiClientOptions {
  fetch: typeof fetch;
  sessions: SessionStore;
}

/** The server's HTTP API. Adds the session's bearer token; a 401 on it ends the session. */
export function createApiClient({ fetch, sessions }: ApiClientOptions) {
  async function request(path: string, options: RequestOptions = {}): Promise<unknown> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    const token = options.authenticated === false ? undefined : sessions.get().session?.token;
    if (token !== undefined) headers.Authorization = `Bearer ${token}`;
    let res: Response;
    try {
      res = await fetch(path, {
        method: options.method ?? 'GET',
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: options.signal,
      });
    } catch (error) {
      if (options.signal?.aborted) throw error;
      throw new ApiError(0, 'network', error instanceof Error ? error.message : String(error));
    }
    if (!res.ok) {
      const body = (await res.json().catch(() => null)) as ApiErrorBody | null;
      // The server no longer knows this token (expired, revoked, restarted without it).
      if (res.status === 401 && token !== undefined) sessions.end('expired');
      throw new ApiError(
        res.status,
        body?.error?.code ?? 'http',
        body?.error?.message ?? res.statusText,
      );
    }
    if (res.status === 204) return undefined;
    try {
      return (await res.json()) as unknown;
    } catch (error) {
      // Aborted while the body streamed in: the caller gave up, so it gets the abort, never
      // an `undefined` it would read fields from.
      if (options.signal?.aborted) throw error;
      throw new ApiError(
        res.status,
        'bad-response',
        'The server answered something that is not JSON.',
      );
    }
  }

  return {
    /** Feature modules (e.g. votes/api.ts) type their own calls on top of this. */
    request,
    meetings: async (signal?: AbortSignal) =>
      (await request('/api/meetings', { signal })) as MeetingView[],
    challenge: async () =>
      (await request('/api/auth/challenge', { authenticated: false })) as LoginChallenge,
    login: async (body: LoginRequest): Promise<Session> => {
      const answer = await request('/api/auth/login', {
        method: 'POST',
        body,
        authenticated: false,
      });
      const session = parseSession(answer);
      if (!session) throw new ApiError(200, 'bad-response', 'The server answered no session.');
      return session;
    },
    logout: async (): Promise<void> => {
      await request('/api/auth/logout', { method: 'POST' });
    },
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;

export const api: ApiClient = createApiClient({
  // Called through a function so the window's fetch is looked up when used (and tests may stub it).
  fetch: (...args) => globalThis.fetch(...args),
  sessions: sessionStore,
});
