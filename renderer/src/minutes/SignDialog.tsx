/** Picks a stored certificate and asks its password; signing happens where the key lives. */
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IdentitySummary } from '../../../core/bridge/contract';
import type { MinutesField } from '../../../core/api/minutes';
import { bridge } from '../bridge';

interface Props {
  field: MinutesField;
  busy: boolean;
  /** Why the last attempt signed nothing (already translated), shown inside the dialog. */
  error: string | null;
  onSign: (identityId: string, password: string) => void;
  onCancel: () => void;
}

export function SignDialog({ field, busy, error, onSign, onCancel }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [identities, setIdentities] = useState<IdentitySummary[] | null>(null);
  const [chosen, setChosen] = useState('');
  const [password, setPassword] = useState('');
  useEffect(() => {
    void bridge.listIdentities().then((list) => {
      setIdentities(list);
      setChosen(list[0]?.id ?? '');
    });
  }, []);
  return (
    <div
      className="minutes-sign"
      role="dialog"
      aria-label={t('minutes.sign')}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !busy) onCancel();
      }}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!chosen || !password) return;
          onSign(chosen, password);
          // Not kept in the page longer than needed; a refused one is typed again anyway.
          setPassword('');
        }}
      >
        <h3>
          {t('minutes.sign.as', { role: t(`minutes.role.${field}` as 'minutes.role.chair') })}
        </h3>
        <p className="muted">{t('minutes.sign.explain')}</p>
        {identities?.length === 0 ? <p>{t('minutes.sign.noIdentity')}</p> : null}
        <label htmlFor={`${id}-identity`}>{t('minutes.sign.identity')}</label>
        <select id={`${id}-identity`} value={chosen} onChange={(e) => setChosen(e.target.value)}>
          {(identities ?? []).map((i) => (
            <option key={i.id} value={i.id}>
              {i.name} ({i.issuer})
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-password`}>{t('minutes.sign.password')}</label>
        <input
          id={`${id}-password`}
          type="password"
          autoComplete="off"
          // The dialog opens on a click meant to sign: the password is the next thing to type.
          autoFocus
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
        {error ? (
          <p id={`${id}-error`} role="alert" className="minutes-error">
            {error}
          </p>
        ) : null}
        <div className="minutes-actions">
          <button type="submit" className="primary" disabled={busy || !chosen || !password}>
            {busy ? t('minutes.sign.working') : t('minutes.sign.submit')}
          </button>
          <button type="button" onClick={onCancel} disabled={busy}>
            {t('minutes.sign.cancel')}
          </button>
        </div>
      </form>
    </div>
  );
}
