import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttendanceMemberView } from '../../../core/api/votes';
import type { AttendanceStatus } from '../../../core/meeting/attendance';
import { allows } from '../../../core/meeting/lifecycle';
import { useControlPart } from '../collab/MeetingDocsContext';
import { useFollow } from '../documents/follow/FollowContext';
import { errorMessage } from '../i18n/error-message';
import { memberName, useMembers } from '../members/useMembers';
import { useRoom } from '../room-context/RoomContext';
import { clock, meetingApi } from './api';

/**
 * The chair's attendance controls: every member with their status, whether they are connected
 * right now (server-stamped presence), late arrival and early departure; mark present, absent or
 * excused with a reason; admit a present latecomer to the open poll.
 */
export function ChairAttendance() {
  const { t, i18n } = useTranslation();
  const { meeting, session } = useRoom();
  const view = useControlPart('attendance');
  const meta = useControlPart('meta');
  const polls = useControlPart('polls') ?? [];
  const members = useMembers(meeting.id);
  const follow = useFollow();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reasonFor, setReasonFor] = useState<{ memberId: string; status: AttendanceStatus } | null>(
    null,
  );
  const [reason, setReason] = useState('');
  if (!view) return null;
  const connected = new Set([session.member.id, ...(follow?.peers.map((p) => p.memberId) ?? [])]);
  const openPoll = polls.find((p) => p.state === 'open') ?? null;
  const mayMark = allows(meta?.lifecycle ?? 'scheduled', 'attendance.mark');

  async function run(memberId: string, action: () => Promise<unknown>) {
    setBusy(memberId);
    setError(null);
    try {
      await action();
      setReasonFor(null);
      setReason('');
    } catch (e) {
      setError(errorMessage(t, e, 'meeting'));
    } finally {
      setBusy(null);
    }
  }
  const mark = (
    m: AttendanceMemberView,
    status: AttendanceStatus,
    why: string | null,
    late = false,
  ) => void run(m.memberId, () => meetingApi.mark(meeting.id, m.memberId, status, why, late));
  const running = meta?.lifecycle === 'open' || meta?.lifecycle === 'paused';

  return (
    <section className="chair-attendance" aria-labelledby="chair-attendance-title">
      <h2 id="chair-attendance-title">{t('meeting.roster.title')}</h2>
      {error && (
        <p className="lifecycle__error" role="alert">
          {error}
        </p>
      )}
      <table className="chair-attendance__table">
        <thead>
          <tr>
            <th scope="col">{t('meeting.roster.member')}</th>
            <th scope="col">{t('meeting.roster.status')}</th>
            <th scope="col" aria-label={t('meeting.roster.status')} />
          </tr>
        </thead>
        <tbody>
          {view.members.map((m) => {
            const name = memberName(members, m.memberId);
            const online = connected.has(m.memberId);
            const admitted = openPoll?.eligible.includes(m.memberId) ?? false;
            return (
              <tr key={m.memberId} data-member={m.memberId} data-status={m.status}>
                <th scope="row">
                  <span
                    className={`chair-attendance__dot chair-attendance__dot--${online ? 'on' : 'off'}`}
                    title={t(online ? 'meeting.roster.connected' : 'meeting.roster.offline')}
                    aria-label={t(online ? 'meeting.roster.connected' : 'meeting.roster.offline')}
                    role="img"
                  />
                  {name}
                  <span className="attendance__role">{t(`attendance.role.${m.role}`)}</span>
                </th>
                <td>
                  <span
                    className={`chair-attendance__status chair-attendance__status--${m.status}`}
                  >
                    {t(`meeting.roster.${m.status}`)}
                  </span>
                  {m.late && m.arrivedAt && (
                    <span className="chair-attendance__note">
                      {t('meeting.roster.late', { time: clock(m.arrivedAt, i18n.language) })}
                    </span>
                  )}
                  {m.leftAt && (
                    <span className="chair-attendance__note">
                      {t('meeting.roster.left', { time: clock(m.leftAt, i18n.language) })}
                    </span>
                  )}
                  {m.reason && <span className="chair-attendance__reason">{m.reason}</span>}
                </td>
                <td className="chair-attendance__actions">
                  {mayMark && m.status !== 'present' && (
                    <button
                      type="button"
                      className="secondary"
                      disabled={busy !== null}
                      onClick={() => mark(m, 'present', null)}
                    >
                      {t('meeting.roster.markPresent')}
                    </button>
                  )}
                  {mayMark && running && m.status !== 'present' && (
                    <button
                      type="button"
                      className="secondary"
                      disabled={busy !== null}
                      onClick={() => mark(m, 'present', null, true)}
                    >
                      {t('meeting.roster.markLate')}
                    </button>
                  )}
                  {mayMark && m.status !== 'absent' && (
                    <button
                      type="button"
                      className="secondary"
                      disabled={busy !== null}
                      onClick={() => setReasonFor({ memberId: m.memberId, status: 'absent' })}
                    >
                      {t('meeting.roster.markAbsent')}
                    </button>
                  )}
                  {mayMark && m.status !== 'excused' && (
                    <button
                      type="button"
                      className="secondary"
                      disabled={busy !== null}
                      onClick={() => setReasonFor({ memberId: m.memberId, status: 'excused' })}
                    >
                      {t('meeting.roster.markExcused')}
                    </button>
                  )}
                  {openPoll && m.votes && m.status === 'present' && !admitted && (
                    <button
                      type="button"
                      className="primary"
                      disabled={busy !== null}
                      onClick={() =>
                        void run(m.memberId, () =>
                          meetingApi.admit(meeting.id, openPoll.id, m.memberId),
                        )
                      }
                    >
                      {t('meeting.roster.admit')}
                    </button>
                  )}
                  {reasonFor?.memberId === m.memberId && (
                    <form
                      className="chair-attendance__reason-form"
                      onSubmit={(e) => {
                        e.preventDefault();
                        mark(m, reasonFor.status, reason);
                      }}
                    >
                      <input
                        value={reason}
                        maxLength={300}
                        placeholder={t('meeting.roster.reason')}
                        aria-label={t('meeting.roster.reasonFor', { name })}
                        onChange={(e) => setReason(e.target.value)}
                      />
                      <button type="submit" className="primary" disabled={busy !== null}>
                        {t('meeting.roster.save')}
                      </button>
                      <button
                        type="button"
                        className="secondary"
                        onClick={() => setReasonFor(null)}
                      >
                        {t('meeting.cancel')}
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
