import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttendanceView } from '../../../core/api/votes';
import { selfCheckInAllowed } from '../../../core/meeting/attendance';
import { SCHEDULED } from '../../../core/meeting/lifecycle';
import { quorumFor } from '../../../core/votes/poll';
import { useControlPart } from '../collab/MeetingDocsContext';
import type { MessageKey } from '../i18n/catalog';
import { errorMessageKey } from '../i18n/error-message';
import { useRoom } from '../room-context/RoomContext';
import { message } from '../votes/labels';
import { votesApi } from '../votes/api';
import { memberName, useMembers } from '../members/useMembers';
import './attendance.css';

/** The quorum of a sitting of a People's Council: at least two-thirds of its members. */
export function meetingQuorum(view: AttendanceView): number {
  return quorumFor(view.votingMembers, 2, 3, 'at-least');
}

/**
 * The room's attendance: the member's own check-in button, the live head count of voting
 * members and the quorum indicator; the chair and the secretary also see who is present.
 */
export function AttendancePanel() {
  const { t } = useTranslation();
  const { meeting, session, may } = useRoom();
  const view = useControlPart('attendance');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<MessageKey | null>(null);
  // "Rời phòng họp" asks first: logging out is not leaving, leaving is recorded.
  const [confirmLeave, setConfirmLeave] = useState(false);
  const meta = useControlPart('meta') ?? SCHEDULED;
  const mayCheckIn = may('attendance.checkIn');
  const seesRoster = may('attendance.viewRoster');
  const members = useMembers(meeting.id);

  if (!view) return null;
  const me = view.members.find((m) => m.memberId === session.member.id);
  const present = me?.status === 'present';
  const needed = meetingQuorum(view);
  const quorumMet = view.presentVoting >= needed;

  const open = selfCheckInAllowed(meta);
  const why = open ? null : t(`meeting.why.${meta.lifecycle as 'scheduled' | 'paused' | 'closed'}`);

  async function toggle() {
    if (present && !confirmLeave) return setConfirmLeave(true);
    setConfirmLeave(false);
    setBusy(true);
    setError(null);
    try {
      await votesApi.checkIn(meeting.id, !present);
    } catch (e) {
      setError(errorMessageKey(e, 'attendance'));
    } finally {
      setBusy(false);
    }
  }

  const voting = view.members.filter((m) => m.votes);
  const here = voting.filter((m) => m.status === 'present');
  const away = voting.filter((m) => m.status !== 'present');
  const names = (list: typeof voting) =>
    list.length === 0 ? (
      <p className="muted">{t('attendance.nobody')}</p>
    ) : (
      <ul className="attendance__names">
        {list.map((m) => (
          <li key={m.memberId}>
            <span>{memberName(members, m.memberId)}</span>
            <span className="attendance__role">{t(`attendance.role.${m.role}`)}</span>
          </li>
        ))}
      </ul>
    );

  return (
    <section className="attendance" aria-labelledby="attendance-title">
      <h2 className="agenda__title" id="attendance-title">
        {t('attendance.title')}
      </h2>
      <div
        className="attendance__count"
        role="status"
        aria-live="polite"
        aria-label={t('attendance.countLabel', {
          present: view.presentVoting,
          total: view.votingMembers,
        })}
      >
        <span className="attendance__number">
          {t('attendance.countValue', { present: view.presentVoting, total: view.votingMembers })}
        </span>
        <span className="attendance__caption">{t('attendance.count')}</span>
      </div>
      <p
        className={`attendance__quorum attendance__quorum--${quorumMet ? 'met' : 'missing'}`}
        title={t('attendance.quorumRule')}
      >
        <span className="attendance__dot" aria-hidden="true" />
        {t(quorumMet ? 'attendance.quorumMet' : 'attendance.quorumMissing', { needed })}
      </p>
      {mayCheckIn && (
        <>
          <p className="attendance__me">
            {t(present ? 'attendance.youPresent' : 'attendance.youAbsent')}
          </p>
          <button
            type="button"
            className={present ? 'secondary attendance__button' : 'primary attendance__button'}
            onClick={() => void toggle()}
            disabled={busy || !open}
          >
            {busy
              ? t('attendance.busy')
              : t(present ? 'attendance.checkOut' : 'attendance.checkIn')}
          </button>
          {why && <p className="attendance__me attendance__why">{why}</p>}
          {confirmLeave && (
            <div
              className="attendance__confirm"
              role="alertdialog"
              aria-label={t('attendance.checkOut')}
            >
              <p>{t('meeting.leaveConfirm')}</p>
              <button type="button" className="primary" onClick={() => void toggle()}>
                {t('meeting.confirm')}
              </button>
              <button type="button" className="secondary" onClick={() => setConfirmLeave(false)}>
                {t('meeting.cancel')}
              </button>
            </div>
          )}
        </>
      )}
      {error && (
        <p className="attendance__error" role="alert">
          {message(t, error)}
        </p>
      )}
      {seesRoster && (
        <div className="attendance__roster">
          <h3>{t('attendance.presentList')}</h3>
          {names(here)}
          <h3>{t('attendance.absentList')}</h3>
          {names(away)}
        </div>
      )}
    </section>
  );
}
