import type { AgendaItemSummary } from '../../../core/api/meetings';
import { can } from '../../../core/roles/permissions';
import { useRoom } from '../room-context/RoomContext';
import { ChairPanel } from './ChairPanel';
import { ItemResults } from './ItemResults';

/** The votes section of an agenda item: the chair's panel, then the published results. */
export function ItemVotes({ item }: { item: AgendaItemSummary }) {
  const { meeting, session } = useRoom();
  const managesPolls = can(
    { memberId: session.member.id, isAdmin: false, role: meeting.myRole },
    'poll.manage',
  );
  return (
    <>
      {managesPolls && <ChairPanel item={item} />}
      <ItemResults item={item} />
    </>
  );
}
