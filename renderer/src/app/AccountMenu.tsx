import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { forgetLocalCopies } from '../collab/local-copies';
import { sessionStore, type Session } from '../session/session';

/** The header's "who is logged in" and the logout button. */
export function AccountMenu({ session }: { session: Session }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const logout = async () => {
    setBusy(true);
    try {
      await call('logout');
    } catch {
      // The session ends here either way; the server's copy expires on its own.
    }
    // Not awaited: the open room holds its copies until the session ends and it closes.
    void forgetLocalCopies(session.member.id);
    sessionStore.end('logout');
  };
  return (
    <div className="account" role="group" aria-label={t('account.label')}>
      <span className="account__name">
        {session.member.name}
        {session.member.isAdmin && <span className="account__role">{t('account.admin')}</span>}
      </span>
      <button
        type="button"
        className="account__logout"
        disabled={busy}
        onClick={() => void logout()}
      >
        {t('account.logout')}
      </button>
    </div>
  );
}
