import { type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { FindState } from './useFind';

/** The find row: query, count ("3 / 12"), previous/next, close. Enter = next, Shift+Enter = previous. */
export function FindBar({
  find,
  inputRef,
  onClose,
}: {
  find: FindState;
  inputRef: RefObject<HTMLInputElement | null>;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const { hits, current, query, busy } = find;
  const status = busy
    ? t('viewer.findBusy')
    : query.trim() === ''
      ? ''
      : hits.length === 0
        ? t('viewer.findNone')
        : t('viewer.findCount', { current: current + 1, total: hits.length });
  return (
    <div className="pdf-find" role="search">
      <input
        ref={inputRef}
        type="search"
        aria-label={t('viewer.findInput')}
        placeholder={t('viewer.findInput')}
        value={query}
        onChange={(e) => find.setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            find.step(e.shiftKey ? -1 : 1);
          } else if (e.key === 'Escape') {
            e.preventDefault();
            onClose();
          }
        }}
      />
      <span className="pdf-find__count" role="status" aria-live="polite">
        {status}
      </span>
      <button
        type="button"
        onClick={() => find.step(-1)}
        disabled={hits.length === 0}
        aria-label={t('viewer.findPrev')}
        title={t('viewer.findPrev')}
      >
        ↑
      </button>
      <button
        type="button"
        onClick={() => find.step(1)}
        disabled={hits.length === 0}
        aria-label={t('viewer.findNext')}
        title={t('viewer.findNext')}
      >
        ↓
      </button>
      <button type="button" onClick={onClose} aria-label={t('viewer.findClose')}>
        ×
      </button>
    </div>
  );
}
