/** The "Kết quả biểu quyết" entry under the agenda: every poll of the meeting, and exports. */
import { useTranslation } from 'react-i18next';

export function ResultsLink({ current, onOpen }: { current: boolean; onOpen: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="agenda__minutes agenda__results">
      <button type="button" aria-current={current ? 'page' : undefined} onClick={onOpen}>
        <span className="agenda__minutes-title">{t('results.nav')}</span>
      </button>
    </div>
  );
}
