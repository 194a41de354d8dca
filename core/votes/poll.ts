import { VoteError } from './errors';

/** Named: everyone sees who chose what. Secret: who voted is recorded, what they chose is not. */
export type PollKind = 'named' | 'secret';
/** See majority.ts for the exact arithmetic of each rule. */
export type MajorityRule = 'simple' | 'absolute' | 'two-thirds';
/** What the percentages and the absolute / two-thirds thresholds are measured against. */
export type MajorityBase = 'cast' | 'present' | 'members';
export type PollState = 'draft' | 'open' | 'closed' | 'published' | 'cancelled';

/**
 * `label` is the text shown, in the meeting's language (Vietnamese for the defaults, free text
 * for options the chair types). `labelKey`, when present, is an i18n key the UI prefers over
 * `label`, so the default options read "For / Against / Abstain" in English; the minutes PDF
 * and any client without the key fall back to `label`.
 */
export interface PollOption {
  id: string;
  label: string;
  labelKey?: string;
}

/** What the chair fills in; parsePollDraft checks it, createPoll turns it into a Poll. */
export interface PollDraft {
  agendaItemId: string;
  title: string;
  kind: PollKind;
  options: PollOption[];
  rule: MajorityRule;
  base: MajorityBase;
  /**
   * Minimum number of members present (an integer ≥ 0; 0 = no quorum). A count, not a fraction,
   * so the threshold is exact and fixed when the poll is drafted; quorumFor() computes it from
   * a fraction of the membership ("more than half", "at least two-thirds").
   */
  quorum: number;
  /** May a member change a ballot while the poll is open? Always false for secret polls. */
  allowChange: boolean;
}

/** Times are epoch milliseconds, so the whole poll is plain JSON. */
export interface Poll extends PollDraft {
  id: string;
  state: PollState;
  createdAt: number;
  openedAt?: number;
  closedAt?: number;
  publishedAt?: number;
  cancelledAt?: number;
  /** Why it was cancelled (required once it had closed); printed in the minutes. */
  cancelledReason?: string;
  /** Member ids present when the poll opened, frozen then: only they may vote. */
  eligible?: string[];
  /** Latecomers the chair admitted while it was open (also appended to `eligible`), in order. */
  admitted?: { memberId: string; at: number }[];
}

/** Option ids the default options use; the motion is 'for' (or the first option). */
export const FOR = 'for';
export const AGAINST = 'against';
export const ABSTAIN = 'abstain';

/** As the National Assembly votes. */
export function defaultOptions(): PollOption[] {
  return [
    { id: FOR, label: 'Tán thành', labelKey: 'votes.option.for' },
    { id: AGAINST, label: 'Không tán thành', labelKey: 'votes.option.against' },
    { id: ABSTAIN, label: 'Không biểu quyết', labelKey: 'votes.option.abstain' },
  ];
}

export const POLL_KINDS: readonly PollKind[] = ['named', 'secret'];
export const MAJORITY_RULES: readonly MajorityRule[] = ['simple', 'absolute', 'two-thirds'];
export const MAJORITY_BASES: readonly MajorityBase[] = ['cast', 'present', 'members'];

export const MAX_TITLE_LENGTH = 300;
export const MAX_LABEL_LENGTH = 200;
export const MAX_ID_LENGTH = 128;
export const MIN_OPTIONS = 2;
export const MAX_OPTIONS = 50;

/** Option ids become object keys (counts), so keep them plain: no `__proto__` and friends. */
const OPTION_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const LABEL_KEY = /^[A-Za-z][A-Za-z0-9_.-]{0,127}$/;

const DRAFT_FIELDS = new Set([
  'agendaItemId',
  'title',
  'kind',
  'options',
  'rule',
  'base',
  'quorum',
  'allowChange',
]);
const OPTION_FIELDS = new Set(['id', 'label', 'labelKey']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function oneOf<T extends string>(allowed: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value);
}

/** Trimmed, NFC (so typed and pasted Vietnamese compare equal), within bounds, or null. */
function cleanText(value: unknown, max: number): string | null {
  if (typeof value !== 'string') return null;
  const text = value.normalize('NFC').trim();
  return text.length >= 1 && text.length <= max ? text : null;
}

function parseOption(input: unknown, index: number): PollOption {
  if (!isRecord(input)) throw new VoteError('bad-options', `Option ${index + 1} is not an object.`);
  for (const key of Object.keys(input)) {
    if (!OPTION_FIELDS.has(key)) {
      throw new VoteError('unknown-field', `Option ${index + 1} has an unknown field "${key}".`);
    }
  }
  const id = input.id;
  if (typeof id !== 'string' || !OPTION_ID.test(id)) {
    throw new VoteError(
      'bad-option-id',
      `Option ${index + 1} needs an id of letters, digits, "-" or "_" (at most 64).`,
    );
  }
  const label = cleanText(input.label, MAX_LABEL_LENGTH);
  if (label === null) {
    throw new VoteError(
      'bad-option-label',
      `Option "${id}" needs a label of 1 to ${MAX_LABEL_LENGTH} characters.`,
    );
  }
  if (input.labelKey === undefined) return { id, label };
  if (typeof input.labelKey !== 'string' || !LABEL_KEY.test(input.labelKey)) {
    throw new VoteError('bad-option-label', `Option "${id}" has a malformed labelKey.`);
  }
  return { id, label, labelKey: input.labelKey };
}

