/**
 * HTTP shapes for what a meeting's minutes print in their Decree 30/2020 blocks beyond the
 * settings (Số, place): the "Nơi nhận" list and each signer's authority (TM./KT./TL./TUQ.).
 * Kept on the meeting record, as documentNumber and place are.
 */
import { isSigningAuthorityKind } from '../minutes/signature-blocks';
import type { MinutesRecipients, SigningAuthority } from '../minutes/types';
import { ApiValidationError } from './meetings';

/** Who signs the minutes: each may sign plainly (null) or with an authority. */
export interface MinutesSignerAuthorities {
  secretary: SigningAuthority | null;
  chair: SigningAuthority | null;
}

export interface MinutesLayoutSettings {
  /** null: no "Nơi nhận" block. */
  recipients: MinutesRecipients | null;
  authority: MinutesSignerAuthorities;
}

/** `PUT /api/meetings/:id/minutes-layout`: the parts given change (null clears), the rest stay. */
export interface MinutesLayoutPatch {
  recipients?: MinutesRecipients | null;
  authority?: Partial<MinutesSignerAuthorities>;
}

export const MINUTES_RECIPIENTS_MAX = 30;
const LINE_MAX = 300;
const ON_BEHALF_MAX = 200;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function line(v: unknown, field: string, max: number): string {
  if (typeof v !== 'string' || v.trim() === '' || v.length > max || /[\r\n]/.test(v))
    throw new ApiValidationError(
      'invalid-field',
      field,
      `${field} must be one line of 1–${max} characters.`,
    );
  return v.trim().normalize('NFC');
}

function onlyKeys(o: Obj, keys: readonly string[], at: string): void {
  for (const key of Object.keys(o))
    if (!keys.includes(key))
      throw new ApiValidationError(
        'unknown-field',
        `${at}${key}`,
        `${at}${key} is not known here.`,
      );
}

function parseRecipients(v: unknown): MinutesRecipients | null {
  if (v === null) return null;
  if (!isObj(v))
    throw new ApiValidationError('invalid-field', 'recipients', 'recipients must be an object.');
  onlyKeys(v, ['to', 'archive'], 'recipients.');
  const to = v.to ?? [];
  if (!Array.isArray(to) || to.length > MINUTES_RECIPIENTS_MAX)
    throw new ApiValidationError(
      'invalid-field',
      'recipients.to',
      `recipients.to must be a list of at most ${MINUTES_RECIPIENTS_MAX} lines.`,
    );
  const lines = to.map((r, i) => line(r, `recipients.to[${i}]`, LINE_MAX));
  const archive =
    v.archive === undefined || v.archive === null
      ? undefined
      : line(v.archive, 'recipients.archive', 100);
  // Nothing to print is no block, not an empty one.
  if (lines.length === 0 && archive === undefined) return null;
  return { to: lines, ...(archive !== undefined ? { archive } : {}) };
}

function parseAuthority(v: unknown, field: string): SigningAuthority | null {
  if (v === null) return null;
  if (!isObj(v))
    throw new ApiValidationError('invalid-field', field, `${field} must be an object or null.`);
  onlyKeys(v, ['kind', 'onBehalfOf'], `${field}.`);
  if (!isSigningAuthorityKind(v.kind))
    throw new ApiValidationError(
      'invalid-field',
      `${field}.kind`,
      `${field}.kind must be TM, KT, TL or TUQ.`,
    );
  return { kind: v.kind, onBehalfOf: line(v.onBehalfOf, `${field}.onBehalfOf`, ON_BEHALF_MAX) };
}

/** Validates a change of the minutes' recipients and signers' authority from untrusted JSON. */
export function parseMinutesLayoutPatch(body: unknown): MinutesLayoutPatch {
  if (!isObj(body)) throw new ApiValidationError('invalid-body', '', 'Expected a JSON object.');
  onlyKeys(body, ['recipients', 'authority'], '');
  const patch: MinutesLayoutPatch = {};
  if ('recipients' in body) patch.recipients = parseRecipients(body.recipients);
  if ('authority' in body) {
    const a = body.authority;
    if (!isObj(a))
      throw new ApiValidationError('invalid-field', 'authority', 'authority must be an object.');
    onlyKeys(a, ['secretary', 'chair'], 'authority.');
    const authority: Partial<MinutesSignerAuthorities> = {};
    if ('secretary' in a) authority.secretary = parseAuthority(a.secretary, 'authority.secretary');
    if ('chair' in a) authority.chair = parseAuthority(a.chair, 'authority.chair');
    patch.authority = authority;
  }
  return patch;
}

/** A patch applied to what is stored (absent parts stay). */
export function applyMinutesLayoutPatch(
  current: MinutesLayoutSettings,
  patch: MinutesLayoutPatch,
): MinutesLayoutSettings {
  return {
    recipients: patch.recipients !== undefined ? patch.recipients : current.recipients,
    authority: { ...current.authority, ...patch.authority },
  };
}

export const NO_MINUTES_LAYOUT: MinutesLayoutSettings = {
  recipients: null,
  authority: { secretary: null, chair: null },
};
