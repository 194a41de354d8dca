import type { PageViewport } from 'pdfjs-dist';
import { useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Annotation, AnnotationError } from '../../../../core/annotations/model';
import { createAnnotation, moveAnnotation } from '../../../../core/annotations/store';
import { markBox, rectToView, svgPoints, toPdf, toView } from './geometry';
import { MarkActions } from './MarkActions';
import type { PageSurface } from './selection';
import { newAnnotationId, tryEdit, type AnnotationSession } from './session';

export type AnnotationTool = 'select' | 'highlight' | 'ink' | 'note' | 'text';

export interface LayerProps {
  documentSha256: string;
  pageIndex: number;
  viewport: PageViewport;
  width: number;
  height: number;
  marks: readonly Annotation[];
  session: AnnotationSession;
  tool: AnnotationTool;
  colour: string;
  shareNew: boolean;
  selected: { id: string; edit: boolean } | null;
  onSelect: (selected: { id: string; edit: boolean } | null) => void;
  register: (pageIndex: number, surface: PageSurface) => () => void;
  onError: (error: AnnotationError) => void;
}

type Pt = [number, number];

const pairs = (flat: readonly number[]): string =>
  flat.reduce((out, v, i) => out + (i % 2 === 0 ? `${i ? ' ' : ''}${v}` : `,${v}`), '');

/**
 * The app's own annotation overlay for one page (DESIGN.md): SVG marks placed with the page's
 * pdf.js viewport, so they stay on their text at every zoom and rotation. Drawing tools take
 * pointer input; otherwise the text layer underneath keeps text selection.
 */
