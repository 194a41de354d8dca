import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  SPEECH_KINDS,
  type FloorManageRequest,
  type FloorState,
  type SpeechKind,
} from '../../../core/api/speakers';
import { allows } from '../../../core/meeting/lifecycle';
import { EMPTY_FLOOR } from '../../../core/speakers/floor';
import { formatSeconds, speakingTotals } from '../../../core/speakers/timer';
import { useControlPart } from '../collab/MeetingDocsContext';
import { errorMessage } from '../i18n/error-message';
import { memberName, useMembers } from '../members/useMembers';
import { useRoom } from '../room-context/RoomContext';
import { floorApi } from './api';
import { SpeakerTimer } from './SpeakerTimer';
import './speakers.css';

/**
 * Đăng ký phát biểu on one agenda item: who has the floor (with the timer), who waits, who
 * spoke; a member asks or withdraws with one tap; the chair orders, accepts a point of order,
 * gives and ends the floor. Every step is the server's to decide (routes-speakers.ts).
 */
export function SpeakersPanel({ itemId }: { itemId: string }) {
  const { t } = useTranslation();
  const { meeting, session, may } = useRoom();
  const floor: FloorState = useControlPart('speakers')?.[itemId] ?? EMPTY_FLOOR;
  const meta = useControlPart('meta');
  const members = useMembers(meeting.id);
  const [kind, setKind] = useState<SpeechKind>('speech');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const state = meta?.lifecycle ?? 'scheduled';
  const me = session.member.id;
  const mine = floor.queue.find((r) => r.memberId === me) ?? null;
  const chair = may('floor.manage');
  const mayAsk = may('floor.request') && allows(state, 'floor.request');
  const name = (id: string) => memberName(members, id);
  // Totals of finished speeches only (the timer shows the current one): no clock read in render.
  const totals = speakingTotals({ ...floor, current: null }, 0);

  async function run(step: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    try {
      await step();
    } catch (e) {
      setError(errorMessage(t, e, 'speakers'));
    } finally {
      setBusy(false);
    }
  }
  const manage = (body: FloorManageRequest) => run(() => floorApi.manage(meeting.id, itemId, body));

  if (!may('floor.request') && !chair && floor.queue.length === 0 && !floor.current) return null;
  return (
    <section className="speakers" aria-labelledby={`speakers-${itemId}`}>
      <h3 id={`speakers-${itemId}`}>{t('speakers.title')}</h3>
      <SpeakerTimer floor={floor} name={floor.current ? name(floor.current.memberId) : ''} />
      {chair && floor.current ? (
        <button
          type="button"
          className="secondary"
          disabled={busy}
          onClick={() => manage({ action: 'stop' })}
        >
          {t('speakers.stop')}
        </button>
      ) : null}

      {mine ? (
        <p className="speakers__mine">
          {t('speakers.yourPlace', {
            place: floor.queue.indexOf(mine) + 1,
            kind: t(`speakers.kind.${mine.kind}`),
          })}{' '}
          <button
            type="button"
            className="secondary"
            disabled={busy}
            onClick={() => run(() => floorApi.withdraw(meeting.id, itemId))}
          >
            {t('speakers.withdraw')}
          </button>
        </p>
      ) : mayAsk && floor.current?.memberId !== me ? (
        <div className="speakers__ask">
          <select
            aria-label={t('speakers.kindLabel')}
            value={kind}
            onChange={(e) => setKind(e.target.value as SpeechKind)}
          >
            {SPEECH_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`speakers.kind.${k}`)}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="primary"
            disabled={busy}
            onClick={() => run(() => floorApi.ask(meeting.id, itemId, kind))}
          >
            {t('speakers.ask')}
          </button>
        </div>
      ) : null}

      {floor.queue.length > 0 ? (
        <>
          <h4>{t('speakers.waiting', { count: floor.queue.length })}</h4>
          <ol className="speakers__queue" aria-label={t('speakers.queue')}>
            {floor.queue.map((r, i) => (
              <li key={r.id} className={r.kind === 'point-of-order' ? 'speakers__poo' : undefined}>
                <span className="speakers__place">{i + 1}.</span>
                <span className="speakers__who">{name(r.memberId)}</span>
                <span className="speakers__kind">
                  {t(`speakers.kind.${r.kind}`)}
                  {r.accepted ? ` · ${t('speakers.accepted')}` : ''}
                </span>
                {chair ? (
                  <span className="speakers__actions">
                    <button
                      type="button"
                      className="secondary"
                      disabled={busy}
                      onClick={() => manage({ action: 'give', requestId: r.id })}
                    >
                      {t('speakers.give')}
                    </button>
                    {r.kind === 'point-of-order' && !r.accepted ? (
                      <button
                        type="button"
                        className="secondary"
                        disabled={busy}
                        onClick={() => manage({ action: 'accept', requestId: r.id })}
                      >
                        {t('speakers.accept')}
                      </button>
                    ) : null}
                    <button
                      type="button"
                      className="secondary"
                      disabled={busy || i === 0}
                      aria-label={t('speakers.up', { name: name(r.memberId) })}
                      onClick={() => manage({ action: 'move', requestId: r.id, index: i - 1 })}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      className="secondary"
                      disabled={busy}
                      aria-label={t('speakers.remove', { name: name(r.memberId) })}
                      onClick={() => manage({ action: 'remove', requestId: r.id })}
                    >
                      ✕
                    </button>
                  </span>
                ) : null}
              </li>
            ))}
          </ol>
          {chair && !floor.current ? (
            <button
              type="button"
              className="primary"
              disabled={busy}
              onClick={() => manage({ action: 'give', requestId: null })}
            >
              {t('speakers.next')}
            </button>
          ) : null}
        </>
      ) : null}

      {floor.spoken.length > 0 ? (
        <details className="speakers__spoken">
          <summary>{t('speakers.spoken', { count: floor.spoken.length })}</summary>
          <ol>
            {floor.spoken.map((turn) => (
              <li key={turn.id}>
                {name(turn.memberId)} · {t(`speakers.kind.${turn.kind}`)} ·{' '}
                {formatSeconds(
                  Math.round(((turn.endedAt ?? turn.startedAt) - turn.startedAt) / 1000),
                )}
              </li>
            ))}
          </ol>
          <p className="muted">
            {t('speakers.totals')}:{' '}
            {[...totals].map(([id, s]) => `${name(id)} ${formatSeconds(s)}`).join(', ')}
          </p>
        </details>
      ) : null}
      {error ? (
        <p className="speakers__error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
