import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canStep, type LifecycleEventKind } from '../../../core/meeting/lifecycle';
import { useControlPart } from '../collab/MeetingDocsContext';
import { errorMessage } from '../i18n/error-message';
import { useRoom } from '../room-context/RoomContext';
import { clock, meetingApi } from './api';
import './meeting.css';

interface Props {
  /** The item this member is looking at (undefined on the overview or the minutes). */
  viewingItemId: string | undefined;
  onShowItem: (itemId: string) => void;
  /** Back to the room's overview; absent while it is shown. */
  onShowOverview?: () => void;
}

const STEPS: readonly LifecycleEventKind[] = ['open', 'pause', 'resume', 'close'];

/**
 * The meeting's state for everyone, the chair's khai mạc / tạm dừng / tiếp tục / bế mạc (bế mạc
 * asks first), and the current item: "về mục hiện tại" for whoever browses elsewhere, "đặt làm
 * mục hiện tại" for the chair.
 */
export function LifecycleBar({ viewingItemId, onShowItem, onShowOverview }: Props) {
  const { t, i18n } = useTranslation();
  const { meeting, may } = useRoom();
  const meta = useControlPart('meta');
  const agenda = useControlPart('agenda') ?? meeting.agenda;
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!meta) return null;
  const runs = may('meeting.run');
  const state = meta.lifecycle;
  const current = agenda.find((i) => i.id === meta.currentItemId);
  const currentIndex = current ? agenda.indexOf(current) + 1 : 0;

  async function run(action: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(errorMessage(t, e, 'meeting'));
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  }
  const step = (kind: LifecycleEventKind) => {
    if (kind === 'close' && !confirming) return setConfirming(true);
    void run(() => meetingApi.step(meeting.id, kind));
  };
  const when =
    state === 'closed'
      ? t('meeting.closedAt', { time: clock(meta.closedAt, i18n.language) })
      : meta.openedAt
        ? t('meeting.openedAt', { time: clock(meta.openedAt, i18n.language) })
        : '';

  return (
    <section className="lifecycle" aria-label={t('meeting.bar')}>
      <span className={`lifecycle__state lifecycle__state--${state}`} data-lifecycle={state}>
        {t(`meeting.state.${state}`)}
      </span>
      {when && <span className="muted lifecycle__when">{when}</span>}
      {current && (
        <span className="lifecycle__current">
          {t('meeting.current')}: <strong>{`${currentIndex}. ${current.title}`}</strong>
        </span>
      )}
      {onShowOverview && (
        <button type="button" className="link-button" onClick={onShowOverview}>
          {t('meeting.overview')}
        </button>
      )}
      {current && viewingItemId !== current.id && (
        <button type="button" className="secondary" onClick={() => onShowItem(current.id)}>
          {t('meeting.toCurrent')}
        </button>
      )}
      {runs &&
        viewingItemId !== undefined &&
        viewingItemId !== meta.currentItemId &&
        (state === 'open' || state === 'paused') && (
          <button
            type="button"
            className="secondary"
            disabled={busy}
            onClick={() => void run(() => meetingApi.setCurrentItem(meeting.id, viewingItemId))}
          >
            {t('meeting.makeCurrent')}
          </button>
        )}
      {runs && (
        <span className="lifecycle__steps">
          {STEPS.filter((s) => canStep(state, s)).map((s) => (
            <button
              key={s}
              type="button"
              className={s === 'open' || s === 'resume' ? 'primary' : 'secondary'}
              disabled={busy}
              onClick={() => step(s)}
            >
              {busy ? t('meeting.busy') : t(`meeting.step.${s}`)}
            </button>
          ))}
        </span>
      )}
      {confirming && (
        <span
          className="lifecycle__confirm"
          role="alertdialog"
          aria-label={t('meeting.step.close')}
        >
          <span>{t('meeting.confirmClose')}</span>
          <button type="button" className="primary" disabled={busy} onClick={() => step('close')}>
            {t('meeting.confirm')}
          </button>
          <button type="button" className="secondary" onClick={() => setConfirming(false)}>
            {t('meeting.cancel')}
          </button>
        </span>
      )}
      {error && (
        <p className="lifecycle__error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
