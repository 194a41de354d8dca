import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PollView } from '../../../core/api/votes';
import { MAX_CANCEL_REASON_LENGTH } from '../../../core/votes/lifecycle';
import type { MessageKey } from '../i18n/catalog';
import { errorMessageKey } from '../i18n/error-message';
import { useRoom } from '../room-context/RoomContext';
import { votesApi } from './api';
import { message } from './labels';

/**
 * The chair's "hủy biểu quyết" under a published result. The room has seen that result, so the
 * rules (core/votes/lifecycle.ts) take it back only with a reason, recorded on the poll and
 * printed in the minutes; the button stays disabled until one is written.
 */
export function CancelPublished({ poll }: { poll: PollView }) {
  const { t } = useTranslation();
  const { meeting } = useRoom();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<MessageKey | null>(null);

  async function cancel() {
    setBusy(true);
    setError(null);
    try {
      await votesApi.cancelPoll(meeting.id, poll.id, reason.trim());
      setAsking(false);
    } catch (e) {
      setError(errorMessageKey(e, 'votes'));
    } finally {
      setBusy(false);
    }
  }

  if (!asking)
    return (
      <div className="poll-card__actions">
        <button type="button" className="link-button" onClick={() => setAsking(true)}>
          {t('votes.action.cancel')}
        </button>
      </div>
    );
  return (
    <div className="poll-card__confirm" role="group" aria-label={t('votes.action.cancel')}>
      <p>{t('votes.action.cancelConfirm')}</p>
      <label className="poll-card__reason">
        <span>{t('votes.cancel.reasonRequired')}</span>
        <textarea
          value={reason}
          maxLength={MAX_CANCEL_REASON_LENGTH}
          rows={2}
          required
          onChange={(e) => setReason(e.target.value)}
        />
      </label>
      {error && (
        <p className="votes-error" role="alert">
          {message(t, error)}
        </p>
      )}
      <button
        type="button"
        className="primary"
        disabled={busy || reason.trim() === ''}
        onClick={() => void cancel()}
      >
        {t('votes.action.confirm')}
      </button>
      <button type="button" className="secondary" onClick={() => setAsking(false)}>
        {t('votes.action.back')}
      </button>
    </div>
  );
}
