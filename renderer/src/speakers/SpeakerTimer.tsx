import { useTranslation } from 'react-i18next';
import type { FloorState } from '../../../core/api/speakers';
import { formatSeconds, readTimer } from '../../../core/speakers/timer';
import { useNow } from './useNow';

/** Who has the floor and their timer (counting down to the limit, then over time in red). */
export function SpeakerTimer({
  floor,
  name,
  large = false,
}: {
  floor: FloorState;
  name: string;
  large?: boolean;
}) {
  const { t } = useTranslation();
  const now = useNow(floor.current !== null);
  if (!floor.current) return null;
  const reading = readTimer(floor.current, floor, now);
  const shown =
    reading.remainingSeconds === null ? reading.elapsedSeconds : reading.remainingSeconds;
  return (
    <div
      className={`speaker-now speaker-now--${reading.phase}${large ? ' speaker-now--large' : ''}`}
      data-testid="speaker-now"
    >
      <span className="speaker-now__label">{t('speakers.speaking')}</span>
      <strong className="speaker-now__name">{name}</strong>
      <span className="speaker-now__kind">({t(`speakers.kind.${floor.current.kind}`)})</span>
      <span
        className="speaker-now__clock"
        role="timer"
        aria-label={t(`speakers.phase.${reading.phase}`)}
      >
        {formatSeconds(shown)}
      </span>
      {reading.phase === 'over' ? (
        <span className="speaker-now__over">{t('speakers.phase.over')}</span>
      ) : null}
    </div>
  );
}
