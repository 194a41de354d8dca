import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RenderDocumentViewer } from '../render-viewer';
import { useFollowViewer } from '../follow/useFollowViewer';
import { PdfViewer } from '../viewer/PdfViewer';
import type { AgendaDocument } from '../../../../core/docs/control';
import { useDocumentAnnotations } from './useDocumentAnnotations';

/** Below this window width the side list starts closed: on a 1366 px laptop the page needs it. */
const WIDE_WINDOW = '(min-width: 1600px)';
/** The member's last open/close choice this session, so the next document keeps it. */
let listChoice: boolean | null = null;

const listOpenByDefault = (): boolean =>
  listChoice ?? (typeof window !== 'undefined' && window.matchMedia(WIDE_WINDOW).matches);

/** The viewer with the member's annotation overlay, tools, side list and follow mode. */
export function AnnotatedViewer({
  document,
  data,
}: {
  document: AgendaDocument;
  data: Uint8Array;
}) {
  const { t } = useTranslation();
  const follow = useFollowViewer(document.sha256);
  const notes = useDocumentAnnotations({
    documentSha256: document.sha256,
    title: document.title,
    data,
    onJumpToPage: follow.jumpTo,
  });
  const [listOpen, setListOpen] = useState(listOpenByDefault);
  const listId = useId();
  const toggle = (
    <button
      type="button"
      className="annot-list-toggle"
      aria-expanded={listOpen}
      aria-controls={listId}
      aria-label={t('annot.listToggle')}
      title={t('annot.listToggle')}
      onClick={() => {
        listChoice = !listOpen;
        setListOpen(!listOpen);
      }}
    >
      {t('annot.listToggle')}
      <span className="annot-list-toggle__count" aria-hidden="true">
        {notes.count}
      </span>
    </button>
  );
  return (
    <div className="annotated-viewer">
      {follow.bar}
      {notes.status}
      <PdfViewer
        data={data}
        renderPageOverlay={notes.renderPageOverlay}
        onPageChange={follow.onPageChange}
        page={follow.page}
        zoom={follow.zoom}
        onZoomChange={follow.onZoomChange}
        toolbarExtra={notes.toolbar}
        toolbarEnd={toggle}
        sidePanel={
          <aside id={listId} className="annotated-viewer__side" hidden={!listOpen}>
            {notes.list}
          </aside>
        }
      />
    </div>
  );
}

/** For DocumentsSection's renderViewer: one AnnotatedViewer per opened document. */
export const renderAnnotatedViewer: RenderDocumentViewer = ({ document, data }) => (
  <AnnotatedViewer key={document.sha256} document={document} data={data} />
);
