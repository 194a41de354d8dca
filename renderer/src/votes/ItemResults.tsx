import { useTranslation } from 'react-i18next';
import type { AgendaItemSummary } from '../../../core/api/meetings';
import type { PollView } from '../../../core/api/votes';
import { useMembers } from '../members/useMembers';
import { useRoom } from '../room-context/RoomContext';
import { CancelPublished } from './CancelPublished';
import { formatPercent } from './labels';
import { ResultView } from './ResultView';
import { usePolls } from './usePolls';

type Published = PollView & { result: NonNullable<PollView['result']> };

const isPublished = (p: PollView): p is Published => p.state === 'published' && p.result !== null;

/** Every published vote of an agenda item, for everyone in the room (observers included). */
export function ItemResults({ item }: { item: AgendaItemSummary }) {
  const { t, i18n } = useTranslation();
  const { meeting, may } = useRoom();
  const managesPolls = may('poll.manage');
  const members = useMembers(meeting.id);
  const published = usePolls()
    .filter((p): p is Published => p.agendaItemId === item.id && isPublished(p))
    .sort((a, b) => (b.publishedAt ?? 0) - (a.publishedAt ?? 0));
  if (published.length === 0) return null;
  const [latest, ...earlier] = published;

  return (
    <section className="item-results" aria-labelledby={`results-${item.id}`}>
      <h3 id={`results-${item.id}`}>{t('votes.results.heading')}</h3>
      {published.length > 1 && (
        <table className="results-table">
          <thead>
            <tr>
              <th scope="col">{t('votes.results.title')}</th>
              <th scope="col">{t('votes.results.motion')}</th>
              <th scope="col">{t('votes.results.cast')}</th>
              <th scope="col">{t('votes.results.verdict')}</th>
            </tr>
          </thead>
          <tbody>
            {published.map((poll) => {
              const { tally } = poll.result;
              const motion = tally.options.find((o) => o.optionId === tally.motionOptionId);
              return (
                <tr key={poll.id}>
                  <th scope="row">{poll.title}</th>
                  <td>
                    {motion
                      ? `${motion.count} (${formatPercent(motion.percent, i18n.language)})`
                      : '—'}
                  </td>
                  <td>{`${tally.cast}/${tally.eligible}`}</td>
                  <td>
                    <span
                      className={`verdict-tag verdict-tag--${tally.passed ? 'passed' : 'failed'}`}
                    >
                      {t(tally.passed ? 'votes.result.passed' : 'votes.result.failed')}
                    </span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {latest && <ResultView poll={latest} result={latest.result} members={members} />}
      {latest && managesPolls && <CancelPublished poll={latest} />}
      {earlier.map((poll) => (
        <details key={poll.id} className="item-results__earlier">
          <summary>
            {t('votes.results.details')}: {poll.title}
          </summary>
          <ResultView poll={poll} result={poll.result} members={members} level={4} />
          {managesPolls && <CancelPublished poll={poll} />}
        </details>
      ))}
    </section>
  );
}
