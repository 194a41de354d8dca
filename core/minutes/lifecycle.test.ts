import { describe, expect, it } from 'vitest';
import { DRAFT_MINUTES, type MinutesState, type MinutesStatus } from '../api/minutes';
import type { MeetingRole, Principal } from '../roles/permissions';
import {
  finalizeMinutes,
  MINUTES_SIGNING,
  MinutesLifecycleError,
  minutesRefusal,
  minutesSigner,
  nextMinutesField,
  reopenMinutes,
  signMinutes,
  type MinutesIntent,
} from './lifecycle';

const AT = '2026-03-02T09:00:00.000Z';
const sha = (c: string) => c.repeat(64);
const who = (role: MeetingRole | null, isAdmin = false): Principal => ({
  memberId: `m-${role ?? 'none'}`,
  isAdmin,
  role,
});
const secretary = who('secretary');
const chair = who('chair');

/** The minutes in each state, reached through the real steps. */
function inState(status: MinutesStatus): MinutesState {
  const draft = { ...DRAFT_MINUTES };
  if (status === 'draft') return draft;
  const final = finalizeMinutes(draft, secretary, { pdfSha256: sha('a'), at: AT });
  if (status === 'final') return final;
  const first = signMinutes(final, secretary, {
    field: 'secretary',
    onto: sha('a'),
    sha256: sha('b'),
    name: 'Nguyễn Tiến Sỹ',
    at: AT,
  });
  if (status === 'signed-secretary') return first;
  return signMinutes(first, chair, {
    field: 'chair',
    onto: sha('b'),
    sha256: sha('c'),
    name: 'Trần Thị Hồng Nhung',
    at: AT,
  });
}

function outcome(state: MinutesState, principal: Principal, intent: MinutesIntent): string {
  const frozen = structuredClone(state);
  try {
    const next =
      intent.type === 'finalize'
        ? finalizeMinutes(state, principal, { pdfSha256: sha('f'), at: AT })
        : intent.type === 'reopen'
          ? reopenMinutes(state, principal)
          : signMinutes(state, principal, {
              field: intent.field,
              onto: state.pdfSha256 ?? '',
              sha256: sha('e'),
              name: 'X',
              at: AT,
            });
    // The agreement between the check and the step: allowed exactly when it does not throw.
    expect(minutesRefusal(state, principal, intent)).toBeNull();
    return `→ ${next.status}`;
  } catch (error) {
    if (!(error instanceof MinutesLifecycleError)) throw error;
    expect(minutesRefusal(state, principal, intent)?.code).toBe(error.code);
    return error.code;
  } finally {
    expect(state).toEqual(frozen); // a refused or taken step never changes its argument
  }
}

const STATES: MinutesStatus[] = ['draft', 'final', 'signed-secretary', 'signed'];
const INTENTS: [string, MinutesIntent][] = [
  ['finalize', { type: 'finalize' }],
  ['sign secretary', { type: 'sign', field: 'secretary' }],
  ['sign chair', { type: 'sign', field: 'chair' }],
  ['reopen', { type: 'reopen' }],
];
const CALLERS: [string, Principal][] = [
  ['chair', chair],
  ['secretary', secretary],
  ['delegate', who('delegate')],
  ['observer', who('observer')],
  ['non-member', who(null)],
  ['admin', who(null, true)],
];

/**
 * Every state × action × caller. Columns: chair, secretary, delegate, observer, non-member,
 * admin. "→ s" is the state the step leads to; anything else is the refusal's code.
 */
const F = 'forbidden';
const EXPECTED: Record<MinutesStatus, Record<string, string[]>> = {
  draft: {
    finalize: [F, '→ final', F, F, F, F],
    'sign secretary': ['minutes-not-final', 'minutes-not-final', F, F, F, F],
    'sign chair': ['minutes-not-final', 'minutes-not-final', F, F, F, F],
    reopen: ['minutes-not-final', F, F, F, F, F],
  },
  final: {
    finalize: [F, 'minutes-not-draft', F, F, F, F],
    'sign secretary': ['minutes-wrong-role', '→ signed-secretary', F, F, F, F],
    'sign chair': ['minutes-wrong-order', 'minutes-wrong-order', F, F, F, F],
    reopen: ['→ draft', F, F, F, F, F],
  },
  'signed-secretary': {
    finalize: [F, 'minutes-not-draft', F, F, F, F],
    'sign secretary': ['minutes-wrong-order', 'minutes-wrong-order', F, F, F, F],
    'sign chair': ['→ signed', 'minutes-wrong-role', F, F, F, F],
    reopen: ['→ draft', F, F, F, F, F],
  },
  signed: {
    finalize: [F, 'minutes-not-draft', F, F, F, F],
    'sign secretary': ['minutes-not-final', 'minutes-not-final', F, F, F, F],
    'sign chair': ['minutes-not-final', 'minutes-not-final', F, F, F, F],
    reopen: ['→ draft', F, F, F, F, F],
  },
};

describe('minutes lifecycle: every state × action × caller', () => {
  const rows = STATES.flatMap((status) =>
    INTENTS.map(([label, intent]) => [status, label, intent] as const),
  );
  it.each(rows)('%s, %s', (status, label, intent) => {
    const state = inState(status);
    const got = CALLERS.map(([, principal]) => outcome(state, principal, intent));
    expect(got).toEqual(EXPECTED[status][label]);
  });
});

describe('the steps', () => {
  it('finalize freezes the rendered PDF and who finalized it', () => {
    expect(inState('final')).toEqual({
      status: 'final',
      pdfSha256: sha('a'),
      finalSha256: sha('a'),
      finalizedAt: AT,
      finalizedBy: 'm-secretary',
      signatures: [],
    });
  });

  it('each signature is one more revision, recorded in signing order', () => {
    const signed = inState('signed');
    expect(signed.pdfSha256).toBe(sha('c'));
    expect(signed.finalSha256).toBe(sha('a'));
    expect(signed.signatures).toEqual([
      {
        field: 'secretary',
        memberId: 'm-secretary',
        name: 'Nguyễn Tiến Sỹ',
        acceptedAt: AT,
        sha256: sha('b'),
      },
      {
        field: 'chair',
        memberId: 'm-chair',
        name: 'Trần Thị Hồng Nhung',
        acceptedAt: AT,
        sha256: sha('c'),
      },
    ]);
  });

  it('refuses a signature checked on a PDF the minutes no longer hold', () => {
    const final = inState('final');
    expect(() =>
      signMinutes(final, secretary, {
        field: 'secretary',
        onto: sha('9'),
        sha256: sha('b'),
        name: 'X',
        at: AT,
      }),
    ).toThrow(expect.objectContaining({ code: 'minutes-wrong-order' }));
  });

  it('reopen clears every signature and the frozen PDF', () => {
    expect(reopenMinutes(inState('signed'), chair)).toEqual(DRAFT_MINUTES);
  });

  it('the signing table: the secretary signs first, the chair co-signs', () => {
    expect(MINUTES_SIGNING.map((r) => [r.field, r.signer])).toEqual([
      ['secretary', 'secretary'],
      ['chair', 'chair'],
    ]);
    expect(STATES.map(nextMinutesField)).toEqual([null, 'secretary', 'chair', null]);
    expect([minutesSigner('secretary'), minutesSigner('chair')]).toEqual(['secretary', 'chair']);
  });
});
