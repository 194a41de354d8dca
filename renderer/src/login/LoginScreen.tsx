import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { IdentitySummary } from '../../../core/bridge/contract';
import { bridge } from '../bridge';
import { formatDate, languageOf } from '../i18n/dates';
import { sessionStore, type SessionEnd } from '../session/session';
import { loginProblem, type LoginProblem } from './errors';
import { ImportIdentity } from './ImportIdentity';
import { logIn, loginApi } from './login-flow';
import { ProblemMessage } from './ProblemMessage';

function IdentityCard({
  identity,
  checked,
  now,
  onChoose,
  onRemove,
}: {
  identity: IdentitySummary;
  checked: boolean;
  now: number;
  onChoose: () => void;
  onRemove: () => void;
}) {
  const { t, i18n } = useTranslation();
  const radioId = useId();
  const notAfter = new Date(identity.notAfter);
  const expired = notAfter.getTime() < now;
  return (
    <li className={`identity${checked ? ' identity--chosen' : ''}`}>
      <input id={radioId} type="radio" name="identity" checked={checked} onChange={onChoose} />
      <label htmlFor={radioId} className="identity__label">
        <span className="identity__name">{identity.name}</span>
        <span className="identity__meta">
          {identity.email !== null && (
            <span>
              {t('login.email')}: {identity.email}
            </span>
          )}
          <span>
            {t('login.issuer')}: {identity.issuer}
          </span>
          <span className={expired ? 'identity__expired' : undefined}>
            {t('login.validUntil')}: {formatDate(notAfter, languageOf(i18n.language))}
            {expired && ` (${t('login.expiredTag')})`}
          </span>
        </span>
      </label>
      <button
        type="button"
        className="link-button"
        aria-label={t('login.removeLabel', { name: identity.name })}
        onClick={onRemove}
      >
        {t('login.remove')}
      </button>
    </li>
  );
}

/** Shown whenever there is no session: choose an imported certificate, type its password. */
export function LoginScreen({ ended }: { ended: SessionEnd | null }) {
  const { t } = useTranslation();
  const ids = useId();
  const [identities, setIdentities] = useState<IdentitySummary[] | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<LoginProblem | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const [now] = useState(() => Date.now());

  const show = useCallback((list: IdentitySummary[], prefer?: string) => {
    setIdentities(list);
    setChosen((current) => {
      const wanted = prefer ?? current;
      return list.some((i) => i.id === wanted) ? (wanted ?? null) : (list[0]?.id ?? null);
    });
  }, []);
  const reload = async (prefer?: string) => show(await bridge.listIdentities(), prefer);

  useEffect(() => {
    let live = true;
    bridge.listIdentities().then(
      (list) => live && show(list),
      (error: unknown) => live && setProblem(loginProblem(error)),
    );
    return () => {
      live = false;
    };
  }, [show]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setNotice(null);
    if (chosen === null) return setProblem({ key: 'login.chooseRequired' });
    if (password === '') return setProblem({ key: 'login.passwordRequired' });
    setBusy(true);
    setProblem(null);
    try {
      const session = await logIn({ api: loginApi, bridge }, chosen, password);
      sessionStore.start(session);
    } catch (error) {
      setProblem(loginProblem(error));
      setBusy(false);
    }
  };

  const remove = async (identity: IdentitySummary) => {
    if (!window.confirm(t('login.removeConfirm', { name: identity.name }))) return;
    await bridge.removeIdentity(identity.id);
    await reload();
  };

  const sessionMessage = ended === 'expired' && problem === null && notice === null;
  return (
    <section className="login" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>{t('login.title')}</h2>
      <p className="muted">{t('login.intro')}</p>
      {sessionMessage && (
        <p className="login__notice login__notice--warn" role="status">
          {t('session.expired')}
        </p>
      )}
      {notice && (
        <p className="login__notice" role="status">
          {notice}
        </p>
      )}
      <form onSubmit={(e) => void submit(e)} className="login__panel">
        <fieldset>
          <legend>{t('login.choose')}</legend>
          {identities !== null && identities.length === 0 && (
            <p className="muted">{t('login.none')}</p>
          )}
          <ul className="identity-list">
            {(identities ?? []).map((identity) => (
              <IdentityCard
                key={identity.id}
                identity={identity}
                checked={identity.id === chosen}
                now={now}
                onChoose={() => setChosen(identity.id)}
                onRemove={() => void remove(identity)}
              />
            ))}
          </ul>
        </fieldset>
        <label htmlFor={`${ids}-password`}>{t('login.password')}</label>
        <input
          id={`${ids}-password`}
          type="password"
          autoComplete="current-password"
          value={password}
          disabled={identities?.length === 0}
          aria-invalid={problem !== null}
          aria-describedby={problem ? `${ids}-error` : undefined}
          onChange={(e) => setPassword(e.target.value)}
        />
        <ProblemMessage problem={problem} id={`${ids}-error`} />
        <button
          type="submit"
          className="primary login__submit"
          disabled={busy || identities?.length === 0}
        >
          {busy ? t('login.busy') : t('login.submit')}
        </button>
      </form>
      <ImportIdentity
        onImported={(identity) => {
          setProblem(null);
          setNotice(t('login.imported', { name: identity.name }));
          void reload(identity.id);
        }}
      />
    </section>
  );
}
