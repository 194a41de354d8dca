import { describe, expect, it } from 'vitest';
import { VoteError, type VoteErrorCode } from './errors';
import { createPoll, defaultOptions, parsePollDraft, quorumFor } from './poll';

function errorCode(fn: () => unknown): VoteErrorCode | 'no error' {
  try {
    fn();
  } catch (error) {
    if (error instanceof VoteError) return error.code;
    throw error;
  }
  return 'no error';
}

const minimal = { agendaItemId: 'item-1', title: 'Thông qua Nghị quyết về ngân sách' };

describe('parsePollDraft', () => {
  it('fills in the National Assembly defaults', () => {
    expect(parsePollDraft(minimal)).toEqual({
      agendaItemId: 'item-1',
      title: 'Thông qua Nghị quyết về ngân sách',
      kind: 'named',
      options: [
        { id: 'for', label: 'Tán thành', labelKey: 'votes.option.for' },
        { id: 'against', label: 'Không tán thành', labelKey: 'votes.option.against' },
        { id: 'abstain', label: 'Không biểu quyết', labelKey: 'votes.option.abstain' },
      ],
      rule: 'absolute',
      base: 'members',
      quorum: 0,
      allowChange: false,
    });
  });

  it('keeps a full custom draft, trimming and NFC-normalising text', () => {
    const decomposed = 'Nguye\u0302\u0303n Tie\u0302\u0301n Sy\u0303'; // combining marks
    const draft = parsePollDraft({
      ...minimal,
      title: '  Bầu Trưởng ban  ',
      kind: 'secret',
      options: [
        { id: 'cand-1', label: ` ${decomposed} ` },
        { id: 'cand_2', label: 'Trần Thị Bình' },
        { id: 'abstain', label: 'Không biểu quyết', labelKey: 'votes.option.abstain' },
      ],
      rule: 'two-thirds',
      base: 'present',
      quorum: 20,
      allowChange: false,
    });
    expect(draft.title).toBe('Bầu Trưởng ban');
    expect(draft.options[0]).toEqual({ id: 'cand-1', label: 'Nguyễn Tiến Sỹ' });
    expect(draft.options[0]?.label).toBe('Nguyễn Tiến Sỹ'.normalize('NFC'));
    expect(draft).toMatchObject({
      kind: 'secret',
      rule: 'two-thirds',
      base: 'present',
      quorum: 20,
    });
  });

  it('allows changes on a named poll', () => {
    expect(parsePollDraft({ ...minimal, allowChange: true }).allowChange).toBe(true);
  });

  it('returns fresh default options each time', () => {
    const a = parsePollDraft(minimal);
    a.options.pop();
    expect(parsePollDraft(minimal).options).toHaveLength(3);
    expect(defaultOptions()).toHaveLength(3);
  });

  const opt = (id: unknown, label: unknown = 'X') => ({ id, label });
  const refusals: [string, unknown, VoteErrorCode][] = [
    ['null', null, 'bad-draft'],
    ['a string', 'poll', 'bad-draft'],
    ['an array', [minimal], 'bad-draft'],
    ['a misspelt field', { ...minimal, alowChange: true }, 'unknown-field'],
    ['no title', { agendaItemId: 'item-1' }, 'bad-title'],
    ['a blank title', { ...minimal, title: '   ' }, 'bad-title'],
    ['a numeric title', { ...minimal, title: 7 }, 'bad-title'],
    ['a 301-character title', { ...minimal, title: 'a'.repeat(301) }, 'bad-title'],
    ['no agenda item', { title: 'T' }, 'bad-agenda-item'],
    ['a blank agenda item', { ...minimal, agendaItemId: ' ' }, 'bad-agenda-item'],
    ['an unknown kind', { ...minimal, kind: 'open' }, 'unknown-kind'],
    ['options not a list', { ...minimal, options: { for: 'Yes' } }, 'bad-options'],
    ['an option not an object', { ...minimal, options: ['a', 'b'] }, 'bad-options'],
    ['one option', { ...minimal, options: [opt('a')] }, 'too-few-options'],
    ['no options', { ...minimal, options: [] }, 'too-few-options'],
    [
      '51 options',
      { ...minimal, options: Array.from({ length: 51 }, (_, i) => opt(`o${i}`)) },
      'too-many-options',
    ],
    ['an option without id', { ...minimal, options: [opt(undefined), opt('b')] }, 'bad-option-id'],
    [
      'an option id __proto__',
      { ...minimal, options: [opt('__proto__'), opt('b')] },
      'bad-option-id',
    ],
    ['an option id with a space', { ...minimal, options: [opt('a b'), opt('b')] }, 'bad-option-id'],
    ['a blank label', { ...minimal, options: [opt('a', ' '), opt('b')] }, 'bad-option-label'],
    ['a missing label', { ...minimal, options: [{ id: 'a' }, opt('b')] }, 'bad-option-label'],
    [
      'a bad labelKey',
      { ...minimal, options: [{ id: 'a', label: 'A', labelKey: 'has space' }, opt('b')] },
      'bad-option-label',
    ],
    [
      'an unknown option field',
      { ...minimal, options: [{ id: 'a', label: 'A', colour: 'red' }, opt('b')] },
      'unknown-field',
    ],
    [
      'duplicate option ids',
      { ...minimal, options: [opt('a'), opt('a', 'Y')] },
      'duplicate-option',
    ],
    ['an unknown rule', { ...minimal, rule: 'unanimous' }, 'unknown-rule'],
    ['an unknown base', { ...minimal, base: 'voters' }, 'unknown-base'],
    ['a negative quorum', { ...minimal, quorum: -1 }, 'bad-quorum'],
    ['a fractional quorum', { ...minimal, quorum: 0.5 }, 'bad-quorum'],
    ['a string quorum', { ...minimal, quorum: '10' }, 'bad-quorum'],
    ['a NaN quorum', { ...minimal, quorum: Number.NaN }, 'bad-quorum'],
    ['allowChange as a string', { ...minimal, allowChange: 'yes' }, 'bad-allow-change'],
    [
      'a secret poll allowing changes',
      { ...minimal, kind: 'secret', allowChange: true },
      'secret-change-not-allowed',
    ],
  ];
  it.each(refusals)('refuses %s', (_name, input, code) => {
    expect(errorCode(() => parsePollDraft(input))).toBe(code);
  });

  it('gives refusals a message and the VoteError name', () => {
    try {
      parsePollDraft({ ...minimal, rule: 'unanimous' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(VoteError);
      expect((error as VoteError).name).toBe('VoteError');
      expect((error as VoteError).message).toMatch(/simple, absolute, two-thirds/);
    }
  });
});

describe('createPoll', () => {
  const draft = parsePollDraft(minimal);

  it('creates a draft poll that survives JSON', () => {
    const poll = createPoll(draft, 'poll-1', 1_700_000_000_000);
    expect(poll).toMatchObject({ id: 'poll-1', state: 'draft', createdAt: 1_700_000_000_000 });
    expect(poll.eligible).toBeUndefined();
    expect(JSON.parse(JSON.stringify(poll))).toEqual(poll);
  });

  it('does not share option objects with the draft', () => {
    const poll = createPoll(draft, 'poll-1', 0);
    expect(poll.options).not.toBe(draft.options);
    expect(poll.options[0]).not.toBe(draft.options[0]);
  });

  it.each<[string, string, number, VoteErrorCode]>([
    ['an empty id', '', 0, 'bad-poll-id'],
    ['a NaN time', 'p', Number.NaN, 'bad-time'],
    ['a negative time', 'p', -1, 'bad-time'],
  ])('refuses %s', (_name, id, now, code) => {
    expect(errorCode(() => createPoll(draft, id, now))).toBe(code);
  });
});

describe('quorumFor', () => {
  it.each<[number, number, number, 'at-least' | 'more-than', number]>([
    [30, 2, 3, 'at-least', 20],
    [31, 2, 3, 'at-least', 21],
    [29, 2, 3, 'at-least', 20],
    [30, 1, 2, 'more-than', 16],
    [31, 1, 2, 'more-than', 16],
    [30, 1, 2, 'at-least', 15],
    [499, 2, 3, 'at-least', 333],
    [0, 1, 2, 'at-least', 0],
  ])('%i members, %i/%i %s → %i', (members, num, den, comparison, expected) => {
    expect(quorumFor(members, num, den, comparison)).toBe(expected);
  });

  it.each<[number, number, number]>([
    [30, 1, 0],
    [30, 3, 2],
    [30, 0.5, 1],
    [-1, 1, 2],
  ])('refuses %i members at %s/%s', (members, num, den) => {
    expect(errorCode(() => quorumFor(members, num, den, 'at-least'))).toBe('bad-quorum');
  });
});
