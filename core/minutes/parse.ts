/**
 * Validates untrusted minutes input (from the editor, the server or a file) into MinutesData.
 * Text is NFC-normalised so precomposed Vietnamese letters are used (the font has them all and
 * pdf-lib does not position combining marks). Bad input throws MinutesError with a stable code.
 */
import { MinutesError } from './errors';
import type {
  MinutesAgendaItem,
  MinutesAttendee,
  MinutesData,
  MinutesPerson,
  MinutesRecipients,
  MinutesSpeech,
  MinutesTime,
  MinutesVote,
  MinutesVoteRowKind,
  MinutesVoteOption,
  RichBlock,
  RichRun,
  RichText,
  SigningAuthority,
} from './types';
import { isSigningAuthorityKind } from './signature-blocks';

export const VIETNAM_UTC_OFFSET_MINUTES = 420;
const MAX_LINE = 500;
const MAX_TEXT = 200_000;
const MAX_ITEMS = 1000;
const MAX_BLOCKS = 20_000;
/** Control characters other than tab and newline have no place in a printed document. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function field(o: Obj, key: string, path: string): unknown {
  const v = o[key];
  if (v === undefined || v === null)
    throw new MinutesError('minutes-field-missing', 'is required', `${path}${key}`);
  return v;
}

function text(v: unknown, path: string, opts: { max?: number; multiline?: boolean } = {}): string {
  if (typeof v !== 'string') throw new MinutesError('minutes-field-invalid', 'must be text', path);
  const s = v.normalize('NFC').replace(/\r\n?/g, '\n');
  const max = opts.max ?? MAX_LINE;
  if (s.length > max)
    throw new MinutesError('minutes-text-too-long', `must be at most ${max} characters`, path);
  if (CONTROL.test(s) || (!opts.multiline && s.includes('\n')))
    throw new MinutesError('minutes-field-invalid', 'has control characters', path);
  return opts.multiline ? s : s.trim();
}

function requiredText(o: Obj, key: string, path: string): string {
  const s = text(field(o, key, path), `${path}${key}`);
  if (s === '')
    throw new MinutesError('minutes-field-missing', 'must not be empty', `${path}${key}`);
  return s;
}

function optionalText(o: Obj, key: string, path: string): string | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  const s = text(v, `${path}${key}`);
  return s === '' ? undefined : s;
}

function list(v: unknown, path: string, max = MAX_ITEMS): unknown[] {
  if (!Array.isArray(v)) throw new MinutesError('minutes-field-invalid', 'must be a list', path);
  if (v.length > max)
    throw new MinutesError('minutes-text-too-long', `must have at most ${max} entries`, path);
  return v;
}

function object(v: unknown, path: string): Obj {
  if (!isObj(v)) throw new MinutesError('minutes-field-invalid', 'must be an object', path);
  return v;
}

function count(v: unknown, path: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0)
    throw new MinutesError('minutes-vote-invalid', 'must be a whole number ≥ 0', path);
  return v;
}

function flag(v: unknown, path: string): boolean {
  if (typeof v !== 'boolean')
    throw new MinutesError('minutes-field-invalid', 'must be true or false', path);
  return v;
}

/** "2026-11-28T01:30:00Z" or { iso, utcOffsetMinutes }. */
export function parseTime(v: unknown, path: string): MinutesTime {
  const o = typeof v === 'string' ? { iso: v } : object(v, path);
  const iso = o.iso;
  if (
    typeof iso !== 'string' ||
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(iso) ||
    Number.isNaN(Date.parse(iso))
  )
    throw new MinutesError('minutes-time-invalid', 'must be an ISO 8601 date and time', path);
  const offset = o.utcOffsetMinutes ?? VIETNAM_UTC_OFFSET_MINUTES;
  if (typeof offset !== 'number' || !Number.isInteger(offset) || Math.abs(offset) > 14 * 60)
    throw new MinutesError(
      'minutes-time-invalid',
      'utcOffsetMinutes must be whole minutes within ±14 h',
      path,
    );
  return { iso: new Date(iso).toISOString(), utcOffsetMinutes: offset };
}

function person(v: unknown, path: string): MinutesPerson {
  const o = object(v, path);
  const role = optionalText(o, 'role', `${path}.`);
  const authority =
    o.authority === undefined || o.authority === null
      ? undefined
      : signingAuthority(o.authority, `${path}.authority`);
  return {
    name: requiredText(o, 'name', `${path}.`),
    ...(role ? { role } : {}),
    ...(authority ? { authority } : {}),
  };
}

function signingAuthority(v: unknown, path: string): SigningAuthority {
  const o = object(v, path);
  if (!isSigningAuthorityKind(o.kind))
    throw new MinutesError('minutes-field-invalid', 'must be TM, KT, TL or TUQ', `${path}.kind`);
  return { kind: o.kind, onBehalfOf: requiredText(o, 'onBehalfOf', `${path}.`) };
}

