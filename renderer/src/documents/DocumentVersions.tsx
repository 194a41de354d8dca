import { useTranslation } from 'react-i18next';
import type { DocumentVersion } from '../../../core/docs/control';
import { memberName, useMembers } from '../members/useMembers';

/**
 * A document's versions (who, when, what changed, the name), for every member; each file is
 * openable read-only. The list is the control document's history (core/meeting/document-edit.ts).
 */
export function DocumentVersions({
  meetingId,
  title,
  versions,
  currentSha,
  onOpen,
}: {
  meetingId: string;
  title: string;
  versions: readonly DocumentVersion[];
  /** The file on the agenda now (opened from the list above, not from here); null if removed. */
  currentSha: string | null;
  onOpen(version: DocumentVersion, number: number): void;
}) {
  const { t, i18n } = useTranslation();
  const members = useMembers(meetingId);
  const when = (at: string | null) =>
    at === null
      ? ''
      : new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' }).format(
          new Date(at),
        );
  return (
    <details className="docs__versions">
      <summary>{t('docVersions.toggle', { count: versions.length })}</summary>
      <ol aria-label={t('docVersions.list', { title })}>
        {versions.map((v, i) => (
          <li key={`${i}-${v.sha256}`} className={`docs__version docs__version--${v.change}`}>
            <span className="docs__version-change">{t(`docVersions.${v.change}`)}</span>
            <span className="docs__version-title">{v.title}</span>
            <span className="docs__meta">
              {t('docVersions.by', {
                who: v.by ? memberName(members, v.by) : '—',
                when: when(v.at),
              })}
              {' · '}
              <code title={v.sha256}>{v.sha256.slice(0, 12)}</code>
            </span>
            {v.change !== 'remove' && v.change !== 'rename' && v.sha256 !== currentSha ? (
              <button
                type="button"
                className="docs__open"
                aria-label={t('docVersions.openLabel', { number: i + 1, title: v.title })}
                onClick={() => onOpen(v, i + 1)}
              >
                {t('docVersions.open')}
              </button>
            ) : null}
          </li>
        ))}
      </ol>
    </details>
  );
}
