import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import type { VoteApiErrorCode } from '../../../core/api/votes';
import { defaultOptions } from '../../../core/votes/poll';
import { ApiError } from '../api/client';
import { en, vi } from '../i18n/catalog';
import { errorMessageKey } from '../i18n/error-message';
import { conditionText, motionOf, optionLabel } from './labels';

// A Record so the type checker fails when the server gains a code the UI cannot explain.
const CODES: Record<VoteApiErrorCode, true> = {
  'bad-draft': true,
  'unknown-field': true,
  'bad-title': true,
  'bad-agenda-item': true,
  'unknown-kind': true,
  'bad-options': true,
  'too-few-options': true,
  'too-many-options': true,
  'bad-option-id': true,
  'bad-option-label': true,
  'duplicate-option': true,
  'unknown-rule': true,
  'unknown-base': true,
  'bad-quorum': true,
  'bad-allow-change': true,
  'secret-change-not-allowed': true,
  'bad-poll-id': true,
  'bad-time': true,
  'bad-member-id': true,
  'no-eligible-members': true,
  'poll-not-draft': true,
  'poll-not-open': true,
  'poll-not-closed': true,
  'poll-not-cancellable': true,
  'cancel-reason-required': true,
  'bad-cancel-reason': true,
  'ballot-box-mismatch': true,
  'not-eligible': true,
  'unknown-option': true,
  'already-voted': true,
  'already-eligible': true,
  'bad-tally-context': true,
  'inconsistent-ballots': true,
  'poll-not-found': true,
  'unknown-agenda-item': true,
  'result-not-ready': true,
  'invalid-body': true,
  'invalid-field': true,
  forbidden: true,
  'meeting-not-found': true,
};

describe('vote error messages', () => {
  it.each(Object.keys(CODES))('%s has its own message in Vietnamese and English', (code) => {
    const key = errorMessageKey(new ApiError(409, code, 'English text for developers'), 'votes');
    expect(key).toBe(`votes.error.${code}`);
    expect(vi[key]).not.toBe(vi['votes.error.unexpected']);
    expect(en[key]).not.toBe(vi[key]);
  });

  it('never shows an unknown code or a thrown bug as anything but "unexpected"', () => {
    expect(errorMessageKey(new ApiError(500, 'disk-on-fire', 'x'), 'votes')).toBe(
      'votes.error.unexpected',
    );
    expect(errorMessageKey(new TypeError('x is undefined'), 'votes')).toBe(
      'votes.error.unexpected',
    );
    expect(errorMessageKey(new ApiError(0, 'network', 'offline'), 'votes')).toBe(
      'votes.error.network',
    );
  });
});

describe('option labels', () => {
  it('translates the default options and keeps what the chair typed', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({
      resources: { vi: { translation: vi }, en: { translation: en } },
      lng: 'en',
      keySeparator: false,
      nsSeparator: false,
    });
    expect(defaultOptions().map((o) => optionLabel(i18n.t, o))).toEqual([
      'For',
      'Against',
      'Abstain',
    ]);
    expect(optionLabel(i18n.t, { label: 'Phương án A' })).toBe('Phương án A');
    // A key this client does not know (a newer server) falls back to the stored label.
    expect(optionLabel(i18n.t, { label: 'Hoãn', labelKey: 'votes.option.postpone' })).toBe('Hoãn');
    await i18n.changeLanguage('vi');
    expect(optionLabel(i18n.t, defaultOptions()[2]!)).toBe('Không biểu quyết');
  });
});

describe('the condition a poll must meet', () => {
  it('names the option that counts as "for" when the chair typed the options', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({
      resources: { vi: { translation: vi }, en: { translation: en } },
      lng: 'en',
      keySeparator: false,
      nsSeparator: false,
      interpolation: { escapeValue: false },
    });
    const custom = [
      { id: 'o1', label: 'Phương án A' },
      { id: 'o2', label: 'Phương án B' },
    ];
    expect(conditionText(i18n.t, 'absolute', 'cast', motionOf(custom))).toBe(
      'more than half of the votes cast are for (“for” here means choosing “Phương án A”)',
    );
    expect(conditionText(i18n.t, 'absolute', 'cast', motionOf(defaultOptions()))).toBe(
      'more than half of the votes cast are for',
    );
    await i18n.changeLanguage('vi');
    expect(conditionText(i18n.t, 'two-thirds', 'present', motionOf(custom))).toBe(
      'Ít nhất hai phần ba số thành viên có mặt tán thành (tán thành ở đây là chọn “Phương án A”)',
    );
  });
});
