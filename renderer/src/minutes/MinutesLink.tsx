/** The "Biên bản" entry under the agenda, with the minutes' status for everyone. */
import { useTranslation } from 'react-i18next';
import { useControlPart } from '../collab/MeetingDocsContext';
import './minutes.css';

export function MinutesLink({ current, onOpen }: { current: boolean; onOpen: () => void }) {
  const { t } = useTranslation();
  const status = useControlPart('minutes')?.status ?? null;
  return (
    <div className="agenda__minutes">
      <button type="button" aria-current={current ? 'page' : undefined} onClick={onOpen}>
        <span className="agenda__minutes-title">{t('minutes.nav')}</span>
        {status ? (
          <span className="agenda__minutes-status">
            {t(`minutes.status.${status}` as 'minutes.status.draft')}
          </span>
        ) : null}
      </button>
    </div>
  );
}
