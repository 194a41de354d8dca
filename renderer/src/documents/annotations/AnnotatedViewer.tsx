import type { RenderDocumentViewer } from '../DocumentsSection';
import { useFollowViewer } from '../follow/useFollowViewer';
import { PdfViewer } from '../viewer/PdfViewer';
import type { AgendaDocument } from '../../../../core/docs/control';
import { useDocumentAnnotations } from './useDocumentAnnotations';

/** The viewer with the member's annotation overlay, tools, side list and follow mode. */
export function AnnotatedViewer({
  document,
  data,
}: {
  document: AgendaDocument;
  data: Uint8Array;
}) {
  const follow = useFollowViewer(document.sha256);
  const notes = useDocumentAnnotations({
    documentSha256: document.sha256,
    title: document.title,
    data,
    onJumpToPage: follow.jumpTo,
  });
  return (
    <div className="annotated-viewer">
      {follow.bar}
      <div className="annotated-viewer__body">
        <div className="annotated-viewer__main">
          <PdfViewer
            data={data}
            renderPageOverlay={notes.renderPageOverlay}
            onPageChange={follow.onPageChange}
            page={follow.page}
            zoom={follow.zoom}
            onZoomChange={follow.onZoomChange}
            toolbarExtra={notes.toolbar}
          />
        </div>
        <aside className="annotated-viewer__side">{notes.list}</aside>
      </div>
    </div>
  );
}

/** For DocumentsSection's renderViewer: one AnnotatedViewer per opened document. */
export const renderAnnotatedViewer: RenderDocumentViewer = ({ document, data }) => (
  <AnnotatedViewer key={document.sha256} document={document} data={data} />
);
