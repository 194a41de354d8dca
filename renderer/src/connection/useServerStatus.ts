import { useEffect, useState } from 'react';
import { call } from '../api/client';

export type ServerStatus = 'checking' | 'online' | 'offline';

/** Whether the sync server answers; checked now, every few seconds, and on network changes. */
export function useServerStatus(intervalMs = 5000): ServerStatus {
  const [status, setStatus] = useState<ServerStatus>('checking');
  useEffect(() => {
    let cancelled = false;
    const check = async () => {
      try {
        // Any answer but a refusal (a 503 from /healthz is one) means online.
        await call('health', { cache: 'no-store' });
        if (!cancelled) setStatus('online');
      } catch {
        if (!cancelled) setStatus('offline');
      }
    };
    void check();
    const timer = setInterval(() => void check(), intervalMs);
    const onNetwork = () => void check();
    window.addEventListener('online', onNetwork);
    window.addEventListener('offline', onNetwork);
    return () => {
      cancelled = true;
      clearInterval(timer);
      window.removeEventListener('online', onNetwork);
      window.removeEventListener('offline', onNetwork);
    };
  }, [intervalMs]);
  return status;
}
