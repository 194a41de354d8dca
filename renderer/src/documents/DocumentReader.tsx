import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgendaDocument } from '../../../core/docs/control';
import type { RenderDocumentViewer } from './render-viewer';
import type { MessageKey } from '../i18n/catalog';
import { errorMessageKey } from '../i18n/error-message';
import { type DownloadProgress, loadDocument } from './store/transfer';
import { PdfViewer } from './viewer/PdfViewer';

type State =
  | { kind: 'loading'; progress: DownloadProgress }
  | { kind: 'ready'; data: Uint8Array; fromCache: boolean }
  | { kind: 'failed'; message: MessageKey };

const defaultViewer: RenderDocumentViewer = ({ data }) => <PdfViewer data={data} />;

/** One open document: download (progress), hash check, then the viewer. */
export function DocumentReader({
  meetingId,
  document,
  onClose,
  renderViewer = defaultViewer,
}: {
  meetingId: string;
  document: AgendaDocument;
  onClose(): void;
  renderViewer?: RenderDocumentViewer;
}) {
  const { t } = useTranslation();
  const rootRef = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<State>({
    kind: 'loading',
    progress: { received: 0, total: document.size },
  });
  // Keyed by the hash, not the entry object: the control document hands out a new object on
  // every change (attendance, votes), which must not restart the download or the viewer.
  const { sha256, size } = document;
  useEffect(() => {
    const abort = new AbortController();
    loadDocument(
      meetingId,
      { sha256, size },
      (progress) => setState({ kind: 'loading', progress }),
      abort.signal,
    ).then(
      ({ bytes, fromCache }) => setState({ kind: 'ready', data: bytes, fromCache }),
      (error: unknown) => {
        if (!abort.signal.aborted)
          setState({ kind: 'failed', message: errorMessageKey(error, 'docs') });
      },
    );
    return () => abort.abort();
  }, [meetingId, sha256, size]);
  // Reading takes the whole main area: bring the reader up when it opens, and again once the
  // pages are there (what renders above it meanwhile — votes, progress — pushes it down on a
  // 1366×768 screen). A block body: in current Chromium scrollIntoView returns a promise,
  // which React would take for a cleanup.
  const ready = state.kind === 'ready';
  useEffect(() => {
    rootRef.current?.scrollIntoView({ block: 'start' });
    if (!ready) return;
    const frame = requestAnimationFrame(() => {
      rootRef.current?.scrollIntoView({ block: 'start' });
    });
    return () => cancelAnimationFrame(frame);
  }, [ready]);
  // Focus mode: the reader alone over the whole window, Escape or the button to leave.
  const [focus, setFocus] = useState(false);
  useEffect(() => {
    if (!focus) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setFocus(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [focus]);

  const percent =
    state.kind === 'loading' && state.progress.total > 0
      ? Math.min(100, Math.round((state.progress.received / state.progress.total) * 100))
      : 0;
  return (
    <div
      ref={rootRef}
      className={focus ? 'docs__reader docs__reader--focus' : 'docs__reader'}
      aria-label={document.title}
      data-testid="document-reader"
    >
      <div className="docs__reader-head">
        <h4>{document.title}</h4>
        {state.kind === 'ready' ? (
          <span className="docs__verified" data-testid="document-verified">
            ✓ {t('docs.verified')}
            {state.fromCache ? ` · ${t('docs.offline')}` : null}
          </span>
        ) : null}
        <button
          type="button"
          className="docs__focus"
          aria-pressed={focus}
          onClick={() => setFocus((on) => !on)}
        >
          {focus ? t('docs.focusLeave') : t('docs.focus')}
        </button>
        <button type="button" className="docs__close" onClick={onClose}>
          {t('docs.close')}
        </button>
      </div>
      {state.kind === 'loading' ? (
        <div className="docs__progress">
          <progress
            max={100}
            value={percent}
            aria-label={t('docs.downloadLabel')}
            data-testid="document-progress"
          />
          <span>{t('docs.downloading', { percent })}</span>
        </div>
      ) : null}
      {state.kind === 'failed' ? (
        <p className="docs__error" role="alert">
          {t(state.message as 'docs.error.other')}
        </p>
      ) : null}
      {state.kind === 'ready' ? (
        <div className="docs__viewer">
          {renderViewer({ meetingId, document, data: state.data })}
        </div>
      ) : null}
    </div>
  );
}
