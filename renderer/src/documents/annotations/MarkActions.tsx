import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ANNOTATION_COLOURS,
  type Annotation,
  type AnnotationError,
} from '../../../../core/annotations/model';
import {
  deleteAnnotation,
  setVisibility,
  updateAnnotation,
} from '../../../../core/annotations/store';
import { tryEdit, type AnnotationSession } from './session';

interface Props {
  annotation: Annotation;
  session: AnnotationSession;
  /** Where to show it, in CSS px over the page. */
  left: number;
  top: number;
  startEditing: boolean;
  onDone: () => void;
  onError: (error: AnnotationError) => void;
}

/** The selected mark's actions: the author edits, recolours, shares or deletes it. */
export function MarkActions(props: Props) {
  const { annotation: a, session, left, top, onDone, onError } = props;
  const { t } = useTranslation();
  const mine = a.author.memberId === session.author.memberId;
  const hasText = a.kind === 'note' || a.kind === 'text';
  const [editing, setEditing] = useState(props.startEditing && mine && hasText);
  const [text, setText] = useState(hasText ? a.text : '');
  const run = (edit: () => void) => {
    const error = tryEdit(edit);
    if (error) onError(error);
  };
  const ctx = () => session.context();
  return (
    <div
      className="annot-actions"
      style={{ left, top }}
      role="dialog"
      aria-label={t(`annot.kind.${a.kind}`)}
      onPointerDown={(e) => e.stopPropagation()}
    >
      <div className="annot-actions__head">
        <span className="annot-dot" style={{ background: a.color }} aria-hidden="true" />
        <strong>{a.author.name}</strong>
        <span className={`annot-badge annot-badge--${a.visibility}`}>
          {t(a.visibility === 'shared' ? 'annot.shared' : 'annot.private')}
        </span>
      </div>
      {hasText && !editing ? <p className="annot-actions__text">{a.text}</p> : null}
      {editing ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            run(() => updateAnnotation(session.docs, a.id, { text }, ctx()));
            setEditing(false);
          }}
        >
          <textarea
            className="annot-actions__input"
            aria-label={t('annot.textPlaceholder')}
            placeholder={t('annot.textPlaceholder')}
            value={text}
            autoFocus
            onChange={(e) => setText(e.target.value)}
          />
          <div className="annot-actions__row">
            <button type="submit" className="annot-button annot-button--primary">
              {t('annot.save')}
            </button>
            <button type="button" className="annot-button" onClick={() => setEditing(false)}>
              {t('annot.cancel')}
            </button>
          </div>
        </form>
      ) : null}
      {mine && !editing ? (
        <>
          <div className="annot-actions__row" role="group" aria-label={t('annot.colour')}>
            {ANNOTATION_COLOURS.map((c) => (
              <button
                key={c}
                type="button"
                className="annot-swatch"
                style={{ background: c }}
                aria-label={t('annot.colourLabel', { colour: c })}
                aria-pressed={a.color === c}
                onClick={() => run(() => updateAnnotation(session.docs, a.id, { color: c }, ctx()))}
              />
            ))}
          </div>
          <div className="annot-actions__row">
            {hasText ? (
              <button type="button" className="annot-button" onClick={() => setEditing(true)}>
                {t('annot.edit')}
              </button>
            ) : null}
            {session.canShare ? (
              <button
                type="button"
                className="annot-button"
                onClick={() =>
                  run(() =>
                    session.history.batch(() =>
                      setVisibility(
                        session.docs,
                        a.id,
                        a.visibility === 'shared' ? 'private' : 'shared',
                        ctx(),
                      ),
                    ),
                  )
                }
              >
                {t(a.visibility === 'shared' ? 'annot.makePrivate' : 'annot.makeShared')}
              </button>
            ) : null}
            <button
              type="button"
              className="annot-button annot-button--danger"
              onClick={() => {
                run(() => session.history.batch(() => deleteAnnotation(session.docs, a.id, ctx())));
                onDone();
              }}
            >
              {t('annot.delete')}
            </button>
          </div>
        </>
      ) : null}
    </div>
  );
}
