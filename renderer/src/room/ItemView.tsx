import type { AgendaItemSummary } from '../../../core/api/meetings';
import { DocumentsSection } from '../documents/DocumentsSection';
import { renderAnnotatedViewer } from '../documents/annotations/AnnotatedViewer';
import { SpeakersPanel } from '../speakers/SpeakersPanel';
import { ItemVotes } from '../votes/ItemVotes';

/** One agenda item: its title, then each feature's section (documents, votes). */
export function ItemView({ item }: { item: AgendaItemSummary }) {
  return (
    <article className="item-view" aria-labelledby={`item-${item.id}`}>
      <h2 id={`item-${item.id}`}>{item.title}</h2>
      <ItemVotes item={item} />
      <SpeakersPanel itemId={item.id} />
      <DocumentsSection itemId={item.id} renderViewer={renderAnnotatedViewer} />
    </article>
  );
}
