import { useTranslation } from 'react-i18next';
import type { IdentitySummary } from '../../../core/bridge/contract';

const STORAGE_KEY = 'dienhong.lastIdentity';

/** The certificate this computer last logged in with: an id, nothing secret. */
export const lastIdentity = {
  read(): string | null {
    try {
      return globalThis.localStorage?.getItem(STORAGE_KEY) ?? null;
    } catch {
      return null;
    }
  },
  remember(id: string): void {
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, id);
    } catch {
      // Private mode or storage off: the offer after logout just does not appear.
    }
  },
  forget(id: string): void {
    try {
      if (globalThis.localStorage?.getItem(STORAGE_KEY) === id)
        globalThis.localStorage.removeItem(STORAGE_KEY);
    } catch {
      // As above.
    }
  },
};

/**
 * Shown right after a logout: meeting laptops are shared, and the next member should not find
 * the previous one's certificate listed. One click removes it; keeping it is the other choice.
 */
export function SharedComputerNotice({
  identity,
  onRemove,
  onKeep,
}: {
  identity: IdentitySummary;
  onRemove: () => void;
  onKeep: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="login__notice login__shared" role="region" aria-label={t('login.shared.label')}>
      <p>{t('login.shared.text', { name: identity.name })}</p>
      <div className="login__actions">
        <button type="button" className="primary" onClick={onRemove}>
          {t('login.shared.remove')}
        </button>
        <button type="button" className="secondary" onClick={onKeep}>
          {t('login.shared.keep')}
        </button>
      </div>
    </div>
  );
}
