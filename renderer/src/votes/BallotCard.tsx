import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PollView } from '../../../core/api/votes';
import type { PollOption } from '../../../core/votes/poll';
import type { MessageKey } from '../i18n/catalog';
import { errorMessageKey } from '../i18n/error-message';
import { useRoom } from '../room-context/RoomContext';
import { votesApi } from './api';
import { message, optionLabel } from './labels';

/** What the member's own ballot is known to be: unknown until asked, null choice when secret. */
type Recorded = { pollId: string; optionId: string | null };

type Step = { kind: 'choose' } | { kind: 'confirm'; option: PollOption } | { kind: 'sending' };

function toneOf(optionId: string): string {
  return optionId === 'for' || optionId === 'against' || optionId === 'abstain'
    ? optionId
    : 'other';
}

/** The member's recorded choice: from the cast answer, else asked of the server once voted. */
function useRecorded(meetingId: string, poll: PollView, voted: boolean) {
  const [recorded, setRecorded] = useState<Recorded | null>(null);
  const known = recorded?.pollId === poll.id;
  useEffect(() => {
    if (!voted || known) return;
    const controller = new AbortController();
    votesApi.myBallot(meetingId, poll.id, controller.signal).then(
      (mine) => setRecorded({ pollId: poll.id, optionId: mine.optionId }),
      () => undefined,
    );
    return () => controller.abort();
  }, [meetingId, poll.id, voted, known]);
  return [known ? recorded : null, setRecorded] as const;
}

/**
 * Whether the member has voted in a secret poll, which the room does not show while it is
 * open (only the count moves): asked of the server, again whenever the poll changes state or
 * the count moves (a ballot from the member's other window counts too). Null until answered.
 */
function useVotedInSecret(meetingId: string, poll: PollView, skip: boolean): boolean | null {
  const [asked, setAsked] = useState<{ key: string; voted: boolean } | null>(null);
  const secret = poll.kind === 'secret';
  const key = `${poll.id}/${poll.state}/${poll.ballotsCast}`;
  useEffect(() => {
    if (!secret || skip) return;
    const controller = new AbortController();
    votesApi.myBallot(meetingId, poll.id, controller.signal).then(
      (mine) => setAsked({ key, voted: mine.voted }),
      () => undefined,
    );
    return () => controller.abort();
  }, [meetingId, poll.id, secret, skip, key]);
  // An answer for an older count stands until the new one comes: the choices do not flicker.
  return asked !== null && asked.key.startsWith(`${poll.id}/`) ? asked.voted : null;
}

/**
 * The ballot of an open poll, shown at the top of the room wherever the member is: large
 * buttons, a confirmation, then the recorded choice (changeable when the poll allows it).
 */
