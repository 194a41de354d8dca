import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { PDFDocumentProxy, RenderTask } from 'pdfjs-dist';
import type { PageShape } from './useDocument';
import { useNearPages } from './useNearPages';

const THUMB_WIDTH = 96;

interface ThumbnailsProps {
  pdf: PDFDocumentProxy;
  shapes: readonly PageShape[];
  rotation: number;
  current: number;
  onSelect(pageIndex: number): void;
}

/** A column of small pages; like the main column, only those near its view hold a canvas. */
export function Thumbnails({ pdf, shapes, rotation, current, onSelect }: ThumbnailsProps) {
  const { t } = useTranslation();
  const rootRef = useRef<HTMLDivElement>(null);
  const near = useNearPages(rootRef, shapes.length, '200px 0px');
  useEffect(() => {
    rootRef.current
      ?.querySelector(`[data-page-index="${current}"]`)
      ?.scrollIntoView({ block: 'nearest' });
  }, [current]);
  return (
    <div className="pdf-thumbs" ref={rootRef} aria-label={t('viewer.thumbnails')}>
      {shapes.map((shape, i) => {
        const turned = (shape.rotate + rotation) % 180 !== 0;
        const ratio = turned ? shape.width / shape.height : shape.height / shape.width;
        return (
          <button
            key={i}
            type="button"
            data-page-index={i}
            className="pdf-thumbs__item"
            aria-current={i === current ? 'page' : undefined}
            aria-label={t('viewer.thumbnailLabel', { page: i + 1 })}
            onClick={() => onSelect(i)}
          >
            <span className="pdf-thumbs__page" style={{ height: THUMB_WIDTH * ratio }}>
              {near.has(i) ? <Thumbnail pdf={pdf} pageIndex={i} rotation={rotation} /> : null}
            </span>
            <span className="pdf-thumbs__number">{i + 1}</span>
          </button>
        );
      })}
    </div>
  );
}

function Thumbnail({
  pdf,
  pageIndex,
  rotation,
}: Omit<ThumbnailsProps, 'shapes' | 'current' | 'onSelect'> & { pageIndex: number }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    let task: RenderTask | null = null;
    let live = true;
    void pdf.getPage(pageIndex + 1).then(
      (page) => {
        if (!live) return;
        const base = page.getViewport({ scale: 1, rotation: (page.rotate + rotation) % 360 });
        const viewport = page.getViewport({
          scale: THUMB_WIDTH / base.width,
          rotation: (page.rotate + rotation) % 360,
        });
        canvas.width = Math.floor(viewport.width);
        canvas.height = Math.floor(viewport.height);
        task = page.render({ canvas, viewport });
        task.promise.catch(() => undefined);
        // A document closed before the page came ("Transport destroyed"): no thumbnail to draw.
      },
      () => undefined,
    );
    return () => {
      live = false;
      task?.cancel();
      canvas.width = 0;
      canvas.height = 0;
    };
  }, [pdf, pageIndex, rotation]);
  return <canvas ref={canvasRef} aria-hidden="true" />;
}
