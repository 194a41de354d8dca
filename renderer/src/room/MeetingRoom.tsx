import { useEffect, useMemo, useRef } from 'react';
import type { MeetingView } from '../../../core/api/meetings';
import type { Route } from '../shell/route';
import { AppFrame } from '../shell/AppFrame';
import {
  MeetingDocsProvider,
  useControlPart,
  useMeetingConnection,
} from '../collab/MeetingDocsContext';
import { CONTROL_SCHEMA_VERSION } from '../../../core/docs/control';
import { ConnectionBanner } from '../connection/ConnectionBanner';
import type { ServerStatus } from '../connection/useServerStatus';
import { AgendaColumn } from '../meetings/AgendaColumn';
import { AttendancePanel } from '../attendance/AttendancePanel';
import type { Session } from '../session/session';
import { BallotDock } from '../votes/BallotDock';
import { MeetingResults } from '../votes/MeetingResults';
import { ResultsLink } from '../votes/ResultsLink';
import { ItemView } from './ItemView';
import { MinutesLink } from '../minutes/MinutesLink';
import { MinutesPage } from '../minutes/MinutesPage';
import { RoomContext, roomFor } from '../room-context/RoomContext';
import { FollowProvider, useFollow } from '../documents/follow/FollowContext';
import { FollowNavigator } from '../documents/follow/FollowNavigator';
import { PresentingBar } from '../documents/follow/PresentingBar';
import { LifecycleBar } from '../meeting/LifecycleBar';
import { Overview } from '../meeting/Overview';

interface Props {
  meeting: MeetingView;
  session: Session;
  status: ServerStatus;
  itemId: string | undefined;
  /** Show the minutes instead of an agenda item. */
  minutes?: boolean;
  /** Show the meeting-wide results list instead of an agenda item. */
  results?: boolean;
  account: React.ReactNode;
  navigate: (route: Route) => void;
}

/** The room: live agenda from the control document, and the selected item. */
export function MeetingRoom(props: Props) {
  const room = useMemo(() => roomFor(props.meeting, props.session), [props.meeting, props.session]);
  return (
    <RoomContext.Provider value={room}>
      <MeetingDocsProvider
        meetingId={props.meeting.id}
        memberId={props.session.member.id}
        token={props.session.token}
      >
        <FollowProvider>
          <RoomFrame {...props} />
        </FollowProvider>
      </MeetingDocsProvider>
    </RoomContext.Provider>
  );
}

function RoomFrame({ meeting, status, itemId, minutes, results, account, navigate }: Props) {
  // The control document is live; until it has synced the HTTP snapshot stands in.
  const agenda = useControlPart('agenda') ?? meeting.agenda;
  const syncStatus = useMeetingConnection((d) => d.status(), 'connecting');
  const problems = useMeetingConnection((d) => d.problems(), []);
  const meta = useControlPart('meta');
  const controlNewer = (meta?.schemaVersion ?? 0) > CONTROL_SCHEMA_VERSION;
  const frameStatus: ServerStatus =
    status === 'offline' || syncStatus === 'disconnected'
      ? 'offline'
      : syncStatus === 'connected'
        ? 'online'
        : 'checking';
  const item = agenda.find((i) => i.id === itemId);
  const follow = useFollow();
  const showItem = (id: string) => navigate({ name: 'room', meetingId: meeting.id, itemId: id });
  // The chair's current item is pushed to every screen when it changes (each member may then
  // browse on; "về mục hiện tại" brings them back). The minutes view stays put.
  const currentItemId = meta?.currentItemId;
  const seenCurrent = useRef<string | null | undefined>(undefined);
  useEffect(() => {
    if (currentItemId === undefined) return;
    const before = seenCurrent.current;
    seenCurrent.current = currentItemId;
    if (before === undefined || currentItemId === null || before === currentItemId) return;
    if (!minutes) navigate({ name: 'room', meetingId: meeting.id, itemId: currentItemId });
  }, [currentItemId, minutes, meeting.id, navigate]);
  // While someone presents, choosing another item or the minutes is browsing on one's own: it
  // detaches from the presenter (one click on "Theo người trình bày" snaps back).
  const browse = (route: Route) => {
    if (follow?.following && follow.presenter?.documentSha256) follow.setFollowing(false);
    navigate(route);
  };
  // The minutes stay put when someone presents (the secretary is writing them): being there
  // is browsing on one's own, and PresentingBar offers the one click back.
  // Only on the way in: the bar's "follow" sets following before the route leaves the minutes.
  const setFollowing = follow?.setFollowing;
  const wasOnMinutes = useRef(false);
  useEffect(() => {
    if (minutes === true && !wasOnMinutes.current) setFollowing?.(false);
    wasOnMinutes.current = minutes === true;
  }, [minutes, setFollowing]);
  return (
    <AppFrame
      title={meeting.title}
      status={frameStatus}
      account={account}
      sidebar={
        <AgendaColumn
          items={agenda}
          selectedItemId={itemId}
          onSelect={(id) => browse({ name: 'room', meetingId: meeting.id, itemId: id })}
          onBack={() => navigate({ name: 'meetings' })}
          footer={
            <>
              <AttendancePanel />
              <ResultsLink
                current={results === true}
                onOpen={() => browse({ name: 'room', meetingId: meeting.id, view: 'results' })}
              />
              <MinutesLink
                current={minutes === true}
                onOpen={() => browse({ name: 'room', meetingId: meeting.id, view: 'minutes' })}
              />
            </>
          }
        />
      }
    >
      <ConnectionBanner
        problems={problems}
        controlNewer={controlNewer}
        offline={frameStatus === 'offline'}
      />
      <LifecycleBar
        viewingItemId={minutes ? undefined : item?.id}
        onShowItem={showItem}
        {...(minutes || item
          ? { onShowOverview: () => navigate({ name: 'room', meetingId: meeting.id }) }
          : {})}
      />
      {minutes ? (
        <PresentingBar
          onFollow={(id) => navigate({ name: 'room', meetingId: meeting.id, itemId: id })}
        />
      ) : (
        <FollowNavigator
          itemId={item?.id}
          onShowItem={(id) => navigate({ name: 'room', meetingId: meeting.id, itemId: id })}
        />
      )}
      <BallotDock
        currentItemId={item?.id}
        onShowItem={(id) => navigate({ name: 'room', meetingId: meeting.id, itemId: id })}
      />
      {minutes ? (
        <MinutesPage />
      ) : results ? (
        <MeetingResults />
      ) : item ? (
        <ItemView key={item.id} item={item} />
      ) : (
        <Overview onShowItem={showItem} />
      )}
    </AppFrame>
  );
}
