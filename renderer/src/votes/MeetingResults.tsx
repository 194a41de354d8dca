import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportFormat } from '../../../core/api/routes-results';
import type { PollView } from '../../../core/api/votes';
import { bridge } from '../bridge';
import { errorMessage } from '../i18n/error-message';
import { useMembers } from '../members/useMembers';
import { useRoom } from '../room-context/RoomContext';
import { exportResults } from './api';
import { formatPercent } from './labels';
import { ResultView } from './ResultView';
import { usePolls } from './usePolls';
import './result.css';

function Outcome({ poll }: { poll: PollView }) {
  const { t, i18n } = useTranslation();
  const tally = poll.result?.tally;
  if (!tally) return <span className="muted">—</span>;
  const motion = tally.options.find((o) => o.optionId === tally.motionOptionId);
  return (
    <>
      <span className={`verdict-tag verdict-tag--${tally.passed ? 'passed' : 'failed'}`}>
        {t(tally.passed ? 'votes.result.passed' : 'votes.result.failed')}
      </span>{' '}
      {motion ? `${motion.count} (${formatPercent(motion.percent, i18n.language)})` : null}
    </>
  );
}

/**
 * Every poll of the meeting with its state and outcome, the published results in full, and
 * their export as CSV or PDF (issue 12 §3). Figures come from the control document only.
 */
export function MeetingResults() {
  const { t } = useTranslation();
  const { meeting, may } = useRoom();
  const members = useMembers(meeting.id);
  const polls = usePolls();
  const agenda = new Map(meeting.agenda.map((a) => [a.id, a.title]));
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const canExport = may('results.export');

  async function download(format: ExportFormat, poll?: PollView) {
    const key = `${poll?.id ?? 'all'}.${format}`;
    setBusy(key);
    setError(null);
    try {
      const bytes = await exportResults(meeting.id, format, poll?.id);
      const name = poll ? `ket-qua-${poll.id}` : `ket-qua-bieu-quyet-${meeting.id}`;
      await bridge.saveFile({ suggestedName: `${name}.${format}`, bytes });
    } catch (e) {
      setError(errorMessage(t, e, 'results'));
    } finally {
      setBusy(null);
    }
  }

  const exportButtons = (poll?: PollView) =>
    (['csv', 'pdf'] as const).map((format) => (
      <button
        key={format}
        type="button"
        className="secondary"
        disabled={busy !== null}
        onClick={() => void download(format, poll)}
      >
        {t(format === 'csv' ? 'results.export.csv' : 'results.export.pdf')}
      </button>
    ));

  return (
    <section className="meeting-results" aria-labelledby="meeting-results-title">
      <header className="meeting-results__header">
        <h2 id="meeting-results-title">{t('results.heading')}</h2>
        {canExport && polls.length > 0 && (
          <div
            className="meeting-results__export"
            role="group"
            aria-label={t('results.export.all')}
          >
            {exportButtons()}
          </div>
        )}
      </header>
      {error && (
        <p className="votes-error" role="alert">
          {error}
        </p>
      )}
      {polls.length === 0 ? (
        <p className="muted">{t('results.empty')}</p>
      ) : (
        <table className="results-table meeting-results__list">
          <thead>
            <tr>
              <th scope="col">{t('results.poll')}</th>
              <th scope="col">{t('results.item')}</th>
              <th scope="col">{t('results.state')}</th>
              <th scope="col">{t('votes.results.verdict')}</th>
              {canExport && <th scope="col">{t('results.export.one')}</th>}
            </tr>
          </thead>
          <tbody>
            {polls.map((poll) => (
              <tr key={poll.id} data-poll={poll.id}>
                <th scope="row">{poll.title}</th>
                <td>{agenda.get(poll.agendaItemId) ?? '—'}</td>
                <td>
                  <span className={`state-badge state-badge--${poll.state}`}>
                    {t(`votes.state.${poll.state}`)}
                  </span>
                  {poll.cancelledReason !== null && (
                    <span className="meeting-results__reason">
                      {t('results.cancelledReason', { reason: poll.cancelledReason })}
                    </span>
                  )}
                </td>
                <td>
                  <Outcome poll={poll} />
                </td>
                {canExport && (
                  <td className="meeting-results__row-export">{exportButtons(poll)}</td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {polls
        .filter((poll) => poll.result !== null)
        .map((poll) =>
          poll.result ? (
            <ResultView key={poll.id} poll={poll} result={poll.result} members={members} />
          ) : null,
        )}
    </section>
  );
}
