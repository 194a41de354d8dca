import type { ServerFeature } from '../feature';
import { VERSION } from '../version';
import { sendJson } from './router';

/** `GET /healthz`: is the process up, which version, for how long. */
export function healthFeature(startedAt = Date.now()): ServerFeature {
  return {
    name: 'health',
    routes: [
      {
        method: 'GET',
        path: '/healthz',
        handler: ({ res }) =>
          sendJson(res, 200, {
            status: 'ok',
            version: VERSION,
            uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
          }),
      },
    ],
  };
}
