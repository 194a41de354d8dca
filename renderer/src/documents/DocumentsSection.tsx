import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgendaDocument } from '../../../core/docs/control';
import { useControlPart } from '../collab/MeetingDocsContext';
import { useRoom } from '../room-context/RoomContext';
import { AttachControl } from './AttachControl';
import { DocumentReader } from './DocumentReader';
import type { RenderDocumentViewer } from './render-viewer';
import { useFollowOpen } from './follow/FollowNavigator';
import './documents.css';

const NO_DOCUMENTS: AgendaDocument[] = [];

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
  const documents =
    useControlPart('agenda')?.find((item) => item.id === itemId)?.documents ?? NO_DOCUMENTS;
  const [openSha, setOpenSha] = useState<string | null>(null);
  const opened = documents.find((d) => d.sha256 === openSha) ?? null;
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
        <li key={d.sha256} className="docs__item" aria-current={d.sha256 === openSha || undefined}>
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
            onClick={() => setOpenSha(d.sha256)}
          >
            {t('docs.open')}
          </button>
        </li>
      ))}
    </ul>
  );

  return (
    <section className="docs" aria-labelledby={`docs-${itemId}`}>
      <h3 id={`docs-${itemId}`}>{t('docs.heading')}</h3>
      {documents.length === 0 ? <p className="muted">{t('docs.none')}</p> : list}
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
    </section>
  );
}