/** Absent, or neither a recipient nor an archive line: undefined (no block). */
function recipients(v: unknown, path: string): MinutesRecipients | undefined {
  if (v === undefined || v === null) return undefined;
  const o = object(v, path);
  const to = list(o.to ?? [], `${path}.to`, 50)
    .map((r, i) => text(r, `${path}.to[${i}]`))
    .filter((r) => r !== '');
  const archive = optionalText(o, 'archive', `${path}.`);
  if (to.length === 0 && !archive) return undefined;
  return { to, ...(archive ? { archive } : {}) };
}

function runs(v: unknown, path: string): RichRun[] {
  if (typeof v === 'string') return [{ text: text(v, path, { max: MAX_TEXT, multiline: true }) }];
  return list(v, path, MAX_BLOCKS).map((r, i) => {
    const p = `${path}[${i}]`;
    const o = isObj(r) ? r : undefined;
    if (!o)
      throw new MinutesError(
        'minutes-rich-text-invalid',
        'a run must be { text, bold?, italic? }',
        p,
      );
    const run: { text: string; bold?: boolean; italic?: boolean } = {
      text: text(o.text, `${p}.text`, { max: MAX_TEXT, multiline: true }),
    };
    if (o.bold !== undefined) run.bold = flag(o.bold, `${p}.bold`);
    if (o.italic !== undefined) run.italic = flag(o.italic, `${p}.italic`);
    return run;
  });
}

function block(v: unknown, path: string): RichBlock {
  const o = isObj(v) ? v : undefined;
  switch (o?.type) {
    case 'paragraph':
      return { type: 'paragraph', runs: runs(o.runs, `${path}.runs`) };
    case 'heading': {
      const level = o.level ?? 1;
      if (level !== 1 && level !== 2 && level !== 3)
        throw new MinutesError(
          'minutes-rich-text-invalid',
          'heading level must be 1, 2 or 3',
          `${path}.level`,
        );
      return { type: 'heading', level, runs: runs(o.runs, `${path}.runs`) };
    }
    case 'list':
      return {
        type: 'list',
        ordered: o.ordered === undefined ? false : flag(o.ordered, `${path}.ordered`),
        items: list(o.items, `${path}.items`, MAX_BLOCKS).map((it, i) =>
          runs(it, `${path}.items[${i}]`),
        ),
      };
    default:
      throw new MinutesError(
        'minutes-rich-text-invalid',
        'a block must have type "paragraph", "heading" or "list"',
        path,
      );
  }
}

/** Rich text, or plain text where blank lines separate paragraphs. */
export function parseRichText(v: unknown, path: string): RichText {
  if (v === undefined || v === null) return [];
  if (typeof v === 'string') {
    const all = text(v, path, { max: MAX_TEXT, multiline: true });
    return all
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter((p) => p !== '')
      .map((p) => ({ type: 'paragraph', runs: [{ text: p }] }));
  }
  return list(v, path, MAX_BLOCKS).map((b, i) => block(b, `${path}[${i}]`));
}

function attendee(v: unknown, path: string): MinutesAttendee {
  const o = object(v, path);
  const note = optionalText(o, 'note', `${path}.`);
  return {
    name: requiredText(o, 'name', `${path}.`),
    role: optionalText(o, 'role', `${path}.`) ?? '',
    present: flag(field(o, 'present', `${path}.`), `${path}.present`),
    ...(note ? { note } : {}),
  };
}

const SPEECH_KINDS: readonly MinutesSpeech['kind'][] = ['speech', 'reply', 'point-of-order'];

function speech(v: unknown, path: string): MinutesSpeech {
  const o = object(v, path);
  const kind = field(o, 'kind', `${path}.`);
  if (!(SPEECH_KINDS as readonly unknown[]).includes(kind))
    throw new MinutesError('minutes-field-invalid', 'is not a kind of speech', `${path}.kind`);
  const position = optionalText(o, 'position', `${path}.`);
  return {
    name: requiredText(o, 'name', `${path}.`),
    ...(position ? { position } : {}),
    kind: kind as MinutesSpeech['kind'],
    at: parseTime(field(o, 'at', `${path}.`), `${path}.at`),
  };
}

function item(v: unknown, path: string): MinutesAgendaItem {
  const o = object(v, path);
  const speeches =
    o.speeches === undefined
      ? []
      : list(o.speeches, `${path}.speeches`).map((s, i) => speech(s, `${path}.speeches[${i}]`));
  return {
    title: requiredText(o, 'title', `${path}.`),
    ...(speeches.length > 0 ? { speeches } : {}),
    discussion: parseRichText(o.discussion, `${path}.discussion`),
    decisions: parseRichText(o.decisions, `${path}.decisions`),
  };
}

const ROW_KINDS: readonly MinutesVoteRowKind[] = ['option', 'not-voted', 'absent'];
const isRowKind = (k: unknown): k is MinutesVoteRowKind =>
  typeof k === 'string' && (ROW_KINDS as readonly string[]).includes(k);

