/**
 * The certificates on the plugged-in USB tokens, one radio each: what core/bridge/token-picker
 * decided, drawn. Expired, not yet valid and keyless ones are shown, marked, and cannot be
 * chosen. Listing needs no PIN; the main process asks it in its own window when signing.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { TokenChoice } from '../../../core/bridge/token-picker';
import { formatDate, languageOf } from '../i18n/dates';
import './token-picker.css';

export type TokenScan =
  | { state: 'loading' }
  /** Listing failed (already translated), e.g. the module cannot load. */
  | { state: 'failed'; message: string }
  | { state: 'listed'; tokens: number; choices: TokenChoice[] };

interface Props {
  scan: TokenScan;
  chosen: string;
  disabled: boolean;
  onChoose: (id: string) => void;
  onRescan: () => void;
}

export function TokenPicker({ scan, chosen, disabled, onChoose, onRescan }: Props) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const language = languageOf(i18n.language);
  const date = (iso: string) => formatDate(new Date(iso), language);
  const rescan = (
    <button type="button" onClick={onRescan} disabled={disabled || scan.state === 'loading'}>
      {t('tokenPicker.rescan')}
    </button>
  );
  if (scan.state === 'loading')
    return (
      <p role="status" className="muted">
        {t('tokenPicker.loading')}
      </p>
    );
  if (scan.state === 'failed')
    return (
      <div className="token-picker-empty">
        <p role="alert" className="minutes-error">
          {scan.message}
        </p>
        {rescan}
      </div>
    );
  if (scan.tokens === 0 || scan.choices.length === 0)
    return (
      <div className="token-picker-empty" role="status">
        <p>
          <strong>
            {scan.tokens === 0 ? t('tokenPicker.none') : t('tokenPicker.noCertificate')}
          </strong>
        </p>
        <p className="muted">{t('tokenPicker.none.hint')}</p>
        {rescan}
      </div>
    );
  return (
    <fieldset className="token-picker">
      <legend>{t('tokenPicker.certificates')}</legend>
      <ul>
        {scan.choices.map((choice) => {
          const { certificate } = choice;
          const inputId = `${id}-${choice.id}`;
          return (
            <li key={choice.id} className={choice.selectable ? undefined : 'token-choice-refused'}>
              <input
                id={inputId}
                type="radio"
                name={`${id}-token`}
                value={choice.id}
                checked={chosen === choice.id}
                disabled={disabled || !choice.selectable}
                onChange={() => onChoose(choice.id)}
                aria-describedby={`${inputId}-details`}
              />
              <label htmlFor={inputId}>
                <span className="token-choice-name">
                  {certificate.subjectCommonName || certificate.subject}
                </span>
                {choice.problems.map((problem) => (
                  <span key={problem} className="token-choice-problem">
                    {t(`tokenPicker.problem.${problem}`)}
                  </span>
                ))}
              </label>
              <span id={`${inputId}-details`} className="token-choice-details">
                <span>
                  {t('tokenPicker.issuer', {
                    issuer: certificate.issuerCommonName || certificate.issuer,
                  })}
                </span>
                <span className="token-choice-serial">
                  {t('tokenPicker.serial', { serial: certificate.serialNumber.toUpperCase() })}
                </span>
                <span>
                  {t('tokenPicker.validity', {
                    from: date(certificate.notBefore),
                    to: date(certificate.notAfter),
                  })}
                  {' · '}
                  {t('tokenPicker.token', { label: choice.tokenLabel })}
                </span>
              </span>
            </li>
          );
        })}
      </ul>
      {rescan}
    </fieldset>
  );
}
