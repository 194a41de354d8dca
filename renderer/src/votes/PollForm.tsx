import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgendaItemSummary } from '../../../core/api/meetings';
import {
  MAJORITY_BASES,
  MAJORITY_RULES,
  quorumFor,
  type MajorityBase,
  type MajorityRule,
  type PollKind,
  type PollOption,
} from '../../../core/votes/poll';
import type { MessageKey } from '../i18n/catalog';
import { errorMessageKey } from '../i18n/error-message';
import { useRoom } from '../room-context/RoomContext';
import { votesApi, type NewPoll } from './api';
import { conditionText, message, motionOf } from './labels';

type QuorumChoice = 'none' | 'half' | 'twoThirds' | 'custom';

interface Props {
  item: AgendaItemSummary;
  /** Voting members of the meeting, for the quorum presets; null until attendance is known. */
  votingMembers: number | null;
  onDone: () => void;
}

/** Custom options, one per line; ids are positional because labels may be any text. */
function customOptions(text: string): PollOption[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((label, index) => ({ id: `o${index + 1}`, label }));
}

/** The chair drafts a poll: prefilled from the agenda item, with the Assembly's defaults. */
export function PollForm({ item, votingMembers, onDone }: Props) {
  const { t } = useTranslation();
  const { meeting } = useRoom();
  const id = useId();
  const [title, setTitle] = useState(item.title);
  const [kind, setKind] = useState<PollKind>('named');
  const [rule, setRule] = useState<MajorityRule>('absolute');
  const [base, setBase] = useState<MajorityBase>('members');
  const [quorumChoice, setQuorumChoice] = useState<QuorumChoice>(
    votingMembers === null ? 'none' : 'twoThirds',
  );
  const [customQuorum, setCustomQuorum] = useState('0');
  const [allowChange, setAllowChange] = useState(false);
  const [custom, setCustom] = useState(false);
  const [optionsText, setOptionsText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<MessageKey | null>(null);

  const members = votingMembers ?? 0;
  const presets = {
    half: quorumFor(members, 1, 2, 'more-than'),
    twoThirds: quorumFor(members, 2, 3, 'at-least'),
  };
  const quorum =
    quorumChoice === 'none'
      ? 0
      : quorumChoice === 'custom'
        ? Number(customQuorum)
        : presets[quorumChoice];

  async function submit(event: FormEvent) {
    event.preventDefault();
    const draft: NewPoll = {
      agendaItemId: item.id,
      title,
      kind,
      rule,
      base,
      quorum,
      allowChange: kind === 'named' && allowChange,
      ...(custom ? { options: customOptions(optionsText) } : {}),
    };
    setBusy(true);
    setError(null);
    try {
      await votesApi.createPoll(meeting.id, draft);
      onDone();
    } catch (e) {
      setError(errorMessageKey(e, 'votes'));
      setBusy(false);
    }
  }

  return (
    <form className="poll-form" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-h`}>
      <h4 id={`${id}-h`}>{t('votes.form.heading')}</h4>
      <label className="poll-form__wide">
        <span>{t('votes.form.title')}</span>
        <input value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={300} />
      </label>
      <fieldset>
        <legend>{t('votes.form.kind')}</legend>
        {(['named', 'secret'] as const).map((k) => (
          <label key={k} className="poll-form__choice">
            <input
              type="radio"
              name={`${id}-kind`}
              checked={kind === k}
              onChange={() => setKind(k)}
            />
            {t(`votes.kind.${k}`)}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('votes.form.options')}</legend>
        <label className="poll-form__choice">
          <input
            type="radio"
            name={`${id}-options`}
            checked={!custom}
            onChange={() => setCustom(false)}
          />
          {t('votes.form.optionsDefault')}
        </label>
        <label className="poll-form__choice">
          <input
            type="radio"
            name={`${id}-options`}
            checked={custom}
            onChange={() => setCustom(true)}
          />
          {t('votes.form.optionsCustom')}
        </label>
        {custom && (
          <label className="poll-form__wide">
            <span>{t('votes.form.optionsList')}</span>
            <textarea
              rows={4}
              value={optionsText}
              onChange={(e) => setOptionsText(e.target.value)}
            />
          </label>
        )}
      </fieldset>
      <label>
        <span>{t('votes.form.rule')}</span>
        <select value={rule} onChange={(e) => setRule(e.target.value as MajorityRule)}>
          {MAJORITY_RULES.map((r) => (
            <option key={r} value={r}>
              {t(`votes.rule.${r}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('votes.form.base')}</span>
        <select value={base} onChange={(e) => setBase(e.target.value as MajorityBase)}>
          {MAJORITY_BASES.map((b) => (
            <option key={b} value={b}>
              {t(`votes.base.${b}`)}
            </option>
          ))}
        </select>
      </label>
      <p className="poll-form__condition poll-form__wide">
        {t('votes.form.condition', {
          condition: conditionText(
            t,
            rule,
            base,
            custom ? motionOf(customOptions(optionsText)) : undefined,
          ),
        })}
      </p>
      <label>
        <span>{t('votes.form.quorum')}</span>
        <select
          value={quorumChoice}
          onChange={(e) => setQuorumChoice(e.target.value as QuorumChoice)}
        >
          <option value="none">{t('votes.quorum.none')}</option>
          {votingMembers !== null && (
            <>
              <option value="half">{t('votes.quorum.half', { count: presets.half })}</option>
              <option value="twoThirds">
                {t('votes.quorum.twoThirds', { count: presets.twoThirds })}
              </option>
            </>
          )}
          <option value="custom">{t('votes.quorum.custom')}</option>
        </select>
      </label>
      {quorumChoice === 'custom' && (
        <label>
          <span>{t('votes.form.quorumCount')}</span>
          <input
            type="number"
            min={0}
            step={1}
            value={customQuorum}
            onChange={(e) => setCustomQuorum(e.target.value)}
          />
        </label>
      )}
      <label className="poll-form__choice poll-form__wide">
        <input
          type="checkbox"
          checked={kind === 'named' && allowChange}
          disabled={kind === 'secret'}
          onChange={(e) => setAllowChange(e.target.checked)}
        />
        {t('votes.form.allowChange')}
        {kind === 'secret' && <span className="muted"> — {t('votes.form.allowChangeSecret')}</span>}
      </label>
      {error && (
        <p className="votes-error poll-form__wide" role="alert">
          {message(t, error)}
        </p>
      )}
      <div className="poll-form__actions poll-form__wide">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('votes.form.busy') : t('votes.form.submit')}
        </button>
        <button type="button" className="secondary" onClick={onDone} disabled={busy}>
          {t('votes.form.cancel')}
        </button>
      </div>
    </form>
  );
}
