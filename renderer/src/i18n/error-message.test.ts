import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { AnnotationError } from '../../../core/annotations/model';
import { IdentityError } from '../../../core/identity/errors';
import { ApiError } from '../api/client';
import { en, vi } from './catalog';
import { errorCode, errorMessage, errorMessageKey, type ErrorArea } from './error-message';

const AREAS: readonly ErrorArea[] = [
  'annot',
  'attendance',
  'docs',
  'login',
  'meetings',
  'minutes',
  'votes',
];

async function translator(lng: 'vi' | 'en'): Promise<TFunction> {
  const i18n = i18next.createInstance();
  await i18n.init({
    resources: { vi: { translation: vi }, en: { translation: en } },
    lng,
    keySeparator: false,
    nsSeparator: false,
    interpolation: { escapeValue: false },
  });
  return i18n.t;
}

let tVi: TFunction;
let tEn: TFunction;
beforeAll(async () => {
  [tVi, tEn] = await Promise.all([translator('vi'), translator('en')]);
});

describe('errorCode', () => {
  it('reads the code of server, bridge and core failures; bugs have none', () => {
    expect(errorCode(new ApiError(409, 'poll-not-open', 'Poll is closed.'))).toBe('poll-not-open');
    expect(errorCode({ code: 'p12-bad-password', message: 'MAC failed' })).toBe('p12-bad-password');
    expect(errorCode(new IdentityError('cert-expired', 'expired'))).toBe('cert-expired');
    expect(errorCode(new TypeError('x is undefined'))).toBeNull();
    expect(errorCode('boom')).toBeNull();
    expect(errorCode(null)).toBeNull();
    // A DOMException's code is a number, not ours.
    expect(errorCode(new DOMException('aborted', 'AbortError'))).toBeNull();
  });

  it('a body past the server’s limit (413) is too-large whatever the route called it', () => {
    expect(errorCode(new ApiError(413, 'body-too-large', 'Too large.'))).toBe('too-large');
  });
});

describe('errorMessageKey', () => {
  it('picks <area>.error.<code> when the catalogue has it', () => {
    expect(errorMessageKey(new ApiError(409, 'poll-not-open', 'x'), 'votes')).toBe(
      'votes.error.poll-not-open',
    );
    expect(errorMessageKey(new ApiError(403, 'forbidden', 'x'), 'attendance')).toBe(
      'attendance.error.forbidden',
    );
    expect(errorMessageKey(new ApiError(422, 'pdf-broken', 'x'), 'docs')).toBe(
      'docs.error.pdf-broken',
    );
    expect(errorMessageKey(new ApiError(413, 'body-too-large', 'x'), 'docs')).toBe(
      'docs.error.too-large',
    );
    expect(errorMessageKey({ code: 'p12-bad-password', message: 'x' }, 'minutes')).toBe(
      'minutes.error.p12-bad-password',
    );
    expect(errorMessageKey({ code: 'p12-bad-password', message: 'x' }, 'login')).toBe(
      'login.error.p12-bad-password',
    );
    expect(errorMessageKey(new AnnotationError('not-author', 'x'), 'annot')).toBe(
      'annot.error.not-author',
    );
  });

  it('falls back to the area’s generic message, and without an area to the global one', () => {
    const unknown = new ApiError(500, 'disk-on-fire', 'Disk on fire.');
    expect(AREAS.map((area) => errorMessageKey(unknown, area))).toEqual([
      'error.unexpected',
      'attendance.error.unexpected',
      'docs.error.other',
      'login.error.unexpected',
      'meetings.error.unexpected',
      'minutes.error.generic',
      'votes.error.unexpected',
    ]);
    for (const area of AREAS)
      expect(errorMessageKey(new TypeError('x'), area)).toBe(errorMessageKey(unknown, area));
    expect(errorMessageKey(new ApiError(409, 'poll-not-open', 'x'))).toBe('error.unexpected');
  });

  it('a code of another area is not borrowed', () => {
    expect(errorMessageKey(new ApiError(409, 'poll-not-open', 'x'), 'docs')).toBe(
      'docs.error.other',
    );
  });
});

describe('errorMessage', () => {
  it('shows the same text as the catalogue, in Vietnamese and English', () => {
    const error = new ApiError(422, 'pdf-broken', 'This PDF is damaged.');
    expect(errorMessage(tVi, error, 'docs')).toBe(vi['docs.error.pdf-broken']);
    expect(errorMessage(tEn, error, 'docs')).toBe(en['docs.error.pdf-broken']);
    expect(errorMessage(tVi, error, 'docs')).not.toBe(errorMessage(tEn, error, 'docs'));
  });

  it('never shows a raw code, the server’s English message or a stack', () => {
    const bug = new TypeError('Cannot read properties of undefined (reading "pages")');
    const failures: unknown[] = [
      new ApiError(500, 'disk-on-fire', 'The disk is on fire at /var/lib/dienhong.'),
      { code: 'bridge-exploded', message: 'Bridge exploded.' },
      bug,
      'a thrown string',
      undefined,
    ];
    for (const t of [tVi, tEn])
      for (const area of [...AREAS, undefined])
        for (const failure of failures) {
          const text = errorMessage(t, failure, area);
          expect(text.length).toBeGreaterThan(0);
          for (const leak of ['disk-on-fire', 'bridge-exploded', 'fire', 'exploded', 'reading'])
            expect(text).not.toContain(leak);
          expect(text).not.toContain(bug.stack?.split('\n')[1]?.trim() ?? '\u0000');
          expect(text).not.toMatch(/\{\{|undefined/);
        }
  });

  it('no error message in the catalogues interpolates a code, a message or a stack', () => {
    for (const catalogue of [vi, en] as Record<string, string>[])
      for (const [key, text] of Object.entries(catalogue))
        if (/(^|\.)error(\.|$)/.test(key))
          expect(text, key).not.toMatch(/\{\{\s*(code|message|stack)/);
  });
});
