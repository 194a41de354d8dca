import { useTranslation } from 'react-i18next';
import type { MeetingSummary } from '../../../core/api/meetings';

interface AgendaColumnProps {
  meeting: MeetingSummary | null;
  selectedItemId: string | undefined;
  onSelect: (itemId: string) => void;
  onBack: () => void;
}

export function AgendaColumn({ meeting, selectedItemId, onSelect, onBack }: AgendaColumnProps) {
  const { t } = useTranslation();
  return (
    <div className="agenda">
      <button type="button" className="link-button" onClick={onBack}>
        ← {t('nav.back')}
      </button>
      <h2 className="agenda__title">{t('agenda.title')}</h2>
      {meeting === null || meeting.agenda.length === 0 ? (
        <p className="muted">{t('agenda.empty')}</p>
      ) : (
        <ol className="agenda__items">
          {meeting.agenda.map((item, index) => (
            <li key={item.id}>
              <button
                type="button"
                aria-current={item.id === selectedItemId ? 'true' : undefined}
                onClick={() => onSelect(item.id)}
              >
                <span className="agenda__number">{t('agenda.item', { number: index + 1 })}</span>
                <span>{item.title}</span>
              </button>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
