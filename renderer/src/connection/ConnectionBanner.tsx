import { useTranslation } from 'react-i18next';
import './connection.css';
import type { ConnectionProblem } from '../collab/connection-watch';
import type { MeetingDocKind } from '../collab/meeting-docs';

interface Props {
  problems: readonly { kind: MeetingDocKind; problem: ConnectionProblem }[];
  /** The control document is in a newer schema than this app reads (core/docs/control). */
  controlNewer?: boolean;
  /** The server does not answer or the room's connection is down (more than the header dot). */
  offline?: boolean;
}

/**
 * Says that the connection is lost while it is, and why the server closed the room's
 * connections and what happens next; a refusal stays until the connection is healthy again
 * (ConnectionWatch). Refusals of the member's own edits are the serious ones.
 */
export function ConnectionBanner({ problems, controlNewer = false, offline = false }: Props) {
  const { t } = useTranslation();
  if (problems.length === 0 && !controlNewer && !offline) return null;
  // One line per distinct explanation: three documents closed for one reason say it once.
  const lines = new Map<string, { kind: MeetingDocKind; problem: ConnectionProblem }>();
  for (const p of problems) {
    const key =
      p.problem.reason === 'quota-exceeded' || p.problem.reason === 'access-changed'
        ? `${p.problem.reason}:${p.kind}`
        : p.problem.reason;
    if (!lines.has(key)) lines.set(key, p);
  }
  const serious =
    offline || controlNewer || problems.some((p) => p.problem.writesRefused || p.problem.final);
  return (
    <div
      className={serious ? 'sync-banner sync-banner--serious' : 'sync-banner'}
      role="alert"
      aria-label={t('syncProblem.label')}
      data-testid="sync-banner"
    >
      {offline && <p data-offline="true">{t('syncProblem.offline')}</p>}
      {[...lines.entries()].map(([key, { kind, problem }]) => (
        <p key={key} data-close-code={problem.code}>
          {t(`syncProblem.${problem.reason}`, { doc: t(`syncProblem.doc.${kind}`) })}{' '}
          {problem.retryInMs !== null && <RetryIn ms={problem.retryInMs} />}
        </p>
      ))}
      {controlNewer && <p data-schema="newer">{t('syncProblem.controlNewer')}</p>}
    </div>
  );
}

function RetryIn({ ms }: { ms: number }) {
  const { t } = useTranslation();
  const seconds = Math.round(ms / 1000);
  return seconds < 120
    ? t('syncProblem.retrySeconds', { n: seconds })
    : t('syncProblem.retryMinutes', { n: Math.round(seconds / 60) });
}
