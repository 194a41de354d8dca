import { useTranslation } from 'react-i18next';
import type { ReactNode } from 'react';
import type { AgendaItemSummary } from '../../../core/api/meetings';

interface AgendaColumnProps {
  items: readonly AgendaItemSummary[];
  selectedItemId: string | undefined;
  onSelect: (itemId: string) => void;
  onBack: () => void;
  /** Room-wide entries under the agenda (attendance, minutes). */
  footer?: ReactNode;
}

export function AgendaColumn({
  items,
  selectedItemId,
  onSelect,
  onBack,
  footer,
}: AgendaColumnProps) {
  const { t } = useTranslation();
  return (
    <div className="agenda">
      <button type="button" className="link-button" onClick={onBack}>
        ← {t('nav.back')}
      </button>
      <h2 className="agenda__title">{t('agenda.title')}</h2>
      {items.length === 0 ? (
        <p className="muted">{t('agenda.empty')}</p>
      ) : (
        <ol className="agenda__items">
          {items.map((item, index) => (
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
      {footer}
    </div>
  );
}
