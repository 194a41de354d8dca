/**
 * The minutes' lifecycle, as pure rules: draft → final (PDF frozen) → signed-secretary →
 * signed (chair co-signed), and reopen (chair) back to a draft from any frozen state. Each step
 * takes the current state, the caller and the action, and returns the next state or throws a
 * MinutesLifecycleError with the code the server answers; its argument is left untouched, so
 * the server can decide, then write. The server only translates (load, call these, write,
 * answer); the UI asks `minutesRefusal` to show only the steps the caller may take now.
 */
import {
  DRAFT_MINUTES,
  type MinutesField,
  type MinutesSignatureRecord,
  type MinutesState,
  type MinutesStatus,
} from '../api/minutes';
import { CodedError } from '../errors/coded-error';
import { can, type MeetingAction, type MeetingRole, type Principal } from '../roles/permissions';

/** Refusals of a lifecycle step; the same codes the minutes routes answer. */
export type MinutesLifecycleErrorCode =
  | 'forbidden' // the caller's role never takes this step (core/roles)
  | 'minutes-not-draft'
  | 'minutes-not-final'
  | 'minutes-wrong-order'
  | 'minutes-wrong-role';

export class MinutesLifecycleError extends CodedError<MinutesLifecycleErrorCode> {
  override name = 'MinutesLifecycleError';
}

/**
 * The signing order, and who signs which field: each row is one signature, taken when the
 * minutes are in `awaits`, made by `signer`, leaving them in `then`.
 */
export const MINUTES_SIGNING: readonly {
  field: MinutesField;
  signer: MeetingRole;
  awaits: MinutesStatus;
  then: MinutesStatus;
}[] = [
  { field: 'secretary', signer: 'secretary', awaits: 'final', then: 'signed-secretary' },
  { field: 'chair', signer: 'chair', awaits: 'signed-secretary', then: 'signed' },
];

/** The field the next signature goes into, or null when none may be added now. */
export function nextMinutesField(status: MinutesStatus): MinutesField | null {
  return MINUTES_SIGNING.find((row) => row.awaits === status)?.field ?? null;
}

/** The role that signs `field`. */
export function minutesSigner(field: MinutesField): MeetingRole {
  const row = MINUTES_SIGNING.find((r) => r.field === field);
  if (!row) throw new Error(`no signer for the field ${field}`);
  return row.signer;
}

/** What a caller asks of the minutes, without what the server computes for it. */
export type MinutesIntent =
  { type: 'finalize' } | { type: 'sign'; field: MinutesField } | { type: 'reopen' };

export type MinutesStep = MinutesIntent['type'];

/** The role-level permission (core/roles) each step needs before the state is looked at. */
const PERMISSION: Record<MinutesStep, MeetingAction> = {
  finalize: 'minutes.finalize',
  sign: 'minutes.sign',
  reopen: 'minutes.reopen',
};

const refuse = (code: MinutesLifecycleErrorCode, message: string) =>
  new MinutesLifecycleError(code, message);

/** Why `principal` may not take `intent` in `state` now, or null when they may. */
export function minutesRefusal(
  state: MinutesState,
  principal: Principal,
  intent: MinutesIntent,
): MinutesLifecycleError | null {
  const action = PERMISSION[intent.type];
  if (!can(principal, action)) return refuse('forbidden', `Your role may not do this (${action}).`);
  switch (intent.type) {
    case 'finalize':
      return state.status === 'draft'
        ? null
        : refuse('minutes-not-draft', 'The minutes are already finalized.');
    case 'reopen':
      return state.status === 'draft'
        ? refuse('minutes-not-final', 'The minutes are still a draft.')
        : null;
    case 'sign': {
      const expected = MINUTES_SIGNING.find((row) => row.awaits === state.status);
      if (!expected || state.pdfSha256 === null)
        return refuse('minutes-not-final', 'The minutes are not awaiting a signature.');
      if (intent.field !== expected.field)
        return refuse(
          'minutes-wrong-order',
          `The ${expected.field} signs next; the secretary signs before the chair.`,
        );
      if (principal.role !== expected.signer)
        return refuse('minutes-wrong-role', `Only the ${expected.signer} signs here.`);
      return null;
    }
  }
}

/** Throws the refusal, if any: the check the server makes before costly work. */
export function checkMinutesStep(
  state: MinutesState,
  principal: Principal,
  intent: MinutesIntent,
): void {
  const refusal = minutesRefusal(state, principal, intent);
  if (refusal) throw refusal;
}

/** Freezes the draft as the PDF the server rendered (`pdfSha256`) at `at` (ISO time). */
export function finalizeMinutes(
  state: MinutesState,
  principal: Principal,
  pdf: { pdfSha256: string; at: string },
): MinutesState {
  checkMinutesStep(state, principal, { type: 'finalize' });
  return {
    ...DRAFT_MINUTES,
    status: 'final',
    pdfSha256: pdf.pdfSha256,
    finalSha256: pdf.pdfSha256,
    finalizedAt: pdf.at,
    finalizedBy: principal.memberId,
  };
}

/**
 * Records one accepted signature: the signed revision `signed.sha256` of the PDF `onto`. If the
 * minutes moved on since the signature was checked (another signature, a reopen), it is
 * refused as out of order rather than recorded onto a PDF it was not made on.
 */
export function signMinutes(
  state: MinutesState,
  principal: Principal,
  signed: { field: MinutesField; onto: string; sha256: string; name: string; at: string },
): MinutesState {
  checkMinutesStep(state, principal, { type: 'sign', field: signed.field });
  if (state.pdfSha256 !== signed.onto)
    throw refuse('minutes-wrong-order', 'The minutes changed meanwhile.');
  const row = MINUTES_SIGNING.find((r) => r.field === signed.field);
  if (!row) throw refuse('minutes-not-final', 'The minutes are not awaiting a signature.');
  const record: MinutesSignatureRecord = {
    field: signed.field,
    memberId: principal.memberId,
    name: signed.name,
    acceptedAt: signed.at,
    sha256: signed.sha256,
  };
  return {
    ...state,
    status: row.then,
    pdfSha256: signed.sha256,
    signatures: [...state.signatures, record],
  };
}

/** Back to a draft: every signature is cleared (the audit log keeps the history). */
export function reopenMinutes(state: MinutesState, principal: Principal): MinutesState {
  checkMinutesStep(state, principal, { type: 'reopen' });
  return { ...DRAFT_MINUTES, signatures: [] };
}
