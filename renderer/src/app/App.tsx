import { useTranslation } from 'react-i18next';
import { useServerStatus } from '../connection/useServerStatus';
import { AgendaColumn } from '../meetings/AgendaColumn';
import { MeetingList } from '../meetings/MeetingList';
import { useMeetings } from '../meetings/useMeetings';
import { AppFrame } from './AppFrame';
import { useRoute } from './useRoute';

export function App() {
  const { t } = useTranslation();
  const status = useServerStatus();
  const meetings = useMeetings();
  const [route, navigate] = useRoute();

  if (route.name === 'meetings') {
    return (
      <AppFrame title={null} status={status} sidebar={<p className="muted">{t('nav.meetings')}</p>}>
        <MeetingList state={meetings} onOpen={(m) => navigate({ name: 'room', meetingId: m.id })} />
      </AppFrame>
    );
  }

  const meeting =
    meetings.kind === 'ready'
      ? (meetings.meetings.find((m) => m.id === route.meetingId) ?? null)
      : null;
  const item = meeting?.agenda.find((i) => i.id === route.itemId);
  return (
    <AppFrame
      title={meeting?.title ?? null}
      status={status}
      sidebar={
        <AgendaColumn
          meeting={meeting}
          selectedItemId={route.itemId}
          onSelect={(itemId) => navigate({ name: 'room', meetingId: route.meetingId, itemId })}
          onBack={() => navigate({ name: 'meetings' })}
        />
      }
    >
      {meetings.kind === 'loading' ? (
        <p role="status">{t('room.loading')}</p>
      ) : meeting === null ? (
        <p role="alert">{t('room.notFound')}</p>
      ) : item ? (
        <h2>{item.title}</h2>
      ) : (
        <p className="muted">{t('room.selectItem')}</p>
      )}
    </AppFrame>
  );
}
