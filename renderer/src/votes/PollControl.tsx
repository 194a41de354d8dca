import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingMemberView } from '../../../core/api/meetings';
import type { PollResult, PollView } from '../../../core/api/votes';
import { memberName } from '../members/useMembers';
import type { MessageKey } from '../i18n/catalog';
import { errorMessageKey } from '../i18n/error-message';
import { useRoom } from '../room-context/RoomContext';
import { MAX_CANCEL_REASON_LENGTH } from '../../../core/votes/lifecycle';
import { votesApi, type PollAction } from './api';
import { conditionText, message, motionOf, optionLabel } from './labels';
import { ResultView } from './ResultView';

interface Props {
  poll: PollView;
  members: ReadonlyMap<string, MeetingMemberView>;
}

type Loaded = { pollId: string; result: PollResult } | { pollId: string; error: MessageKey };

/** The count of a closed poll, which only the chair may see before publishing. */
function useClosedResult(meetingId: string, poll: PollView): Loaded | null {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  useEffect(() => {
    if (poll.state !== 'closed') return;
    const controller = new AbortController();
    votesApi.result(meetingId, poll.id, controller.signal).then(
      (result) => setLoaded({ pollId: poll.id, result }),
      (e: unknown) => {
        if (!controller.signal.aborted)
          setLoaded({ pollId: poll.id, error: errorMessageKey(e, 'votes') });
      },
    );
    return () => controller.abort();
  }, [meetingId, poll.id, poll.state]);
  return loaded?.pollId === poll.id ? loaded : null;
}

function LiveCount({ poll, members }: Props) {
  const { t } = useTranslation();
  // A secret poll's roll is not in the room while it is open: its count is all there is.
  const voted = poll.ballotsCast;
  const eligible = poll.eligible.length;
  const missing = poll.eligible
    .filter((id) => !poll.voters.includes(id))
    .map((id) => memberName(members, id))
    .sort((a, b) => a.localeCompare(b, 'vi'));
  const share = eligible === 0 ? 0 : (100 * voted) / eligible;
  return (
    <div className="live">
      <div className="live__count">
        <div
          className="live__numbers"
          role="status"
          aria-live="polite"
          aria-label={t('votes.live.label')}
        >
          <span className="live__voted">{voted}</span>
          <span className="live__sep">/</span>
          <span className="live__eligible">{eligible}</span>
        </div>
        <div className="live__caption">
          <strong>{t('votes.live.label')}</strong>
          <span>{t('votes.live.of', { count: eligible })}</span>
        </div>
      </div>
      <div className="live__bar" aria-hidden="true">
        <div className="live__fill" style={{ width: `${share}%` }} />
      </div>
      {poll.kind === 'named' ? (
        missing.length === 0 ? (
          <p className="live__done">{t('votes.live.allVoted')}</p>
        ) : (
          <section
            className="live__missing"
            aria-label={t('votes.live.notVoted', { count: missing.length })}
          >
            <h5>{t('votes.live.notVoted', { count: missing.length })}</h5>
            <ul>
              {missing.map((name) => (
                <li key={name}>{name}</li>
              ))}
            </ul>
          </section>
        )
      ) : (
        <>
          <p className="live__secret-count">{t('votes.live.secretCount', { voted, eligible })}</p>
          <p className="muted">{t('votes.live.secretNote')}</p>
        </>
      )}
    </div>
  );
}

function Summary({ poll }: { poll: PollView }) {
  const { t } = useTranslation();
  return (
    <dl className="poll-summary">
      <div>
        <dt>{t('votes.summary.kind')}</dt>
        <dd>{t(`votes.kind.${poll.kind}`)}</dd>
      </div>
      <div>
        <dt>{t('votes.summary.condition')}</dt>
        <dd>{conditionText(t, poll.rule, poll.base, motionOf(poll.options))}</dd>
      </div>
      <div>
        <dt>{t('votes.summary.quorum')}</dt>
        <dd>
          {poll.quorum === 0
            ? t('votes.quorum.none')
            : t('votes.quorum.value', { count: poll.quorum })}
        </dd>
      </div>
      <div>
        <dt>{t('votes.summary.allowChange')}</dt>
        <dd>{t(poll.allowChange ? 'votes.summary.yes' : 'votes.summary.no')}</dd>
      </div>
      <div>
        <dt>{t('votes.summary.options')}</dt>
        <dd>{poll.options.map((o) => optionLabel(t, o)).join(' · ')}</dd>
      </div>
    </dl>
  );
}

