import { useTranslation } from 'react-i18next';
import { useControlPart } from '../collab/MeetingDocsContext';
import { meetingQuorum } from '../attendance/AttendancePanel';
import { useRoom } from '../room-context/RoomContext';
import { AgendaEditor } from './AgendaEditor';
import { ChairAttendance } from './ChairAttendance';
import { clock } from './api';

interface Props {
  onShowItem: (itemId: string) => void;
}

/**
 * Where the room opens: the meeting's state, the current item, attendance against the quorum and
 * the open or next poll — and, for the chair, the attendance controls.
 */
export function Overview({ onShowItem }: Props) {
  const { t, i18n } = useTranslation();
  const { meeting, may } = useRoom();
  const meta = useControlPart('meta');
  const agenda = useControlPart('agenda') ?? meeting.agenda;
  const attendance = useControlPart('attendance');
  const polls = useControlPart('polls') ?? [];
  const state = meta?.lifecycle ?? 'scheduled';
  const current = agenda.find((i) => i.id === meta?.currentItemId);
  const poll =
    polls.find((p) => p.state === 'open') ?? polls.find((p) => p.state === 'draft') ?? null;
  const needed = attendance ? meetingQuorum(attendance) : 0;
  const quorumMet = attendance ? attendance.presentVoting >= needed : false;
  const why = state === 'open' ? null : t(`meeting.why.${state}`);

  return (
    <div className="overview">
      <h2 className="overview__title">{t('meeting.overview')}</h2>
      <dl className="overview__facts">
        <div>
          <dt>{t('meeting.roster.status')}</dt>
          <dd>
            <span className={`lifecycle__state lifecycle__state--${state}`}>
              {t(`meeting.state.${state}`)}
            </span>{' '}
            {meta?.openedAt && (
              <span className="muted">
                {t('meeting.openedAt', { time: clock(meta.openedAt, i18n.language) })}
              </span>
            )}
            {why && <p className="overview__why">{why}</p>}
          </dd>
        </div>
        <div>
          <dt>{t('meeting.current')}</dt>
          <dd>
            {current ? (
              <button type="button" className="link-button" onClick={() => onShowItem(current.id)}>
                {`${agenda.indexOf(current) + 1}. ${current.title}`}
              </button>
            ) : (
              <span className="muted">{t('meeting.currentNone')}</span>
            )}
          </dd>
        </div>
        {attendance && (
          <div>
            <dt>{t('attendance.title')}</dt>
            <dd>
              {t('meeting.attendance', {
                present: attendance.presentVoting,
                total: attendance.votingMembers,
              })}
              <p
                className={`attendance__quorum attendance__quorum--${quorumMet ? 'met' : 'missing'}`}
              >
                <span className="attendance__dot" aria-hidden="true" />
                {t(quorumMet ? 'attendance.quorumMet' : 'attendance.quorumMissing', { needed })}
              </p>
            </dd>
          </div>
        )}
        <div>
          <dt>{poll?.state === 'open' ? t('meeting.openPoll') : t('meeting.nextPoll')}</dt>
          <dd>
            {poll ? (
              <button
                type="button"
                className="link-button"
                onClick={() => onShowItem(poll.agendaItemId)}
              >
                {poll.title}
              </button>
            ) : (
              <span className="muted">{t('meeting.noPoll')}</span>
            )}
          </dd>
        </div>
      </dl>
      {may('attendance.mark') && <ChairAttendance />}
      {may('agenda.edit') && <AgendaEditor agenda={agenda} />}
    </div>
  );
}
