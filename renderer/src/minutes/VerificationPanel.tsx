/**
 * The file's verdict, then one card per signature: its verdict (the shared vocabulary of
 * core/signing/verdict.ts) and who signed, when, what it covers, what changed after it —
 * permitted or not — and each check.
 */
import { useTranslation } from 'react-i18next';
import { isMinutesField } from '../../../core/api/minutes';
import { type PdfSignatureReport, fileVerdict } from '../../../core/signing';
import { formatDateTime, languageOf } from '../i18n/dates';
import { signatureOk } from './verify';

export function VerificationPanel({ reports }: { reports: readonly PdfSignatureReport[] }) {
  const { t, i18n } = useTranslation();
  if (reports.length === 0) return <p className="muted">{t('minutes.verify.none')}</p>;
  const check = (ok: boolean, label: string) => (
    <li className={ok ? 'minutes-check minutes-ok' : 'minutes-check minutes-bad'}>
      <span aria-hidden="true">{ok ? '✓' : '✗'}</span> {label}
      <span className="minutes-sr">: {ok ? t('minutes.verify.yes') : t('minutes.verify.no')}</span>
    </li>
  );
  const verdict = fileVerdict(reports);
  return (
    <>
      <p
        className={
          verdict === 'valid'
            ? 'minutes-file-verdict minutes-ok'
            : 'minutes-file-verdict minutes-bad'
        }
      >
        <strong>{t(`minutes.verify.file.${verdict}` as const)}</strong>
      </p>
      <ul className="minutes-signatures" aria-label={t('minutes.verify.title')}>
        {reports.map((r, i) => {
          const ok = signatureOk(r);
          // Our minutes name their fields after the role; any other PDF keeps its own names.
          const field = isMinutesField(r.fieldName)
            ? t(`minutes.role.${r.fieldName}` as 'minutes.role.chair')
            : r.fieldName;
          const { permitted, refused } = r.laterChanges;
          return (
            <li
              key={`${i}-${r.fieldName}`}
              className={ok ? 'minutes-sig minutes-sig--ok' : 'minutes-sig minutes-sig--bad'}
            >
              <p className="minutes-sig__verdict">
                <strong>{t(`minutes.verify.verdict.${r.verdict}` as const)}</strong>
                <span className="minutes-sig__field">{field}</span>
              </p>
              <p className="minutes-sig__name">{r.signerCommonName ?? r.claimedName ?? '—'}</p>
              {r.verdict === 'changed-after-signing' && (!r.digestValid || !r.signatureValid) ? (
                <p role="alert" className="minutes-error">
                  {t('minutes.verify.broken', { field })}
                </p>
              ) : null}
              <dl>
                <dt>{t('minutes.verify.time')}</dt>
                <dd>
                  {r.signingTime ? formatDateTime(r.signingTime, languageOf(i18n.language)) : '—'}
                  {r.signingTime && r.level ? (
                    <span className="minutes-sig__time-source">
                      {' '}
                      {r.timestamp?.status === 'valid'
                        ? t('minutes.verify.timeByTimestamp', {
                            tsa: r.timestamp.tsaSubject ?? '—',
                          })
                        : t('minutes.verify.timeByClock')}
                    </span>
                  ) : null}
                </dd>
                <dt>{t('minutes.verify.timestamp')}</dt>
                <dd>
                  {r.timestamp?.status === 'valid'
                    ? t('minutes.verify.timestamp.valid', { tsa: r.timestamp.tsaSubject ?? '—' })
                    : r.timestamp?.status === 'invalid'
                      ? t('minutes.verify.timestamp.invalid')
                      : t('minutes.verify.timestamp.absent')}
                </dd>
                {r.level ? (
                  <>
                    <dt>{t('minutes.verify.level')}</dt>
                    <dd>{t(`minutes.verify.level.${r.level}` as const)}</dd>
                  </>
                ) : null}
                {r.verifiableUntil ? (
                  <>
                    <dt>{t('minutes.verify.until')}</dt>
                    <dd className={r.verifiableNow === false ? 'minutes-bad' : undefined}>
                      {r.verifiableNow === false
                        ? t('minutes.verify.untilPassed', {
                            date: formatDateTime(r.verifiableUntil, languageOf(i18n.language)),
                          })
                        : formatDateTime(r.verifiableUntil, languageOf(i18n.language))}
                    </dd>
                  </>
                ) : null}
                <dt>{t('minutes.verify.scope')}</dt>
                <dd>
                  {r.coversWholeDocument ? t('minutes.verify.whole') : t('minutes.verify.revision')}
                </dd>
                <dt>{t('minutes.verify.revocationTitle')}</dt>
                <dd className={r.revocation.status === 'revoked' ? 'minutes-bad' : undefined}>
                  {t(`minutes.verify.revocation.${r.revocation.status}` as const, {
                    time: r.revocation.revokedAt
                      ? formatDateTime(r.revocation.revokedAt, languageOf(i18n.language))
                      : '—',
                  })}
                </dd>
                {refused.length > 0 ? (
                  <>
                    <dt>{t('minutes.verify.refusedTitle')}</dt>
                    <dd className="minutes-bad">
                      {[...new Set(refused.map((c) => c.code))]
                        .map((code) => t(`minutes.verify.refused.${code}` as const))
                        .join('; ')}
                    </dd>
                  </>
                ) : null}
                {refused.length === 0 && permitted.length > 0 ? (
                  <>
                    <dt>{t('minutes.verify.permittedTitle')}</dt>
                    <dd>
                      {permitted.map((p) => t(`minutes.verify.permitted.${p}` as const)).join('; ')}
                    </dd>
                  </>
                ) : null}
              </dl>
              <ul className="minutes-checks">
                {check(
                  r.digestValid && r.signatureValid && r.byteRangeWellFormed,
                  t('minutes.verify.digest'),
                )}
                {check(r.issuedByTrustedCa, t('minutes.verify.chain'))}
                {check(r.certificateValidAtSigningTime, t('minutes.verify.validAtTime'))}
              </ul>
            </li>
          );
        })}
      </ul>
    </>
  );
}