function parseOptions(input: unknown): PollOption[] {
  if (input === undefined) return defaultOptions();
  if (!Array.isArray(input)) throw new VoteError('bad-options', 'Options must be a list.');
  if (input.length < MIN_OPTIONS) {
    throw new VoteError('too-few-options', `A poll needs at least ${MIN_OPTIONS} options.`);
  }
  if (input.length > MAX_OPTIONS) {
    throw new VoteError('too-many-options', `A poll has at most ${MAX_OPTIONS} options.`);
  }
  const options = input.map(parseOption);
  const seen = new Set<string>();
  for (const option of options) {
    if (seen.has(option.id)) {
      throw new VoteError('duplicate-option', `Two options share the id "${option.id}".`);
    }
    seen.add(option.id);
  }
  return options;
}

/**
 * Checks what a client sent to draft a poll. Defaults for absent fields: the National Assembly
 * options, kind 'named', rule 'absolute' on base 'members' (the Assembly's "quá nửa tổng số
 * đại biểu"), quorum 0, allowChange false. Unknown fields are refused so a misspelt one is not
 * silently replaced by its default.
 */
export function parsePollDraft(input: unknown): PollDraft {
  if (!isRecord(input)) throw new VoteError('bad-draft', 'A poll draft must be an object.');
  for (const key of Object.keys(input)) {
    if (!DRAFT_FIELDS.has(key)) {
      throw new VoteError('unknown-field', `A poll draft has no field "${key}".`);
    }
  }

  const title = cleanText(input.title, MAX_TITLE_LENGTH);
  if (title === null) {
    throw new VoteError('bad-title', `The title must be 1 to ${MAX_TITLE_LENGTH} characters.`);
  }
  const agendaItemId = input.agendaItemId;
  if (
    typeof agendaItemId !== 'string' ||
    agendaItemId.trim() === '' ||
    agendaItemId.length > MAX_ID_LENGTH
  ) {
    throw new VoteError('bad-agenda-item', 'The poll must name the agenda item it belongs to.');
  }

  const kind = input.kind ?? 'named';
  if (!oneOf(POLL_KINDS, kind)) {
    throw new VoteError('unknown-kind', `Kind must be one of ${POLL_KINDS.join(', ')}.`);
  }
  const options = parseOptions(input.options);
  const rule = input.rule ?? 'absolute';
  if (!oneOf(MAJORITY_RULES, rule)) {
    throw new VoteError('unknown-rule', `Rule must be one of ${MAJORITY_RULES.join(', ')}.`);
  }
  const base = input.base ?? 'members';
  if (!oneOf(MAJORITY_BASES, base)) {
    throw new VoteError('unknown-base', `Base must be one of ${MAJORITY_BASES.join(', ')}.`);
  }
  const quorum = input.quorum ?? 0;
  if (typeof quorum !== 'number' || !Number.isSafeInteger(quorum) || quorum < 0) {
    throw new VoteError('bad-quorum', 'Quorum must be a whole number of members, 0 or more.');
  }
  const allowChange = input.allowChange ?? false;
  if (typeof allowChange !== 'boolean') {
    throw new VoteError('bad-allow-change', 'allowChange must be true or false.');
  }
  // A secret box keeps only counts, so an earlier choice cannot be taken back out of it.
  if (kind === 'secret' && allowChange) {
    throw new VoteError(
      'secret-change-not-allowed',
      'Ballots in a secret poll cannot be changed: the earlier choice is not recorded.',
    );
  }

  return { agendaItemId, title, kind, options, rule, base, quorum, allowChange };
}

export function checkTime(now: number): void {
  if (typeof now !== 'number' || !Number.isFinite(now) || now < 0) {
    throw new VoteError('bad-time', 'Time must be epoch milliseconds.');
  }
}

/** A new poll in state 'draft' from a checked draft. */
export function createPoll(draft: PollDraft, id: string, now: number): Poll {
  if (typeof id !== 'string' || id.trim() === '' || id.length > MAX_ID_LENGTH) {
    throw new VoteError('bad-poll-id', 'A poll id must be a non-empty string.');
  }
  checkTime(now);
  return {
    id,
    agendaItemId: draft.agendaItemId,
    title: draft.title,
    kind: draft.kind,
    options: draft.options.map((option) => ({ ...option })),
    rule: draft.rule,
    base: draft.base,
    quorum: draft.quorum,
    allowChange: draft.allowChange,
    state: 'draft',
    createdAt: now,
  };
}

/**
 * The smallest number of members present that meets a quorum stated as a fraction of the
 * membership: 'at-least' 2/3 of 30 → 20; 'more-than' 1/2 of 30 → 16, of 31 → 16. Integer
 * arithmetic, so 2/3 of 30 is exactly 20, not 20.000000000000004.
 */
export function quorumFor(
  memberCount: number,
  numerator: number,
  denominator: number,
  comparison: 'at-least' | 'more-than',
): number {
  for (const n of [memberCount, numerator, denominator]) {
    if (!Number.isSafeInteger(n) || n < 0) {
      throw new VoteError('bad-quorum', 'Quorum fractions use whole numbers, 0 or more.');
    }
  }
  if (denominator === 0 || numerator > denominator) {
    throw new VoteError('bad-quorum', 'A quorum fraction must lie between 0 and 1.');
  }
  const product = memberCount * numerator;
  return comparison === 'at-least'
    ? Math.floor((product + denominator - 1) / denominator)
    : Math.floor(product / denominator) + 1;
}
