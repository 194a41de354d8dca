import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { participates } from '../../../../core/roles/permissions';
import { errorMessage } from '../../i18n/error-message';
import { useMembers } from '../../members/useMembers';
import { useRoom } from '../../room-context/RoomContext';
import { presenterApi } from './api';
import type { Follow } from './FollowContext';

/**
 * The chair hands presenting to any member of the meeting (a rapporteur presenting their own
 * report) and takes it back. Only shown to a role with presenter.set; the server checks again.
 */
export function PresenterHandover({ follow }: { follow: Follow }) {
  const { t, i18n } = useTranslation();
  const { meeting, session } = useRoom();
  const members = useMembers(meeting.id);
  const [chosen, setChosen] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!follow.mayPresent) return null;

  const me = session.member.id;
  const presenterId = follow.presenter?.memberId ?? null;
  const others = [...members.values()]
    .filter((m) => m.id !== me && m.id !== presenterId && participates(m.role))
    .sort((a, b) => a.name.localeCompare(b.name, i18n.language));

  function assign(memberId: string | null) {
    setBusy(true);
    setError(null);
    presenterApi.assign(meeting.id, { memberId }).then(
      () => {
        setBusy(false);
        setChosen('');
      },
      (e: unknown) => {
        setBusy(false);
        setError(errorMessage(t, e, 'follow'));
      },
    );
  }

  return (
    <span className="follow-handover">
      <select
        aria-label={t('follow.assignLabel')}
        value={chosen}
        disabled={busy || others.length === 0}
        onChange={(e) => setChosen(e.target.value)}
      >
        <option value="">{t('follow.assign')}</option>
        {others.map((m) => (
          <option key={m.id} value={m.id}>
            {m.position ? `${m.name} – ${m.position}` : m.name}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="follow-bar__button"
        disabled={busy || chosen === ''}
        onClick={() => assign(chosen)}
      >
        {t('follow.assignButton')}
      </button>
      {presenterId !== null && presenterId !== me ? (
        <button
          type="button"
          className="follow-bar__button"
          disabled={busy}
          onClick={() => assign(null)}
        >
          {t('follow.takeBack')}
        </button>
      ) : null}
      {error ? (
        <span className="follow-bar__error" role="alert">
          {error}
        </span>
      ) : null}
    </span>
  );
}
