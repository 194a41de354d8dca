import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  documentIdOf,
  type AgendaDocument,
  type DocumentVersion,
} from '../../../core/docs/control';
import { removedDocumentIds, versionsOf } from '../../../core/meeting/document-edit';
import { useControlPart } from '../collab/MeetingDocsContext';
import { useRoom } from '../room-context/RoomContext';
import { AttachControl } from './AttachControl';
import { DocumentReader } from './DocumentReader';
import { DocumentVersions } from './DocumentVersions';
import type { RenderDocumentViewer } from './render-viewer';
import { useFollowOpen } from './follow/FollowNavigator';
import './documents.css';

const NO_DOCUMENTS: AgendaDocument[] = [];
const NO_HISTORY: DocumentVersion[] = [];

/** An earlier version, opened read-only (no annotations: they belong to the current file). */
interface OpenedVersion {
  version: DocumentVersion;
  number: number;
}

/** An agenda item's documents: the list, attaching (chair, secretary), and the open one. */
export function DocumentsSection({
  itemId,
  renderViewer,
}: {
  itemId: string;
  renderViewer?: RenderDocumentViewer;
}) {
  const { t, i18n } = useTranslation();
  const { meeting, may } = useRoom();
  const item = useControlPart('agenda')?.find((entry) => entry.id === itemId);
  const documents = item?.documents ?? NO_DOCUMENTS;
  const history = item?.history ?? NO_HISTORY;
  const [openSha, setOpenSha] = useState<string | null>(null);
  const [oldVersion, setOldVersion] = useState<OpenedVersion | null>(null);
  const openVersion = (version: DocumentVersion, number: number) => {
    setOpenSha(null);
    setOldVersion({ version, number });
  };
  const removed = removedDocumentIds({ documents, history });
  // The open document's file may have been replaced meanwhile: the reader follows it.
  const opened =
    documents.find((d) => d.sha256 === openSha) ??
    documents.find((d) =>
      history.some(
        (v) => v.documentId === documentIdOf(d) && v.sha256 === openSha && v.change !== 'remove',
      ),
    ) ??
    null;
  useFollowOpen(documents, openSha, setOpenSha);
  const mayAttach = may('document.attach');
  const size = (bytes: number) =>
    new Intl.NumberFormat(i18n.language, {
      style: 'unit',
      unit: bytes >= 1e6 ? 'megabyte' : 'kilobyte',
      maximumFractionDigits: 1,
    }).format(bytes >= 1e6 ? bytes / 1e6 : Math.max(1, Math.round(bytes / 1e3)));

  const list = (
    <ul className="docs__list">
      {documents.map((d) => (
        <li key={documentIdOf(d)} className="docs__item" aria-current={d === opened || undefined}>
          <span className="docs__icon" aria-hidden="true">
            PDF
          </span>
          <span className="docs__title">{d.title || d.sha256.slice(0, 12)}</span>
          <span className="docs__meta">
            {d.pages > 0 ? t('docs.pages', { count: d.pages }) : null}
            {d.size > 0 ? ` · ${size(d.size)}` : null}
          </span>
          <button
            type="button"
            className="docs__open"
            aria-label={t('docs.openLabel', { title: d.title })}
            onClick={() => {
              setOldVersion(null);
              setOpenSha(d.sha256);
            }}
          >
            {t('docs.open')}
          </button>
          <DocumentVersions
            meetingId={meeting.id}
            title={d.title}
            versions={versionsOf(d, history)}
            currentSha={d.sha256}
            onOpen={openVersion}
          />
        </li>
      ))}
    </ul>
  );

  return (
    <section className="docs" aria-labelledby={`docs-${itemId}`}>
      <h3 id={`docs-${itemId}`}>{t('docs.heading')}</h3>
      {documents.length === 0 ? <p className="muted">{t('docs.none')}</p> : list}
      {removed.length > 0 ? (
        <details className="docs__removed">
          <summary>{t('docVersions.removed')}</summary>
          <ul className="docs__list">
            {removed.map((id) => {
              const versions = history.filter((v) => v.documentId === id);
              const title = versions.at(-1)?.title ?? id.slice(0, 12);
              return (
                <li key={id} className="docs__item docs__item--removed">
                  <span className="docs__title">{title}</span>
                  <DocumentVersions
                    meetingId={meeting.id}
                    title={title}
                    versions={versions}
                    currentSha={null}
                    onOpen={openVersion}
                  />
                </li>
              );
            })}
          </ul>
        </details>
      ) : null}
      {mayAttach ? <AttachControl meetingId={meeting.id} itemId={itemId} /> : null}
      {opened ? (
        <DocumentReader
          key={opened.sha256}
          meetingId={meeting.id}
          document={opened}
          onClose={() => setOpenSha(null)}
          {...(renderViewer ? { renderViewer } : {})}
        />
      ) : null}
      {oldVersion ? (
        <DocumentReader
          key={`old-${oldVersion.version.sha256}`}
          meetingId={meeting.id}
          document={{
            sha256: oldVersion.version.sha256,
            title: `${oldVersion.version.title} — ${t('docVersions.readOnly')} (${oldVersion.number})`,
            pages: 0,
            size: 0,
            addedBy: oldVersion.version.by,
            addedAt: oldVersion.version.at,
          }}
          onClose={() => setOldVersion(null)}
        />
      ) : null}
    </section>
  );
}
