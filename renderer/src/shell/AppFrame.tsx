import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServerStatus } from '../connection/useServerStatus';
import { LANGUAGES, type Language } from '../i18n';

interface AppFrameProps {
  title: string | null;
  status: ServerStatus;
  /** null: no left column (the login screen). */
  sidebar: ReactNode | null;
  /** The logged-in member and the logout button, when there is a session. */
  account?: ReactNode;
  children: ReactNode;
}

function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <div className="language-switch" role="group" aria-label={t('language.label')}>
      {LANGUAGES.map((lng: Language) => (
        <button
          key={lng}
          type="button"
          lang={lng}
          aria-pressed={i18n.language === lng}
          onClick={() => void i18n.changeLanguage(lng)}
        >
          {t(`language.${lng}`)}
        </button>
      ))}
    </div>
  );
}

function ConnectionStatus({ status }: { status: ServerStatus }) {
  const { t } = useTranslation();
  return (
    <div
      className={`connection connection--${status}`}
      role="status"
      aria-label={t('connection.label')}
    >
      <span className="connection__dot" aria-hidden="true" />
      {t(`connection.${status}`)}
    </div>
  );
}

/**
 * Header (meeting title, language, connection), a left agenda column that can be folded away
 * for more reading room on a small laptop, and the main area.
 */
export function AppFrame({ title, status, sidebar, account, children }: AppFrameProps) {
  const { t } = useTranslation();
  const [folded, setFolded] = useState(false);
  const frameClass =
    sidebar === null ? 'frame frame--single' : folded ? 'frame frame--folded' : 'frame';
  return (
    <div className={frameClass}>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="frame__header">
        {sidebar !== null && (
          <button
            type="button"
            className="frame__fold"
            aria-expanded={!folded}
            aria-controls="frame-sidebar"
            aria-label={folded ? t('app.sidebar.show') : t('app.sidebar.hide')}
            title={folded ? t('app.sidebar.show') : t('app.sidebar.hide')}
            onClick={() => setFolded((f) => !f)}
          >
            <span aria-hidden="true">{folded ? '☰' : '⟨'}</span>
          </button>
        )}
        <div className="brand">
          <span className="brand__name">{t('app.name')}</span>
          <span className="brand__tagline">{t('app.tagline')}</span>
        </div>
        <h1 className="frame__title">{title ?? t('meetings.title')}</h1>
        <ConnectionStatus status={status} />
        <LanguageSwitch />
        {account}
      </header>
      {sidebar !== null && (
        <nav
          id="frame-sidebar"
          className="frame__sidebar"
          aria-label={t('agenda.title')}
          hidden={folded}
        >
          {sidebar}
        </nav>
      )}
      <main id="main" className="frame__main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
