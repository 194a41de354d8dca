import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PollView } from '../../../core/api/votes';
import { useRoom } from '../room-context/RoomContext';
import { BallotCard } from './BallotCard';
import { usePolls } from './usePolls';
import './ballot.css';

interface Props {
  /** The agenda item on screen: its own results are shown there, so no announcement. */
  currentItemId: string | undefined;
  onShowItem: (itemId: string) => void;
}

const running = (p: PollView) => p.state === 'open' || p.state === 'closed';

/**
 * The top of the room's main area: a ballot card for every open poll (voting roles only), and
 * a notice when a poll this member watched running gets its result published.
 */
export function BallotDock({ currentItemId, onShowItem }: Props) {
  const { t } = useTranslation();
  const { may } = useRoom();
  const polls = usePolls();
  const [watched, setWatched] = useState<ReadonlySet<string>>(new Set());
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());

  // Remember the polls seen running, so results published before one came in are not announced.
  const newlyRunning = polls.filter((p) => running(p) && !watched.has(p.id)).map((p) => p.id);
  const key = newlyRunning.join(',');
  useEffect(() => {
    if (key === '') return;
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setWatched((before) => new Set([...before, ...key.split(',')]));
  }, [key]);

  const voter = may('ballot.cast');
  const open = voter ? polls.filter((p) => p.state === 'open') : [];
  const announced = polls.filter(
    (p) =>
      p.state === 'published' &&
      p.result !== null &&
      watched.has(p.id) &&
      !dismissed.has(p.id) &&
      p.agendaItemId !== currentItemId,
  );
  if (open.length === 0 && announced.length === 0) return null;

  return (
    <div className="ballot-dock">
      {open.map((poll) => (
        <BallotCard key={poll.id} poll={poll} />
      ))}
      <div aria-live="polite">
        {announced.map((poll) => {
          const passed = poll.result?.tally.passed === true;
          return (
            <div key={poll.id} className={`announce announce--${passed ? 'passed' : 'failed'}`}>
              <span className="announce__label">{t('votes.announce.published')}:</span>
              <strong className="announce__title">{poll.title}</strong>
              <span className={`verdict-tag verdict-tag--${passed ? 'passed' : 'failed'}`}>
                {t(passed ? 'votes.result.passed' : 'votes.result.failed')}
              </span>
              <button
                type="button"
                className="secondary"
                onClick={() => onShowItem(poll.agendaItemId)}
              >
                {t('votes.announce.show')}
              </button>
              <button
                type="button"
                className="link-button"
                onClick={() => setDismissed((before) => new Set([...before, poll.id]))}
              >
                {t('votes.announce.dismiss')}
              </button>
            </div>
          );
        })}
      </div>
    </div>
  );
}