function voteOption(v: unknown, path: string): MinutesVoteOption {
  const o = object(v, path);
  const kind = o.kind ?? 'option';
  if (!isRowKind(kind))
    throw new MinutesError(
      'minutes-vote-invalid',
      'kind must be "option", "not-voted" or "absent"',
      `${path}.kind`,
    );
  const percent = o.percent;
  // Only a row outside the base (not voting, on the 'cast' base) has no share.
  const outside = percent === null && kind !== 'option';
  if (
    !outside &&
    (typeof percent !== 'number' || !Number.isFinite(percent) || percent < 0 || percent > 100)
  )
    throw new MinutesError(
      'minutes-vote-invalid',
      'must be a number from 0 to 100',
      `${path}.percent`,
    );
  return {
    label: requiredText(o, 'label', `${path}.`),
    count: count(o.count, `${path}.count`),
    percent: typeof percent === 'number' ? percent : null,
    ...(kind !== 'option' ? { kind } : {}),
  };
}

function vote(v: unknown, path: string): MinutesVote {
  const o = object(v, path);
  const kind = o.kind;
  if (kind !== 'named' && kind !== 'secret')
    throw new MinutesError(
      'minutes-vote-invalid',
      'kind must be "named" or "secret"',
      `${path}.kind`,
    );
  const options = list(field(o, 'options', `${path}.`), `${path}.options`, 52).map((x, i) =>
    voteOption(x, `${path}.options[${i}]`),
  );
  const cancelledReason = optionalText(o, 'cancelledReason', `${path}.`);
  // A poll cancelled before its result was published has no rows to print, only its reason.
  if (options.length === 0 && cancelledReason === undefined)
    throw new MinutesError('minutes-vote-invalid', 'needs at least one option', `${path}.options`);
  const cast = count(o.cast, `${path}.cast`);
  const eligible = count(o.eligible, `${path}.eligible`);
  if (cast > eligible)
    throw new MinutesError(
      'minutes-vote-invalid',
      'more ballots cast than eligible members',
      `${path}.cast`,
    );
  const counted = options.reduce(
    (s, x) => s + ((x.kind ?? 'option') === 'option' ? x.count : 0),
    0,
  );
  if (counted > cast)
    throw new MinutesError(
      'minutes-vote-invalid',
      'option counts add up to more than the ballots cast',
      `${path}.options`,
    );
  return {
    agendaItemTitle: optionalText(o, 'agendaItemTitle', `${path}.`) ?? '',
    title: requiredText(o, 'title', `${path}.`),
    kind,
    options,
    cast,
    eligible,
    baseLabel: requiredText(o, 'baseLabel', `${path}.`),
    quorumMet: flag(field(o, 'quorumMet', `${path}.`), `${path}.quorumMet`),
    passed: flag(field(o, 'passed', `${path}.`), `${path}.passed`),
    ...(cancelledReason !== undefined ? { cancelledReason } : {}),
  };
}

/** Checks and normalises minutes input; throws MinutesError naming the first bad field. */
export function parseMinutesData(input: unknown): MinutesData {
  if (!isObj(input)) throw new MinutesError('minutes-not-object', 'Minutes data must be an object');
  const startsAt = parseTime(field(input, 'startsAt', ''), 'startsAt');
  // No known close: the minutes say nothing about the end (null and absent alike).
  const endsAt =
    input.endsAt === undefined || input.endsAt === null
      ? undefined
      : parseTime(input.endsAt, 'endsAt');
  if (endsAt && Date.parse(endsAt.iso) < Date.parse(startsAt.iso))
    throw new MinutesError('minutes-time-order', 'the meeting ends before it starts', 'endsAt');
  const issuedAt =
    input.issuedAt === undefined || input.issuedAt === null
      ? undefined
      : parseTime(input.issuedAt, 'issuedAt');
  const opening =
    input.opening === undefined || input.opening === null
      ? []
      : parseRichText(input.opening, 'opening');
  const parentOrganisation = optionalText(input, 'parentOrganisation', '');
  const documentNumber = optionalText(input, 'documentNumber', '');
  const locality = optionalText(input, 'locality', '');
  const addressees = recipients(input.recipients, 'recipients');
  return {
    organisation: requiredText(input, 'organisation', ''),
    ...(parentOrganisation ? { parentOrganisation } : {}),
    ...(documentNumber ? { documentNumber } : {}),
    meetingTitle: requiredText(input, 'meetingTitle', ''),
    place: requiredText(input, 'place', ''),
    ...(locality ? { locality } : {}),
    startsAt,
    ...(endsAt ? { endsAt } : {}),
    ...(issuedAt ? { issuedAt } : {}),
    ...(opening.length > 0 ? { opening } : {}),
    chair: person(field(input, 'chair', ''), 'chair'),
    secretary: person(field(input, 'secretary', ''), 'secretary'),
    attendance: list(input.attendance ?? [], 'attendance').map((a, i) =>
      attendee(a, `attendance[${i}]`),
    ),
    items: list(input.items ?? [], 'items').map((a, i) => item(a, `items[${i}]`)),
    votes: list(input.votes ?? [], 'votes').map((a, i) => vote(a, `votes[${i}]`)),
    ...(addressees ? { recipients: addressees } : {}),
  };
}
