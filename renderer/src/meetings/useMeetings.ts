import { useEffect, useState } from 'react';
import type { MeetingView } from '../../../core/api/meetings';
import { call } from '../api/client';

export type MeetingsState =
  | { kind: 'loading' }
  | { kind: 'error'; error: unknown }
  | { kind: 'ready'; meetings: MeetingView[] };

export function useMeetings(): MeetingsState {
  const [state, setState] = useState<MeetingsState>({ kind: 'loading' });
  useEffect(() => {
    const controller = new AbortController();
    call('meetings', { signal: controller.signal }).then(
      (meetings) => setState({ kind: 'ready', meetings }),
      (error: unknown) => {
        if (!controller.signal.aborted) {
          setState({ kind: 'error', error });
        }
      },
    );
    return () => controller.abort();
  }, []);
  return state;
}
