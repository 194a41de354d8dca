import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingView } from '../../../core/api/meetings';
import type { PollView } from '../../../core/api/votes';
import { MeetingDocsProvider, useControlPart } from '../collab/MeetingDocsContext';
import type { MeetingDocKind } from '../collab/meeting-docs';
import { meetingQuorum } from '../attendance/AttendancePanel';
import { RoomContext, roomFor } from '../room-context/RoomContext';
import type { Session } from '../session/session';
import { ResultView } from '../votes/ResultView';
import { SpeakerTimer } from '../speakers/SpeakerTimer';
import { memberName, useMembers } from '../members/useMembers';
import { PresentedPage } from './PresentedPage';
import './projector.css';

/** The room's screen follows the control document only: no shared or private document. */
const CONTROL_ONLY: readonly MeetingDocKind[] = ['control'];

/**
 * The room's big screen (projector, second display): read-only, legible from the back of the
 * room. Meeting title and state, the current item, and in the main area — in this order — the
 * open poll's progress (a count only, never choices), the presented page, or the last result
 * published on the current item; otherwise the agenda.
 */
export function ProjectorView({ meeting, session }: { meeting: MeetingView; session: Session }) {
  const room = useMemo(() => roomFor(meeting, session), [meeting, session]);
  return (
    <RoomContext.Provider value={room}>
      <MeetingDocsProvider
        meetingId={meeting.id}
        memberId={session.member.id}
        token={session.token}
        kinds={CONTROL_ONLY}
      >
        <Projector meeting={meeting} />
      </MeetingDocsProvider>
    </RoomContext.Provider>
  );
}

function useClock(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 15_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

function Projector({ meeting }: { meeting: MeetingView }) {
  const { t, i18n } = useTranslation();
  const meta = useControlPart('meta');
  const liveAgenda = useControlPart('agenda');
  const agenda = liveAgenda ?? meeting.agenda;
  const attendance = useControlPart('attendance');
  const polls = useControlPart('polls') ?? [];
  const presenter = useControlPart('presenter');
  const speakers = useControlPart('speakers');
  const members = useMembers(meeting.id);
  const now = useClock();
  const state = meta?.lifecycle ?? 'scheduled';
  const currentIndex = agenda.findIndex((i) => i.id === meta?.currentItemId);
  const current = currentIndex >= 0 ? agenda[currentIndex] : undefined;
  const open = polls.find((p) => p.state === 'open') ?? null;
  const published = latestPublished(polls, current?.id);
  const presenting =
    presenter?.documentSha256 != null && presenter.page != null
      ? ((liveAgenda ?? [])
          .flatMap((i) => i.documents)
          .find((d) => d.sha256 === presenter.documentSha256) ?? null)
      : null;
  const time = new Intl.DateTimeFormat(i18n.language === 'vi' ? 'vi-VN' : 'en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Asia/Ho_Chi_Minh',
  }).format(now);
  const needed = attendance ? meetingQuorum(attendance) : 0;
  const floor = current ? speakers?.[current.id] : undefined;
  const next = floor?.queue.slice(0, 3) ?? [];

  return (
    <div className="projector" data-testid="projector">
      <header className="projector__head">
        <h1 className="projector__title">{meeting.title}</h1>
        <span className={`projector__state projector__state--${state}`}>
          {t(`meeting.state.${state}`)}
        </span>
        <span className="projector__clock" aria-label={t('projector.clock')}>
          {time}
        </span>
      </header>
      <section className="projector__item" aria-label={t('meeting.current')}>
        {current ? (
          <>
            <span className="projector__item-number">
              {t('projector.item', { n: currentIndex + 1 })}
            </span>
            <h2 className="projector__item-title">{current.title}</h2>
          </>
        ) : (
          <h2 className="projector__item-title projector__muted">{t('meeting.currentNone')}</h2>
        )}
      </section>
      {floor && (floor.current || next.length > 0) ? (
        <section className="projector__floor" aria-label={t('speakers.title')}>
          {floor.current ? (
            <SpeakerTimer floor={floor} name={memberName(members, floor.current.memberId)} large />
          ) : null}
          {next.length > 0 ? (
            <p className="projector__next">
              {t('speakers.next3')}: {next.map((r) => memberName(members, r.memberId)).join(' · ')}
            </p>
          ) : null}
        </section>
      ) : null}
      <main className="projector__main">
        {open ? (
          <PollProgress poll={open} />
        ) : presenting && presenter?.page != null ? (
          <PresentedPage meetingId={meeting.id} document={presenting} page={presenter.page} />
        ) : published?.result ? (
          <div className="projector__result">
            <ResultView poll={published} result={published.result} members={members} />
          </div>
        ) : (
          <ol className="projector__agenda">
            {agenda.map((item, i) => (
              <li
                key={item.id}
                className={i === currentIndex ? 'projector__agenda-current' : undefined}
              >
                {item.title}
              </li>
            ))}
          </ol>
        )}
      </main>
      {attendance ? (
        <footer className="projector__foot">
          {t('meeting.attendance', {
            present: attendance.presentVoting,
            total: attendance.votingMembers,
          })}
          {' · '}
          {t(
            attendance.presentVoting >= needed
              ? 'attendance.quorumMet'
              : 'attendance.quorumMissing',
            { needed },
          )}
        </footer>
      ) : null}
    </div>
  );
}

/** The last published result on the current item (else on any item): what the room just decided. */
function latestPublished(polls: readonly PollView[], itemId: string | undefined): PollView | null {
  const published = polls
    .filter((p) => p.state === 'published' && p.result)
    .sort((a, b) => (b.publishedAt ?? 0) - (a.publishedAt ?? 0));
  return published.find((p) => p.agendaItemId === itemId) ?? published[0] ?? null;
}

/** An open poll on the big screen: how many have voted, out of how many may — never what. */
function PollProgress({ poll }: { poll: PollView }) {
  const { t } = useTranslation();
  const total = poll.eligible.length;
  const cast = poll.ballotsCast;
  const share = total > 0 ? Math.min(100, Math.round((cast / total) * 100)) : 0;
  return (
    <div className="projector__poll" data-testid="projector-poll">
      <p className="projector__poll-kind">
        {t(poll.kind === 'secret' ? 'projector.pollSecret' : 'projector.pollNamed')}
      </p>
      <h3 className="projector__poll-title">{poll.title}</h3>
      <p className="projector__poll-count" aria-live="polite">
        {t('projector.cast', { cast, total })}
      </p>
      <div
        className="projector__bar"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={cast}
      >
        <span style={{ width: `${share}%` }} />
      </div>
    </div>
  );
}
