import { useTranslation } from 'react-i18next';
import type { MeetingView } from '../../../core/api/meetings';
import { readAgenda } from '../../../core/docs/control';
import type { Route } from '../app/route';
import { AppFrame } from '../app/AppFrame';
import { MeetingDocsProvider, useMeetingDocs, useMeetingView } from '../collab/MeetingDocsContext';
import type { ServerStatus } from '../connection/useServerStatus';
import { AgendaColumn } from '../meetings/AgendaColumn';
import type { Session } from '../session/session';
import { ItemView } from './ItemView';
import { RoomContext } from './RoomContext';

interface Props {
  meeting: MeetingView;
  session: Session;
  status: ServerStatus;
  itemId: string | undefined;
  account: React.ReactNode;
  navigate: (route: Route) => void;
}

/** The room: live agenda from the control document, and the selected item. */
export function MeetingRoom(props: Props) {
  return (
    <RoomContext.Provider value={{ meeting: props.meeting, session: props.session }}>
      <MeetingDocsProvider
        meetingId={props.meeting.id}
        memberId={props.session.member.id}
        token={props.session.token}
      >
        <RoomFrame {...props} />
      </MeetingDocsProvider>
    </RoomContext.Provider>
  );
}

function RoomFrame({ meeting, status, itemId, account, navigate }: Props) {
  const { t } = useTranslation();
  const docs = useMeetingDocs();
  // The control document is live; until it has synced the HTTP snapshot stands in.
  const agenda =
    useMeetingView((d) => (d.synced('control') ? readAgenda(d.doc('control')) : null), null) ??
    meeting.agenda;
  const syncStatus = docs?.status() ?? 'connecting';
  const frameStatus: ServerStatus =
    status === 'offline' || syncStatus === 'disconnected'
      ? 'offline'
      : syncStatus === 'connected'
        ? 'online'
        : 'checking';
  const item = agenda.find((i) => i.id === itemId);
  return (
    <AppFrame
      title={meeting.title}
      status={frameStatus}
      account={account}
      sidebar={
        <AgendaColumn
          items={agenda}
          selectedItemId={itemId}
          onSelect={(id) => navigate({ name: 'room', meetingId: meeting.id, itemId: id })}
          onBack={() => navigate({ name: 'meetings' })}
        />
      }
    >
      {item ? (
        <ItemView key={item.id} item={item} />
      ) : (
        <p className="muted">{t('room.selectItem')}</p>
      )}
    </AppFrame>
  );
}
