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
import { lastIdentity, SharedComputerNotice } from './SharedComputerNotice';

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
      const wanted = prefer ?? current ?? lastIdentity.read();
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

  const signIn = async (identityId: string, secret: string) => {
    setBusy(true);
    setProblem(null);
    try {
      const session = await logIn({ api: loginApi, bridge }, identityId, secret);
      lastIdentity.remember(identityId);
      sessionStore.start(session);
    } catch (error) {
      setProblem(loginProblem(error));
      setBusy(false);
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setNotice(null);
    if (chosen === null) return setProblem({ key: 'login.chooseRequired' });
    if (password === '') return setProblem({ key: 'login.passwordRequired' });
    await signIn(chosen, password);
  };

  const removeNow = async (identity: IdentitySummary) => {
    await bridge.removeIdentity(identity.id);
    lastIdentity.forget(identity.id);
    await reload();
  };
  const remove = async (identity: IdentitySummary) => {
    if (!window.confirm(t('login.removeConfirm', { name: identity.name }))) return;
    await removeNow(identity);
  };
  const none = identities !== null && identities.length === 0;
  // Right after a logout the certificate just used is still listed: on a shared computer the
  // next member should not see it, so offer to remove it.
  const [justLoggedOut, setJustLoggedOut] = useState(ended === 'logout');
  const previous = justLoggedOut
    ? (identities ?? []).find((i) => i.id === lastIdentity.read())
    : undefined;

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
      {previous && (
        <SharedComputerNotice
          identity={previous}
          onRemove={() => void removeNow(previous)}
          onKeep={() => setJustLoggedOut(false)}
        />
      )}
      {none && <p className="login__notice">{t('login.none')}</p>}
      {identities !== null && !none && (
        <form onSubmit={(e) => void submit(e)} className="login__panel">
          <fieldset>
            <legend>{t('login.choose')}</legend>
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
            aria-invalid={problem !== null}
            aria-describedby={problem ? `${ids}-error` : undefined}
            onChange={(e) => setPassword(e.target.value)}
          />
          <ProblemMessage problem={problem} id={`${ids}-error`} />
          <button type="submit" className="primary login__submit" disabled={busy}>
            {busy ? t('login.busy') : t('login.submit')}
          </button>
        </form>
      )}
      <ImportIdentity
        first={none}
        onImported={(identity, filePassword) => {
          setProblem(null);
          setJustLoggedOut(false);
          setNotice(t('login.imported', { name: identity.name }));
          setPassword(filePassword);
          // The file's password also opens the key: log in now instead of asking for it again.
          void reload(identity.id).then(() => signIn(identity.id, filePassword));
        }}
      />
    </section>
  );
}
