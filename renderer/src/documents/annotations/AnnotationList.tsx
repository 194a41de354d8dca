import { useTranslation } from 'react-i18next';
import type { Annotation } from '../../../../core/annotations/model';

interface Props {
  annotations: readonly Annotation[];
  selectedId: string | null;
  onJump: (annotation: Annotation) => void;
  includeShared: boolean;
  onIncludeShared: (include: boolean) => void;
}

const excerpt = (a: Annotation): string =>
  a.kind === 'ink' ? '' : a.text.length > 80 ? `${a.text.slice(0, 79)}…` : a.text;

/** The document's marks in page order: page, author, excerpt; choosing one jumps to it. */
export function AnnotationList(props: Props) {
  const { t } = useTranslation();
  return (
    <section className="annot-list" aria-label={t('annot.list')}>
      <h3 className="annot-list__title">{t('annot.list')}</h3>
      {props.annotations.length === 0 ? (
        <p className="annot-list__empty">{t('annot.listEmpty')}</p>
      ) : (
        <ol className="annot-list__items">
          {props.annotations.map((a) => (
            <li key={a.id}>
              <button
                type="button"
                className={`annot-list__item${props.selectedId === a.id ? ' annot-list__item--on' : ''}`}
                aria-label={t('annot.jump', { page: a.pageIndex + 1 })}
                data-annotation-id={a.id}
                onClick={() => props.onJump(a)}
              >
                <span className="annot-dot" style={{ background: a.color }} aria-hidden="true" />
                <span className="annot-list__meta">
                  {t('annot.page', { page: a.pageIndex + 1 })} · {t(`annot.kind.${a.kind}`)} ·{' '}
                  {a.author.name}
                  <span className={`annot-badge annot-badge--${a.visibility}`}>
                    {t(a.visibility === 'shared' ? 'annot.shared' : 'annot.private')}
                  </span>
                </span>
                {excerpt(a) ? <span className="annot-list__excerpt">{excerpt(a)}</span> : null}
              </button>
            </li>
          ))}
        </ol>
      )}
      <label className="annot-toolbar__check">
        <input
          type="checkbox"
          checked={props.includeShared}
          onChange={(e) => props.onIncludeShared(e.target.checked)}
        />
        {t('annot.exportShared')}
      </label>
    </section>
  );
}
