import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ANNOTATION_COLOURS,
  type Annotation,
  type AnnotationError,
} from '../../../../core/annotations/model';
import { createAnnotation, listAnnotations } from '../../../../core/annotations/store';
import { useMeetingDocs, useMeetingView } from '../../collab/MeetingDocsContext';
import { useRoom } from '../../room-context/RoomContext';
import type { PageOverlayInfo } from '../viewer/page-overlay';
import { AnnotationLayer, type AnnotationTool } from './AnnotationLayer';
import { AnnotationList } from './AnnotationList';
import { AnnotationToolbar } from './AnnotationToolbar';
import { exportAnnotatedPdf } from './exportPdf';
import { selectionQuads, type PageSurface } from './selection';
import { errorMessage } from '../../i18n/error-message';
import { annotationSession, newAnnotationId, tryEdit } from './session';
import './annotations.css';

export interface DocumentAnnotationsOptions {
  documentSha256: string;
  title: string;
  /** The verified PDF bytes (for export). */
  data: Uint8Array | null;
  /** Show a page (0-based): the side list jumps with it. */
  onJumpToPage: (pageIndex: number) => void;
}

export interface DocumentAnnotations {
  /** Pass to PdfViewer's renderPageOverlay. */
  renderPageOverlay: (page: PageOverlayInfo) => ReactNode;
  /** Put in PdfViewer's toolbarExtra. */
  toolbar: ReactNode;
  /** The side list, next to the viewer. */
  list: ReactNode;
  /** The status line (errors, "exported"): shown whether or not the side list is open. */
  status: ReactNode;
  /** How many marks the member sees in this document (for the list toggle). */
  count: number;
}

const NONE: Annotation[] = [];

/** Everything the viewer needs to show and edit one PDF's annotations. */
export function useDocumentAnnotations(options: DocumentAnnotationsOptions): DocumentAnnotations {
  const { documentSha256, onJumpToPage } = options;
  const { t } = useTranslation();
  const { session: login, may } = useRoom();
  const meetingDocs = useMeetingDocs();
  const canShare = may('shared.write');
  const session = useMemo(
    () =>
      meetingDocs
        ? annotationSession(
            meetingDocs,
            { memberId: login.member.id, name: login.member.name },
            canShare,
          )
        : null,
    [meetingDocs, login.member.id, login.member.name, canShare],
  );
  const annotations = useMeetingView(
    (d) =>
      listAnnotations({ shared: d.doc('shared'), private: d.doc('private') }, { documentSha256 }),
    NONE,
  );
  const byPage = useMemo(() => {
    const map = new Map<number, Annotation[]>();
    for (const a of annotations) map.set(a.pageIndex, [...(map.get(a.pageIndex) ?? []), a]);
    return map;
  }, [annotations]);

  const [tool, setTool] = useState<AnnotationTool>('select');
  const [colour, setColour] = useState<string>(ANNOTATION_COLOURS[0]);
  const [shareNew, setShareNew] = useState(false);
  const [includeShared, setIncludeShared] = useState(false);
  const [selected, setSelected] = useState<{ id: string; edit: boolean } | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const surfaces = useRef(new Map<number, PageSurface>());
  const register = useCallback((pageIndex: number, surface: PageSurface) => {
    surfaces.current.set(pageIndex, surface);
    return () => {
      if (surfaces.current.get(pageIndex) === surface) surfaces.current.delete(pageIndex);
    };
  }, []);

  const highlightSelection = useCallback(
    (quiet: boolean) => {
      if (!session) return;
      const found = selectionQuads(window.getSelection(), surfaces.current);
      if (found.length === 0) {
        if (!quiet) setStatus(t('annot.noSelection'));
        return;
      }
      const error = tryEdit(() =>
        session.history.batch(() => {
          for (const s of found)
            createAnnotation(
              session.docs,
              {
                id: newAnnotationId(),
                documentSha256,
                pageIndex: s.pageIndex,
                color: colour,
                visibility: shareNew && session.canShare ? 'shared' : 'private',
                shape: { kind: 'highlight', quads: s.quads, text: s.text },
              },
              session.context(),
            );
        }),
      );
      setStatus(error ? errorMessage(t, error, 'annot') : null);
      window.getSelection()?.removeAllRanges();
    },
    [session, documentSha256, colour, shareNew, t],
  );

  // With the highlight tool, releasing a text selection marks it at once.
  useEffect(() => {
    if (tool !== 'highlight') return;
    const onUp = () => setTimeout(() => highlightSelection(true), 0);
    document.addEventListener('mouseup', onUp);
    return () => document.removeEventListener('mouseup', onUp);
  }, [tool, highlightSelection]);

  // Ctrl/⌘+Z and Ctrl/⌘+Shift+Z (or Ctrl+Y) outside text fields.
  useEffect(() => {
    if (!session) return;
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (!(e.ctrlKey || e.metaKey) || target?.closest('input, textarea, [contenteditable]'))
        return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) session.history.undo();
      else if ((key === 'z' && e.shiftKey) || key === 'y') session.history.redo();
      else return;
      e.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [session]);

  const onError = useCallback(
    (error: AnnotationError) => setStatus(errorMessage(t, error, 'annot')),
    [t],
  );
  const renderPageOverlay = useCallback(
    (page: PageOverlayInfo): ReactNode =>
      session ? (
        <AnnotationLayer
          documentSha256={documentSha256}
          pageIndex={page.pageIndex}
          viewport={page.viewport}
          width={page.width}
          height={page.height}
          marks={byPage.get(page.pageIndex) ?? NONE}
          session={session}
          tool={tool}
          colour={colour}
          shareNew={shareNew}
          selected={selected}
          onSelect={setSelected}
          register={register}
          onError={onError}
        />
      ) : null,
    [session, documentSha256, byPage, tool, colour, shareNew, selected, register, onError],
  );

  const doExport = async () => {
    if (!options.data || !session) return;
    setExporting(true);
    try {
      const saved = await exportAnnotatedPdf({
        data: options.data,
        title: options.title,
        suffix: t('annot.exportSuffix'),
        annotations,
        memberId: session.author.memberId,
        includeShared,
      });
      setStatus(saved ? t('annot.exported') : null);
    } catch {
      setStatus(t('annot.exportFailed'));
    } finally {
      setExporting(false);
    }
  };

  const toolbar = session ? (
    <AnnotationToolbar
      session={session}
      tool={tool}
      onTool={setTool}
      colour={colour}
      onColour={setColour}
      shareNew={shareNew}
      onShareNew={setShareNew}
      onHighlightSelection={() => highlightSelection(false)}
      onExport={() => void doExport()}
      exporting={exporting}
    />
  ) : null;
  const statusLine = (
    <p className="annot-status" role="status">
      {status}
    </p>
  );
  const list = (
    <AnnotationList
      annotations={annotations}
      selectedId={selected?.id ?? null}
      onJump={(a) => {
        setTool('select');
        setSelected({ id: a.id, edit: false });
        onJumpToPage(a.pageIndex);
      }}
      includeShared={includeShared}
      onIncludeShared={setIncludeShared}
    />
  );
  return { renderPageOverlay, toolbar, list, status: statusLine, count: annotations.length };
}