export function AnnotationLayer(props: LayerProps) {
  const { pageIndex, viewport, width, height, marks, session, tool, register } = props;
  const { t } = useTranslation();
  const root = useRef<HTMLDivElement>(null);
  const [ink, setInk] = useState<number[] | null>(null);
  const [box, setBox] = useState<{ from: Pt; to: Pt } | null>(null);
  const [drag, setDrag] = useState<{ id: string; from: Pt; to: Pt } | null>(null);

  useEffect(() => {
    const element = root.current;
    return element ? register(pageIndex, { element, viewport }) : undefined;
  }, [register, pageIndex, viewport]);

  const local = (e: ReactPointerEvent): Pt => {
    const r = root.current?.getBoundingClientRect();
    return [e.clientX - (r?.left ?? 0), e.clientY - (r?.top ?? 0)];
  };
  const create = (shape: Parameters<typeof createAnnotation>[1]['shape'], edit: boolean) => {
    const id = newAnnotationId();
    const error = tryEdit(() =>
      session.history.batch(() =>
        createAnnotation(
          session.docs,
          {
            id,
            documentSha256: props.documentSha256,
            pageIndex,
            color: props.colour,
            visibility: props.shareNew && session.canShare ? 'shared' : 'private',
            shape,
          },
          session.context(),
        ),
      ),
    );
    if (error) props.onError(error);
    else props.onSelect(edit ? { id, edit } : null);
  };

  const drawing = tool === 'ink' || tool === 'note' || tool === 'text';
  const onSurfaceDown = (e: ReactPointerEvent<SVGSVGElement>) => {
    if (!drawing || e.button !== 0) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    const p = local(e);
    if (tool === 'ink') setInk([...p]);
    else if (tool === 'text') setBox({ from: p, to: p });
    else {
      const at = toPdf(viewport, p[0], p[1]);
      create({ kind: 'note', at, text: '' }, true);
    }
  };
  const onSurfaceMove = (e: ReactPointerEvent<SVGSVGElement>) => {
    if (ink) setInk([...ink, ...local(e)]);
    else if (box) setBox({ ...box, to: local(e) });
  };
  const onSurfaceUp = () => {
    if (ink && ink.length >= 4) {
      const pdf: number[] = [];
      for (let i = 0; i + 1 < ink.length; i += 2) {
        const [x, y] = toPdf(viewport, ink[i] as number, ink[i + 1] as number);
        pdf.push(Math.round(x * 100) / 100, Math.round(y * 100) / 100);
      }
      create({ kind: 'ink', paths: [pdf], width: 2 }, false);
    }
    if (box) {
      const [x1, y1] = box.from;
      const x2 = Math.max(box.to[0], x1 + 160);
      const y2 = Math.max(box.to[1], y1 + 32);
      const a = toPdf(viewport, x1, y1);
      const b = toPdf(viewport, x2, y2);
      const rect = [
        Math.min(a[0], b[0]),
        Math.min(a[1], b[1]),
        Math.max(a[0], b[0]),
        Math.max(a[1], b[1]),
      ] as const;
      create({ kind: 'text', rect, text: '', fontSize: 12 }, true);
    }
    setInk(null);
    setBox(null);
  };

  const onMarkDown = (e: ReactPointerEvent, a: Annotation) => {
    if (tool !== 'select' || e.button !== 0) return;
    e.stopPropagation();
    props.onSelect({ id: a.id, edit: false });
    if (a.author.memberId !== session.author.memberId) return;
    (e.currentTarget as Element).setPointerCapture(e.pointerId);
    const p = local(e);
    setDrag({ id: a.id, from: p, to: p });
  };
  const onMarkMove = (e: ReactPointerEvent) => {
    if (drag) setDrag({ ...drag, to: local(e) });
  };
  const onMarkUp = () => {
    if (!drag) return;
    const [fx, fy] = drag.from;
    const [tx, ty] = drag.to;
    if (Math.hypot(tx - fx, ty - fy) > 2) {
      const a = toPdf(viewport, fx, fy);
      const b = toPdf(viewport, tx, ty);
      const error = tryEdit(() =>
        session.history.batch(() =>
          moveAnnotation(session.docs, drag.id, b[0] - a[0], b[1] - a[1], session.context()),
        ),
      );
      if (error) props.onError(error);
    }
    setDrag(null);
  };

  const offset = (a: Annotation) =>
    drag?.id === a.id
      ? `translate(${drag.to[0] - drag.from[0]} ${drag.to[1] - drag.from[1]})`
      : undefined;
  const selectable = tool === 'select';
  const selected = props.selected ? marks.find((m) => m.id === props.selected?.id) : undefined;
  const label = (a: Annotation) =>
    `${t(`annot.kind.${a.kind}`)} · ${a.author.name} · ${t(a.visibility === 'shared' ? 'annot.shared' : 'annot.private')}`;
  const common = (a: Annotation) => ({
    'data-annotation-id': a.id,
    'data-kind': a.kind,
    'data-visibility': a.visibility,
    'data-author': a.author.memberId,
    className: `annot-mark${selectable ? ' annot-mark--live' : ''}${props.selected?.id === a.id ? ' annot-mark--selected' : ''}`,
    onPointerDown: (e: ReactPointerEvent) => onMarkDown(e, a),
    onPointerMove: onMarkMove,
    onPointerUp: onMarkUp,
  });

  return (
    <div ref={root} className="annot-page" style={{ width, height }} data-page-index={pageIndex}>
      <svg
        className={`annot-svg${drawing ? ' annot-svg--drawing' : ''}`}
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        onPointerDown={onSurfaceDown}
        onPointerMove={onSurfaceMove}
        onPointerUp={onSurfaceUp}
        onClick={(e) => {
          if (e.target === e.currentTarget && selectable) props.onSelect(null);
        }}
      >
        {marks.map((a) => {
          switch (a.kind) {
            case 'highlight':
              return (
                <g key={a.id} {...common(a)} transform={offset(a)}>
                  <title>{label(a)}</title>
                  {a.quads.map((q, i) => (
                    <polygon
                      key={i}
                      className="annot-highlight"
                      fill={a.color}
                      points={svgPoints(viewport, [q[0], q[1], q[2], q[3], q[6], q[7], q[4], q[5]])}
                    />
                  ))}
                </g>
              );
            case 'ink':
              return (
                <g key={a.id} {...common(a)} transform={offset(a)}>
                  <title>{label(a)}</title>
                  {a.paths.map((p, i) => (
                    // A wide invisible stroke makes a thin line easy to pick.
                    <polyline
                      key={`hit-${i}`}
                      className="annot-ink"
                      stroke="transparent"
                      strokeWidth={14}
                      points={svgPoints(viewport, p)}
                    />
                  ))}
                  {a.paths.map((p, i) => (
                    <polyline
                      key={i}
                      className="annot-ink"
                      stroke={a.color}
                      strokeWidth={Math.max(1, a.width * viewport.scale)}
                      points={svgPoints(viewport, p)}
                    />
                  ))}
                </g>
              );
            case 'note': {
              const [x, y] = toView(viewport, a.at[0], a.at[1]);
              return (
                <g key={a.id} {...common(a)} transform={offset(a)}>
                  <title>{`${label(a)}${a.text ? `: ${a.text}` : ''}`}</title>
                  <rect
                    className="annot-note"
                    x={x}
                    y={y}
                    width={20}
                    height={20}
                    rx={3}
                    fill={a.color}
                  />
                  <path
                    className="annot-note__lines"
                    d={`M${x + 5} ${y + 7}h10M${x + 5} ${y + 11}h10M${x + 5} ${y + 15}h6`}
                  />
                </g>
              );
            }
            case 'text': {
              const [x1, y1, x2, y2] = rectToView(viewport, a.rect);
              return (
                <g key={a.id} {...common(a)} transform={offset(a)}>
                  <title>{label(a)}</title>
                  <rect
                    className="annot-textbox"
                    x={x1}
                    y={y1}
                    width={x2 - x1}
                    height={y2 - y1}
                    stroke={a.color}
                  />
                  <foreignObject x={x1} y={y1} width={x2 - x1} height={y2 - y1}>
                    <div
                      className="annot-textbox__text"
                      style={{ color: a.color, fontSize: a.fontSize * viewport.scale }}
                    >
                      {a.text}
                    </div>
                  </foreignObject>
                </g>
              );
            }
          }
        })}
        {ink ? (
          <polyline
            className="annot-ink"
            stroke={props.colour}
            strokeWidth={Math.max(1, 2 * viewport.scale)}
            points={pairs(ink)}
          />
        ) : null}
        {box ? (
          <rect
            className="annot-textbox annot-textbox--draft"
            x={Math.min(box.from[0], box.to[0])}
            y={Math.min(box.from[1], box.to[1])}
            width={Math.abs(box.to[0] - box.from[0])}
            height={Math.abs(box.to[1] - box.from[1])}
          />
        ) : null}
      </svg>
      {selected ? (
        <MarkActions
          key={`${selected.id}:${props.selected?.edit ? 'e' : ''}`}
          annotation={selected}
          session={session}
          left={Math.min(markBox(viewport, selected)[0], Math.max(0, width - 240))}
          top={markBox(viewport, selected)[3] + 6}
          startEditing={props.selected?.edit ?? false}
          onDone={() => props.onSelect(null)}
          onError={props.onError}
        />
      ) : null}
    </div>
  );
}
