import { useTranslation } from 'react-i18next';
import type { MeetingMemberView } from '../../../core/api/meetings';
import type { PollResult, PollView } from '../../../core/api/votes';
import { resultTable, type ResultRow } from '../../../core/votes/result-rows';
import { memberName } from '../members/useMembers';
import { conditionText, formatPercent, optionLabel } from './labels';
import './result.css';

interface Props {
  poll: PollView;
  result: PollResult;
  members: ReadonlyMap<string, MeetingMemberView>;
  /** Heading level of the poll title, so the card fits the page's outline. */
  level?: 3 | 4;
  /** False inside the chair's poll card, which already names the poll. */
  titled?: boolean;
}

/** hh:mm in the reader's language and zone (votes sits below meeting in the import tree). */
const clockOf = (at: number, language: string): string =>
  new Date(at).toLocaleTimeString(language === 'vi' ? 'vi-VN' : 'en-GB', {
    hour: '2-digit',
    minute: '2-digit',
  });

/** The share of the base the motion needs, drawn as a marker on the bars; none for simple. */
function thresholdPercent(rule: PollView['rule']): number | null {
  if (rule === 'absolute') return 50;
  if (rule === 'two-thirds') return 200 / 3;
  return null;
}

function toneOf(option: ResultRow, motionOptionId: string): string {
  if (option.kind !== 'option') return 'none';
  if (option.optionId === motionOptionId) return 'for';
  if (option.optionId === 'against') return 'against';
  if (option.optionId === 'abstain') return 'abstain';
  return 'other';
}

/** A poll's result: the verdict first, then the bars, the head counts and (named) who chose what. */
export function ResultView({ poll, result, members, level = 3, titled = true }: Props) {
  const { t, i18n } = useTranslation();
  const { tally } = result;
  // The same rows as the minutes and the exports: they add up to the base, 100 %.
  const rows = resultTable(tally).rows;
  const motion = poll.options.find((o) => o.id === tally.motionOptionId);
  const condition = conditionText(t, tally.rule, tally.base, motion);
  const threshold = thresholdPercent(tally.rule);
  const Title = level === 3 ? 'h3' : 'h4';
  const verdictId = `verdict-${poll.id}`;
  const quorumText =
    tally.quorum === 0
      ? t('votes.result.quorumNone', { present: tally.present })
      : t(tally.quorumMet ? 'votes.result.quorumMet' : 'votes.result.quorumMissed', {
          present: tally.present,
          quorum: tally.quorum,
        });
  const choiceOf = new Map(result.ballots?.map((b) => [b.memberId, b.optionId]) ?? []);
  const admittedAt = new Map(poll.admitted.map((a) => [a.memberId, a.at]));
  const labelOf = new Map(poll.options.map((o) => [o.id, optionLabel(t, o)]));
  const roll = [...poll.eligible].sort((a, b) =>
    memberName(members, a).localeCompare(memberName(members, b), 'vi'),
  );

  const body = (
    <>
      <div
        id={verdictId}
        className={`verdict verdict--${tally.passed ? 'passed' : 'failed'}`}
        data-testid="verdict"
      >
        <span className="verdict__mark" aria-hidden="true">
          {tally.passed ? '✓' : '✗'}
        </span>
        <span className="verdict__text">
          <strong className="verdict__word">
            {t(tally.passed ? 'votes.result.passed' : 'votes.result.failed')}
          </strong>
          <span className="verdict__why">
            {t(`votes.outcome.${tally.outcome}`, {
              condition,
              present: tally.present,
              quorum: tally.quorum,
            })}
          </span>
        </span>
      </div>
      <div className="result__body">
        <div className="result__chart">
          <table className="bars" aria-label={t('votes.result.chart')}>
            <tbody>
              {rows.map((row) => (
                <tr
                  key={row.optionId ?? row.kind}
                  className={`bar bar--${toneOf(row, tally.motionOptionId)}`}
                  data-row={row.kind}
                >
                  <th scope="row" className="bar__label">
                    {row.kind === 'option'
                      ? optionLabel(t, { label: row.label, labelKey: row.labelKey })
                      : t(row.kind === 'absent' ? 'votes.row.absent' : 'votes.row.notVoted')}
                  </th>
                  <td className="bar__cell">
                    <div className="bar__track">
                      <div
                        className="bar__fill"
                        style={{ width: `${Math.min(100, row.percent ?? 0)}%` }}
                      />
                      {threshold !== null && (
                        <div className="bar__threshold" style={{ left: `${threshold}%` }} />
                      )}
                    </div>
                  </td>
                  <td className="bar__count">
                    <strong>{row.count}</strong>
                  </td>
                  <td
                    className="bar__percent"
                    title={row.percent === null ? t('votes.row.outsideBase') : undefined}
                  >
                    {row.percent === null ? '—' : formatPercent(row.percent, i18n.language)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {tally.rule !== 'simple' && (
            <p className="bars__legend">
              <span className="bars__legend-line" aria-hidden="true" />
              {t(`votes.result.threshold.${tally.rule}`)}
            </p>
          )}
          <dl className="result__facts">
            <div>
              <dt>{t('votes.result.cast')}</dt>
              <dd>{t('votes.result.castValue', { cast: tally.cast, eligible: tally.eligible })}</dd>
            </div>
            <div>
              <dt>{t('votes.result.base')}</dt>
              <dd>
                {t('votes.result.baseValue', {
                  base: t(`votes.base.${tally.base}`),
                  count: tally.baseCount,
                })}
              </dd>
            </div>
            <div>
              <dt>{t('votes.result.quorum')}</dt>
              <dd className={tally.quorumMet ? 'result__ok' : 'result__bad'}>{quorumText}</dd>
            </div>
            <div>
              <dt>{t('votes.summary.condition')}</dt>
              <dd>{condition}</dd>
            </div>
          </dl>
        </div>
        {result.ballots ? (
          <table className="roll">
            <caption>{t('votes.result.choices')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('votes.result.member')}</th>
                <th scope="col">{t('votes.result.choice')}</th>
              </tr>
            </thead>
            <tbody>
              {roll.map((memberId) => {
                const choice = choiceOf.get(memberId);
                return (
                  <tr key={memberId} data-choice={choice ?? 'none'}>
                    <td>
                      {memberName(members, memberId)}
                      {admittedAt.has(memberId) && (
                        <span className="roll__admitted">
                          {t('votes.result.admittedLate', {
                            time: clockOf(admittedAt.get(memberId) ?? 0, i18n.language),
                          })}
                        </span>
                      )}
                    </td>
                    <td className="roll__choice">
                      {choice === undefined
                        ? t('votes.row.notVoted')
                        : (labelOf.get(choice) ?? choice)}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        ) : (
          <p className="result__secret muted">{t('votes.result.secretNote')}</p>
        )}
      </div>
    </>
  );
  if (!titled) return <div className="result result--untitled">{body}</div>;
  return (
    <article className="result" aria-labelledby={`result-${poll.id}`} aria-describedby={verdictId}>
      <header className="result__header">
        <Title id={`result-${poll.id}`} className="result__title">
          {poll.title}
        </Title>
        <span className="result__kind">{t(`votes.kind.${poll.kind}`)}</span>
      </header>
      {body}
    </article>
  );
}
