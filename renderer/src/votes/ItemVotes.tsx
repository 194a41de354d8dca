import type { AgendaItemSummary } from '../../../core/api/meetings';
import { useRoom } from '../room-context/RoomContext';
import { ChairPanel } from './ChairPanel';
import { ItemResults } from './ItemResults';

/** The votes section of an agenda item: the chair's panel, then the published results. */
export function ItemVotes({ item }: { item: AgendaItemSummary }) {
  const { may } = useRoom();
  const managesPolls = may('poll.manage');
  return (
    <>
      {managesPolls && <ChairPanel item={item} />}
      <ItemResults item={item} />
    </>
  );
}
