import { useTranslation } from 'react-i18next';
import { useServerStatus, type ServerStatus } from '../connection/useServerStatus';
import { LoginScreen } from '../login/LoginScreen';
import { MeetingList } from '../meetings/MeetingList';
import { useMeetings } from '../meetings/useMeetings';
import { MeetingRoom } from '../room/MeetingRoom';
import { ProjectorView } from '../projector/ProjectorView';
import { AccountMenu } from './AccountMenu';
import { useSession, type Session } from '../session/session';
import { AppFrame } from '../shell/AppFrame';
import { useRoute } from '../shell/useRoute';

export function App() {
  const { t } = useTranslation();
  const status = useServerStatus();
  const { session, ended } = useSession();
  if (session === null) {
    return (
      <AppFrame title={t('login.title')} status={status} sidebar={null}>
        <LoginScreen ended={ended} />
      </AppFrame>
    );
  }
  // Keyed by token: a new login starts with fresh data, never the previous member's.
  return <MeetingsApp key={session.token} session={session} status={status} />;
}

function MeetingsApp({ session, status }: { session: Session; status: ServerStatus }) {
  const { t } = useTranslation();
  const meetings = useMeetings();
  const [route, navigate] = useRoute();
  const account = <AccountMenu session={session} />;

  if (route.name === 'meetings') {
    return (
      <AppFrame
        title={null}
        status={status}
        account={account}
        sidebar={<p className="muted">{t('nav.meetings')}</p>}
      >
        <MeetingList state={meetings} onOpen={(m) => navigate({ name: 'room', meetingId: m.id })} />
      </AppFrame>
    );
  }

  if (meetings.kind !== 'ready') {
    return (
      <AppFrame title={null} status={status} account={account} sidebar={null}>
        {meetings.kind === 'loading' ? (
          <p role="status">{t('room.loading')}</p>
        ) : (
          <MeetingList state={meetings} onOpen={() => {}} />
        )}
      </AppFrame>
    );
  }
  const meeting = meetings.meetings.find((m) => m.id === route.meetingId);
  if (!meeting) {
    return (
      <AppFrame title={null} status={status} account={account} sidebar={null}>
        <p role="alert">{t('room.notFound')}</p>
      </AppFrame>
    );
  }
  // The room's screen logs in as a `display` member: it only ever shows the projector view.
  if (route.name === 'projector' || meeting.myRole === 'display')
    return <ProjectorView key={meeting.id} meeting={meeting} session={session} />;
  return (
    <MeetingRoom
      key={meeting.id}
      meeting={meeting}
      session={session}
      status={status}
      itemId={route.itemId}
      minutes={route.view === 'minutes'}
      results={route.view === 'results'}
      account={account}
      navigate={navigate}
    />
  );
}