/** One poll in the chair's panel: what it is, its live count, and the next step. */
export function PollControl({ poll, members }: Props) {
  const { t } = useTranslation();
  const { meeting } = useRoom();
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState<'close' | 'cancel' | null>(null);
  const [error, setError] = useState<MessageKey | null>(null);
  const [reason, setReason] = useState('');
  // Once closed the room has seen a result: cancelling it needs a reason, printed in the minutes.
  const reasonRequired = poll.state === 'closed' || poll.state === 'published';
  const result = useClosedResult(meeting.id, poll);
  const missing = poll.eligible.length - poll.ballotsCast;

  async function run(action: PollAction) {
    setBusy(true);
    setError(null);
    setConfirming(null);
    try {
      await votesApi.pollAction(meeting.id, poll.id, action);
    } catch (e) {
      setError(errorMessageKey(e, 'votes'));
    } finally {
      setBusy(false);
    }
  }

  async function cancel() {
    setBusy(true);
    setError(null);
    try {
      const text = reason.trim();
      await votesApi.cancelPoll(meeting.id, poll.id, text === '' ? null : text);
      setConfirming(null);
    } catch (e) {
      setError(errorMessageKey(e, 'votes'));
    } finally {
      setBusy(false);
    }
  }

  const primary: PollAction | null =
    poll.state === 'draft'
      ? 'open'
      : poll.state === 'open'
        ? 'close'
        : poll.state === 'closed'
          ? 'publish'
          : null;
  const needsConfirm = (action: PollAction) => action === 'close' && missing > 0;
  const press = (action: PollAction | 'cancel') =>
    action === 'cancel'
      ? setConfirming('cancel')
      : needsConfirm(action)
        ? setConfirming('close')
        : void run(action);

  return (
    <article className={`poll-card poll-card--${poll.state}`} aria-labelledby={`poll-${poll.id}`}>
      <header className="poll-card__header">
        <span className={`state-badge state-badge--${poll.state}`}>
          {t(`votes.state.${poll.state}`)}
        </span>
        <h4 id={`poll-${poll.id}`}>{poll.title}</h4>
      </header>
      {poll.state === 'draft' && <Summary poll={poll} />}
      {poll.state === 'open' && <LiveCount poll={poll} members={members} />}
      {poll.state === 'closed' && (
        <div className="poll-card__preview">
          <p className="poll-card__preview-label">{t('votes.preview')}</p>
          {result === null ? (
            <p className="muted">{t('votes.result.loading')}</p>
          ) : 'error' in result ? (
            <p className="votes-error" role="alert">
              {message(t, result.error)}
            </p>
          ) : (
            <ResultView poll={poll} result={result.result} members={members} titled={false} />
          )}
        </div>
      )}
      {error && (
        <p className="votes-error" role="alert">
          {message(t, error)}
        </p>
      )}
      {confirming ? (
        <div
          className="poll-card__confirm"
          role="group"
          aria-label={t(`votes.action.${confirming}`)}
        >
          <p>
            {confirming === 'close'
              ? t('votes.action.closeConfirm', { count: missing })
              : t('votes.action.cancelConfirm')}
          </p>
          {confirming === 'cancel' && (
            <label className="poll-card__reason">
              <span>
                {t(reasonRequired ? 'votes.cancel.reasonRequired' : 'votes.cancel.reasonOptional')}
              </span>
              <textarea
                value={reason}
                maxLength={MAX_CANCEL_REASON_LENGTH}
                rows={2}
                required={reasonRequired}
                onChange={(e) => setReason(e.target.value)}
              />
            </label>
          )}
          <button
            type="button"
            className="primary"
            disabled={busy || (confirming === 'cancel' && reasonRequired && reason.trim() === '')}
            onClick={() => void (confirming === 'cancel' ? cancel() : run(confirming))}
          >
            {t('votes.action.confirm')}
          </button>
          <button type="button" className="secondary" onClick={() => setConfirming(null)}>
            {t('votes.action.back')}
          </button>
        </div>
      ) : (
        <div className="poll-card__actions">
          {primary && (
            <button
              type="button"
              className="primary poll-card__main"
              disabled={busy}
              onClick={() => press(primary)}
            >
              {busy ? t('votes.action.busy') : t(`votes.action.${primary}`)}
            </button>
          )}
          <button
            type="button"
            className="link-button"
            disabled={busy}
            onClick={() => press('cancel')}
          >
            {t('votes.action.cancel')}
          </button>
        </div>
      )}
    </article>
  );
}
