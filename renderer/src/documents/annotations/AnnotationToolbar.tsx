import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { ANNOTATION_COLOURS } from '../../../../core/annotations/model';
import type { AnnotationTool } from './AnnotationLayer';
import type { AnnotationSession } from './session';

interface Props {
  session: AnnotationSession;
  tool: AnnotationTool;
  onTool: (tool: AnnotationTool) => void;
  colour: string;
  onColour: (colour: string) => void;
  shareNew: boolean;
  onShareNew: (share: boolean) => void;
  onHighlightSelection: () => void;
  onExport: () => void;
  exporting: boolean;
}

const TOOLS: AnnotationTool[] = ['select', 'highlight', 'ink', 'note', 'text'];

/**
 * Tools in the viewer toolbar: mark kind, colour, shared by default, undo/redo, export — one
 * compact row at 1366 px (undo/redo as the usual arrows, named by aria-label and a tooltip).
 */
export function AnnotationToolbar(props: Props) {
  const { t } = useTranslation();
  const { history } = props.session;
  useSyncExternalStore(
    (onChange) => history.subscribe(onChange),
    () => `${history.canUndo()}:${history.canRedo()}`,
  );
  return (
    <div className="annot-toolbar" role="toolbar" aria-label={t('annot.tools')}>
      <div className="annot-toolbar__group" role="radiogroup" aria-label={t('annot.tools')}>
        {TOOLS.map((tool) => (
          <button
            key={tool}
            type="button"
            role="radio"
            aria-checked={props.tool === tool}
            className={`annot-tool${props.tool === tool ? ' annot-tool--on' : ''}`}
            onClick={() => props.onTool(tool)}
          >
            {t(`annot.tool.${tool}`)}
          </button>
        ))}
      </div>
      <button
        type="button"
        className="annot-tool"
        // Keep the text selection: a mousedown on a button would otherwise clear it.
        onMouseDown={(e) => e.preventDefault()}
        onClick={props.onHighlightSelection}
      >
        {t('annot.highlightSelection')}
      </button>
      <div className="annot-toolbar__group" role="radiogroup" aria-label={t('annot.colour')}>
        {ANNOTATION_COLOURS.map((c) => (
          <button
            key={c}
            type="button"
            role="radio"
            aria-checked={props.colour === c}
            aria-label={t('annot.colourLabel', { colour: c })}
            className="annot-swatch"
            style={{ background: c }}
            onClick={() => props.onColour(c)}
          />
        ))}
      </div>
      {props.session.canShare ? (
        <label className="annot-toolbar__check">
          <input
            type="checkbox"
            checked={props.shareNew}
            onChange={(e) => props.onShareNew(e.target.checked)}
          />
          {t('annot.defaultShared')}
        </label>
      ) : null}
      <div className="annot-toolbar__group">
        <button
          type="button"
          className="annot-tool annot-tool--icon"
          disabled={!history.canUndo()}
          onClick={() => history.undo()}
          aria-label={t('annot.undo')}
          title={t('annot.undo')}
        >
          <span aria-hidden="true">↶</span>
        </button>
        <button
          type="button"
          className="annot-tool annot-tool--icon"
          disabled={!history.canRedo()}
          onClick={() => history.redo()}
          aria-label={t('annot.redo')}
          title={t('annot.redo')}
        >
          <span aria-hidden="true">↷</span>
        </button>
      </div>
      <button
        type="button"
        className="annot-tool"
        disabled={props.exporting}
        onClick={props.onExport}
        // The short visible text starts the full name (label-in-name); the tooltip says it all.
        aria-label={props.exporting ? t('annot.exporting') : t('annot.export')}
        title={t('annot.export')}
      >
        {props.exporting ? t('annot.exporting') : t('annot.exportShort')}
      </button>
    </div>
  );
}