export function BallotCard({ poll }: { poll: PollView }) {
  const { t } = useTranslation();
  const { meeting, session } = useRoom();
  const me = session.member.id;
  const eligible = poll.eligible.includes(me);
  const [castHere, setCastHere] = useState<string | null>(null);
  const votedInSecret = useVotedInSecret(meeting.id, poll, !eligible || castHere === poll.id);
  // A named poll's roll is public and live; a secret one's is not shown until it closes.
  const voted =
    poll.kind === 'named'
      ? poll.voters.includes(me)
      : castHere === poll.id || votedInSecret === true;
  const checking = poll.kind === 'secret' && castHere !== poll.id && votedInSecret === null;
  // A secret ballot's choice is never given back: only a named one is asked for.
  const [recorded, setRecorded] = useRecorded(meeting.id, poll, voted && poll.kind === 'named');
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const [changing, setChanging] = useState(false);
  const [error, setError] = useState<MessageKey | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const titleId = `ballot-${poll.id}`;

  // A poll that just opened takes the member's attention (and the screen reader's) at once.
  useEffect(() => {
    if (eligible && !voted) headingRef.current?.focus();
    // Only on the card's first appearance, not on every ballot that arrives.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [poll.id]);
  useEffect(() => {
    if (step.kind === 'confirm') confirmRef.current?.focus();
  }, [step]);

  async function cast(option: PollOption) {
    setStep({ kind: 'sending' });
    setError(null);
    try {
      const answer = await votesApi.cast(meeting.id, poll.id, option.id);
      setRecorded({ pollId: poll.id, optionId: answer.optionId });
      setCastHere(poll.id);
      setChanging(false);
    } catch (e) {
      setError(errorMessageKey(e, 'votes'));
    }
    setStep({ kind: 'choose' });
  }

  const chosen = poll.options.find((o) => o.id === recorded?.optionId);
  const showChoices = eligible && (!voted || changing);

  return (
    <section
      className={`ballot${eligible ? '' : ' ballot--quiet'}`}
      role="alertdialog"
      aria-modal="false"
      aria-labelledby={titleId}
    >
      <p className="ballot__eyebrow">
        <span className="ballot__pulse" aria-hidden="true" />
        {t('votes.ballot.announce')} · {t(`votes.kind.${poll.kind}`)}
      </p>
      <h2 id={titleId} className="ballot__title" ref={headingRef} tabIndex={-1}>
        {poll.title}
      </h2>
      {!eligible ? (
        <p className="ballot__notice">{t('votes.ballot.notEligible')}</p>
      ) : step.kind === 'confirm' ? (
        <div className={`ballot__confirm ballot__confirm--${toneOf(step.option.id)}`}>
          <p className="ballot__question">
            {t('votes.ballot.confirm', { option: optionLabel(t, step.option) })}
          </p>
          <div className="ballot__confirm-actions">
            <button
              ref={confirmRef}
              type="button"
              className="ballot__yes"
              onClick={() => void cast(step.option)}
            >
              {t('votes.ballot.confirmYes')}
            </button>
            <button
              type="button"
              className="ballot__no"
              onClick={() => setStep({ kind: 'choose' })}
            >
              {t('votes.ballot.confirmNo')}
            </button>
          </div>
        </div>
      ) : step.kind === 'sending' ? (
        <p className="ballot__question" role="status">
          {t('votes.ballot.sending')}
        </p>
      ) : checking ? (
        <p className="ballot__question" role="status">
          {t('votes.ballot.checking')}
        </p>
      ) : showChoices ? (
        <>
          <p className="ballot__prompt">{t('votes.ballot.prompt')}</p>
          <div className="ballot__options">
            {poll.options.map((option) => (
              <button
                key={option.id}
                type="button"
                className={`ballot__option ballot__option--${toneOf(option.id)}`}
                aria-pressed={changing && option.id === recorded?.optionId}
                onClick={() => setStep({ kind: 'confirm', option })}
              >
                {optionLabel(t, option)}
              </button>
            ))}
          </div>
          {changing && (
            <button type="button" className="link-button" onClick={() => setChanging(false)}>
              {t('votes.ballot.keep')}
            </button>
          )}
        </>
      ) : (
        <div className="ballot__recorded" role="status">
          {poll.kind === 'secret' ? (
            <p>{t('votes.ballot.recordedSecret')}</p>
          ) : (
            <p>
              {t('votes.ballot.recorded')}{' '}
              {chosen && (
                <strong className={`ballot__choice ballot__choice--${toneOf(chosen.id)}`}>
                  {optionLabel(t, chosen)}
                </strong>
              )}
            </p>
          )}
          {poll.allowChange && (
            <button type="button" className="secondary" onClick={() => setChanging(true)}>
              {t('votes.ballot.change')}
            </button>
          )}
        </div>
      )}
      {error && (
        <p className="votes-error" role="alert">
          {message(t, error)}
        </p>
      )}
      <p className="ballot__progress">
        {t('votes.ballot.progress', { voted: poll.ballotsCast, eligible: poll.eligible.length })}
      </p>
    </section>
  );
}
