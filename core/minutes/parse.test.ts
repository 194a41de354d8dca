import { describe, expect, it } from 'vitest';
import { MinutesError } from './errors';
import { parseMinutesData, parseRichText } from './parse';
import { sampleMinutes } from './testing';

function codeOf(input: unknown): string | undefined {
  try {
    parseMinutesData(input);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(MinutesError);
    return (error as MinutesError).code;
  }
}

const valid = sampleMinutes() as unknown as Record<string, unknown>;

describe('parseMinutesData', () => {
  it('accepts the sample meeting and keeps Vietnamese names as NFC text', () => {
    const decomposed = { ...valid, secretary: { name: 'Nguyễn Tiến Sỹ'.normalize('NFD') } };
    const data = parseMinutesData(decomposed);
    expect(data.secretary.name).toBe('Nguyễn Tiến Sỹ');
    expect(data.secretary.name).toBe(data.secretary.name.normalize('NFC'));
    expect(data.attendance).toHaveLength(7);
    expect(data.votes[0]?.options.map((o) => o.label)).toEqual([
      'Tán thành',
      'Không tán thành',
      'Không biểu quyết',
    ]);
  });

  it('takes plain ISO strings for times and defaults the zone to Vietnam (+07:00)', () => {
    const data = parseMinutesData({
      ...valid,
      startsAt: '2026-11-28T01:30:00Z',
      endsAt: '2026-11-28T04:00:00.000Z',
    });
    expect(data.startsAt).toEqual({ iso: '2026-11-28T01:30:00.000Z', utcOffsetMinutes: 420 });
  });

  it.each([
    ['not an object', 'text', 'minutes-not-object'],
    ['missing organisation', { ...valid, organisation: undefined }, 'minutes-field-missing'],
    ['blank meeting title', { ...valid, meetingTitle: '   ' }, 'minutes-field-missing'],
    ['number as place', { ...valid, place: 42 }, 'minutes-field-invalid'],
    [
      'control character in a name',
      { ...valid, chair: { name: 'Trần\u0007' } },
      'minutes-field-invalid',
    ],
    ['newline in a title', { ...valid, meetingTitle: 'a\nb' }, 'minutes-field-invalid'],
    ['very long title', { ...valid, meetingTitle: 'x'.repeat(501) }, 'minutes-text-too-long'],
    ['bad start time', { ...valid, startsAt: 'hôm qua' }, 'minutes-time-invalid'],
    [
      'offset out of range',
      { ...valid, startsAt: { iso: '2026-11-28T01:30:00Z', utcOffsetMinutes: 2000 } },
      'minutes-time-invalid',
    ],
    ['ends before it starts', { ...valid, endsAt: '2026-11-27T01:30:00Z' }, 'minutes-time-order'],
    [
      'attendee without present flag',
      { ...valid, attendance: [{ name: 'Lê Văn Dũng', role: 'x' }] },
      'minutes-field-missing',
    ],
    [
      'unknown block type',
      { ...valid, items: [{ title: 'A', discussion: [{ type: 'image' }] }] },
      'minutes-rich-text-invalid',
    ],
    [
      'heading level 4',
      { ...valid, items: [{ title: 'A', discussion: [{ type: 'heading', level: 4, runs: [] }] }] },
      'minutes-rich-text-invalid',
    ],
    [
      'bold that is not a boolean',
      {
        ...valid,
        items: [
          { title: 'A', decisions: [{ type: 'paragraph', runs: [{ text: 'x', bold: 'yes' }] }] },
        ],
      },
      'minutes-field-invalid',
    ],
    [
      'vote kind',
      { ...valid, votes: [{ ...sampleMinutes().votes[0], kind: 'open' }] },
      'minutes-vote-invalid',
    ],
    [
      'negative count',
      { ...valid, votes: [{ ...sampleMinutes().votes[0], cast: -1 }] },
      'minutes-vote-invalid',
    ],
    [
      'more cast than eligible',
      { ...valid, votes: [{ ...sampleMinutes().votes[0], cast: 9, eligible: 7 }] },
      'minutes-vote-invalid',
    ],
    [
      'percent above 100',
      {
        ...valid,
        votes: [{ ...sampleMinutes().votes[0], options: [{ label: 'A', count: 1, percent: 101 }] }],
      },
      'minutes-vote-invalid',
    ],
    [
      'no options',
      { ...valid, votes: [{ ...sampleMinutes().votes[0], options: [] }] },
      'minutes-vote-invalid',
    ],
  ])('rejects %s with a stable code', (_name, input, code) => {
    expect(codeOf(input)).toBe(code);
  });

  it('names the offending field in the message', () => {
    expect(() => parseMinutesData({ ...valid, items: [{ title: 'A' }, { title: '' }] })).toThrow(
      /items\[1\]\.title/,
    );
  });
});

describe('parseRichText', () => {
  it('turns plain text into paragraphs at blank lines and keeps single newlines', () => {
    expect(parseRichText('Dòng một\nDòng hai\n\n  Đoạn hai  ', 'x')).toEqual([
      { type: 'paragraph', runs: [{ text: 'Dòng một\nDòng hai' }] },
      { type: 'paragraph', runs: [{ text: 'Đoạn hai' }] },
    ]);
  });

  it('keeps headings, lists and styled runs', () => {
    const text = [
      { type: 'heading', level: 2, runs: [{ text: 'Ý kiến' }] },
      { type: 'list', ordered: true, items: [[{ text: 'một', bold: true }], 'hai'] },
    ];
    expect(parseRichText(text, 'x')).toEqual([
      { type: 'heading', level: 2, runs: [{ text: 'Ý kiến' }] },
      { type: 'list', ordered: true, items: [[{ text: 'một', bold: true }], [{ text: 'hai' }]] },
    ]);
  });
});
