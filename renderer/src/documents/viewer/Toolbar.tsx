import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ViewerZoom, ZOOM_STEPS } from './zoom';

interface ToolbarProps {
  page: number;
  pageCount: number;
  onPage(pageIndex: number): void;
  zoom: ViewerZoom;
  /** The factor the current setting resolves to (for the zoom buttons and the label). */
  factor: number;
  onZoom(zoom: ViewerZoom): void;
  onZoomStep(direction: 1 | -1): void;
  onRotate(): void;
  thumbnails: boolean;
  onThumbnails(): void;
  findOpen: boolean;
  onFind(): void;
  /** A second, full-width row (annotation tools). */
  extra?: ReactNode;
  /** Right-aligned at the end of the first row (e.g. a side-panel toggle). */
  end?: ReactNode;
}

const percent = (z: number) => `${Math.round(z * 100)}%`;

/**
 * Page navigation, zoom, rotation, thumbnails, find on one row; the `extra` slot (annotation
 * tools) on its own row below, so a 1366 px laptop never wraps the viewer's controls into three.
 */
export function Toolbar(props: ToolbarProps) {
  const { t } = useTranslation();
  const { page, pageCount, zoom, factor } = props;
  const [typed, setTyped] = useState(String(page + 1));
  // Follow the viewer's page unless the reader is typing (React's "adjust state on prop change").
  const [shownPage, setShownPage] = useState(page);
  if (shownPage !== page) {
    setShownPage(page);
    setTyped(String(page + 1));
  }
  const commit = () => {
    const n = Number.parseInt(typed, 10);
    if (Number.isFinite(n)) props.onPage(Math.min(pageCount, Math.max(1, n)) - 1);
    else setTyped(String(page + 1));
  };
  const custom = typeof zoom === 'number' && !ZOOM_STEPS.some((s) => Math.abs(s - zoom) < 0.001);
  return (
    <div className="pdf-toolbar" role="toolbar" aria-label={t('viewer.toolbar')}>
      <div className="pdf-toolbar__row">
        <div className="pdf-toolbar__group">
          <button
            type="button"
            onClick={() => props.onThumbnails()}
            aria-pressed={props.thumbnails}
            aria-label={t('viewer.thumbnails')}
            title={t('viewer.thumbnails')}
          >
            ▤
          </button>
          <button
            type="button"
            onClick={() => props.onPage(page - 1)}
            disabled={page <= 0}
            aria-label={t('viewer.prevPage')}
            title={t('viewer.prevPage')}
          >
            ‹
          </button>
          <label className="pdf-toolbar__page">
            <span>{t('viewer.pageLabel')}</span>
            <input
              aria-label={t('viewer.pageInput')}
              inputMode="numeric"
              value={typed}
              size={4}
              onChange={(e) => setTyped(e.target.value)}
              onBlur={commit}
              onKeyDown={(e) => {
                if (e.key === 'Enter') commit();
              }}
            />
            <span>{t('viewer.pageOf', { total: pageCount })}</span>
          </label>
          <button
            type="button"
            onClick={() => props.onPage(page + 1)}
            disabled={page >= pageCount - 1}
            aria-label={t('viewer.nextPage')}
            title={t('viewer.nextPage')}
          >
            ›
          </button>
        </div>
        <div className="pdf-toolbar__group">
          <button
            type="button"
            onClick={() => props.onZoomStep(-1)}
            aria-label={t('viewer.zoomOut')}
            title={t('viewer.zoomOut')}
          >
            −
          </button>
          <select
            aria-label={t('viewer.zoomSelect')}
            value={String(zoom)}
            onChange={(e) => {
              const v = e.target.value;
              props.onZoom(v === 'page-width' || v === 'page-fit' ? v : Number(v));
            }}
          >
            <option value="page-width">{t('viewer.fitWidth')}</option>
            <option value="page-fit">{t('viewer.fitPage')}</option>
            {custom ? <option value={String(zoom)}>{percent(zoom)}</option> : null}
            {ZOOM_STEPS.map((s) => (
              <option key={s} value={String(s)}>
                {percent(s)}
              </option>
            ))}
          </select>
          <button
            type="button"
            onClick={() => props.onZoomStep(1)}
            aria-label={t('viewer.zoomIn')}
            title={t('viewer.zoomIn')}
          >
            +
          </button>
          <span className="pdf-toolbar__factor" aria-hidden="true">
            {typeof zoom === 'number' ? '' : percent(factor)}
          </span>
          <button
            type="button"
            onClick={() => props.onRotate()}
            aria-label={t('viewer.rotate')}
            title={t('viewer.rotate')}
          >
            ↻
          </button>
          <button
            type="button"
            onClick={() => props.onFind()}
            aria-pressed={props.findOpen}
            title={t('viewer.find')}
          >
            {t('viewer.find')}
          </button>
        </div>
        {props.end ? <div className="pdf-toolbar__group pdf-toolbar__end">{props.end}</div> : null}
      </div>
      {props.extra ? <div className="pdf-toolbar__extra">{props.extra}</div> : null}
    </div>
  );
}
