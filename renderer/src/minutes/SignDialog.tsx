/**
 * Picks where the signing key is — a stored .p12 certificate with its password, or (in the
 * desktop app with a PKCS#11 module set) a certificate on a USB token — and hands that to the
 * page; signing happens where the key lives.
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IdentitySummary, SigningKeySource } from '../../../core/bridge/contract';
import { preselectedChoice, tokenChoices, tokenKeyRef } from '../../../core/bridge/token-picker';
import type { MinutesField } from '../../../core/api/minutes';
import { ApiError } from '../api/client';
import { bridge } from '../bridge';
import { errorMessage } from '../i18n/error-message';
import { TokenPicker, type TokenScan } from './TokenPicker';

interface Props {
  field: MinutesField;
  /** The signing member's name: their own certificate on a token is preselected. */
  memberName: string;
  busy: boolean;
  /** Why the last attempt signed nothing (already translated), shown inside the dialog. */
  error: string | null;
  /** Resolves true once signed (the dialog then closes), false when refused. */
  onSign: (source: SigningKeySource) => Promise<boolean>;
  onCancel: () => void;
}

type Source = 'token' | 'p12';

export function SignDialog({ field, memberName, busy, error, onSign, onCancel }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [identities, setIdentities] = useState<IdentitySummary[] | null>(null);
  const [chosen, setChosen] = useState('');
  const [password, setPassword] = useState('');
  // null: no PKCS#11 module on this machine (the web client, or none set): .p12 only, as
  // before tokens existed. undefined: not asked yet (one tick in the web client).
  const [scan, setScan] = useState<TokenScan | null | undefined>(undefined);
  const [source, setSource] = useState<Source>('p12');
  const [chosenToken, setChosenToken] = useState('');

  useEffect(() => {
    void bridge.listIdentities().then((list) => {
      setIdentities(list);
      setChosen(list[0]?.id ?? '');
    });
  }, []);

  const rescan = useCallback(async () => {
    setScan((s) => (s ? { state: 'loading' } : s));
    try {
      const result = await bridge.listTokenCertificates();
      if (!result.ok) {
        const failure = new ApiError(null, result.error.code, result.error.message);
        setScan({ state: 'failed', message: errorMessage(t, failure, 'minutes') });
        return 'token' as const;
      }
      if (!result.value.moduleConfigured) {
        setScan(null);
        return null;
      }
      const choices = tokenChoices(result.value, new Date());
      setScan({ state: 'listed', tokens: result.value.tokens.length, choices });
      setChosenToken(
        (current) =>
          choices.find((c) => c.id === current && c.selectable)?.id ??
          preselectedChoice(choices, memberName)?.id ??
          '',
      );
      return 'token' as const;
    } catch (e) {
      setScan({ state: 'failed', message: errorMessage(t, e, 'minutes') });
      return 'token' as const;
    }
  }, [t, memberName]);

  const firstScan = useRef(rescan);
  useEffect(() => {
    // A machine with a token module signs with the token by default; .p12 stays one click away.
    void firstScan.current().then((found) => {
      if (found) setSource('token');
    });
  }, []);

  const token =
    scan?.state === 'listed'
      ? (scan.choices.find((c) => c.id === chosenToken && c.selectable) ?? null)
      : null;
  const ready =
    scan === undefined ? false : source === 'token' ? token !== null : Boolean(chosen && password);

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
          if (!ready) return;
          if (source === 'token' && token) {
            // A refused token signature may mean the token went away: read the tokens again.
            void onSign({ token: tokenKeyRef(token) }).then((signed) => {
              if (!signed) void rescan();
            });
            return;
          }
          void onSign({ identityId: chosen, password });
          // Not kept in the page longer than needed; a refused one is typed again anyway.
          setPassword('');
        }}
      >
        <h3>
          {t('minutes.sign.as', { role: t(`minutes.role.${field}` as 'minutes.role.chair') })}
        </h3>
        {scan ? (
          <fieldset className="sign-source">
            <legend>{t('tokenPicker.source')}</legend>
            {(['token', 'p12'] as const).map((s) => (
              <label key={s}>
                <input
                  type="radio"
                  name={`${id}-source`}
                  value={s}
                  checked={source === s}
                  disabled={busy}
                  onChange={() => setSource(s)}
                />
                {t(`tokenPicker.source.${s}`)}
              </label>
            ))}
          </fieldset>
        ) : null}
        {scan === undefined ? null : source === 'token' && scan ? (
          <>
            <p className="muted">{t('tokenPicker.explain')}</p>
            <TokenPicker
              scan={scan}
              chosen={chosenToken}
              disabled={busy}
              onChoose={setChosenToken}
              onRescan={() => void rescan()}
            />
          </>
        ) : (
          <>
            <p className="muted">{t('minutes.sign.explain')}</p>
            {identities?.length === 0 ? <p>{t('minutes.sign.noIdentity')}</p> : null}
            <label htmlFor={`${id}-identity`}>{t('minutes.sign.identity')}</label>
            <select
              id={`${id}-identity`}
              value={chosen}
              onChange={(e) => setChosen(e.target.value)}
            >
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
          </>
        )}
        {error ? (
          <p id={`${id}-error`} role="alert" className="minutes-error">
            {error}
          </p>
        ) : null}
        <div className="minutes-actions">
          <button type="submit" className="primary" disabled={busy || !ready}>
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
