/**
 * A generated section in the editor: not editable, shown from the records in the PDF's words
 * (core/minutes/generated-view.ts), so what the secretary sees is what the server prints.
 */
import { NodeViewWrapper, type ReactNodeViewProps } from '@tiptap/react';
import { useTranslation } from 'react-i18next';
import { isGeneratedSection } from '../../../core/minutes/generated';
import { attendanceLines, voteLines } from '../../../core/minutes/generated-view';
import { GENERATED_NODE_ATTRIBUTE } from '../../../core/minutes/generated';
import { useGeneratedRecords } from './generated-records';

export function GeneratedSectionView({ node, selected }: ReactNodeViewProps) {
  const { t } = useTranslation();
  const records = useGeneratedRecords();
  const kind: unknown = node.attrs.kind;
  if (!isGeneratedSection(kind)) return <NodeViewWrapper as="section" />;
  const lines =
    kind === 'attendance' ? attendanceLines(records.attendance) : voteLines(records.votes);
  const title = t(`minutes.generated.${kind}`);
  return (
    <NodeViewWrapper
      as="section"
      className={`minutes-generated${selected ? ' minutes-generated--selected' : ''}`}
      contentEditable={false}
      aria-label={title}
      {...{ [GENERATED_NODE_ATTRIBUTE]: kind }}
    >
      <p className="minutes-generated__caption">
        <strong>{title}</strong> · {t('minutes.generated.hint')}
      </p>
      {records.ready ? (
        lines.map((line, i) =>
          line.strong ? (
            <p key={i} className="minutes-generated__line">
              <strong>{line.text}</strong>
            </p>
          ) : (
            <p key={i} className="minutes-generated__line">
              {line.text}
            </p>
          ),
        )
      ) : (
        <p className="muted">{t('minutes.loading')}</p>
      )}
    </NodeViewWrapper>
  );
}
