import { useTranslation } from 'react-i18next';
import type { MeetingSummary } from '../../../core/api/meetings';
import { formatMeetingTime, languageOf } from '../i18n/dates';
import { errorMessage } from '../i18n/error-message';
import type { MeetingsState } from './useMeetings';

interface MeetingListProps {
  state: MeetingsState;
  onOpen: (meeting: MeetingSummary) => void;
}

export function MeetingList({ state, onOpen }: MeetingListProps) {
  const { t, i18n } = useTranslation();
  if (state.kind === 'loading') return <p role="status">{t('meetings.loading')}</p>;
  if (state.kind === 'error') return <p role="alert">{errorMessage(t, state.error, 'meetings')}</p>;
  if (state.meetings.length === 0) return <p>{t('meetings.empty')}</p>;
  return (
    <ul className="meeting-list">
      {state.meetings.map((meeting) => (
        <li key={meeting.id} className="meeting-card">
          <h2>{meeting.title}</h2>
          <dl>
            <dt>{t('meetings.when')}</dt>
            <dd>{formatMeetingTime(new Date(meeting.startsAt), languageOf(i18n.language))}</dd>
            <dt>{t('meetings.where')}</dt>
            <dd>{meeting.location}</dd>
          </dl>
          <button type="button" className="primary" onClick={() => onOpen(meeting)}>
            {t('meetings.open')}
          </button>
        </li>
      ))}
    </ul>
  );
}
