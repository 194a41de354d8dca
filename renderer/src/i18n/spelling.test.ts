import { describe, expect, it } from 'vitest';
import { vi } from './catalog';
import { LABELS, ROLE_TITLES } from '../../../core/minutes/labels';
import { defaultOptions } from '../../../core/votes/poll';
import { newStyleToneMarks } from '../../../core/text/tone-marks';

/** Every Vietnamese string the UI and the biên bản show from tables. */
const tables: Record<string, Readonly<Record<string, string>>> = {
  'vi catalogue': vi,
  'core/minutes/labels ROLE_TITLES': ROLE_TITLES,
  'core/minutes/labels LABELS': LABELS,
  'core/votes/poll defaultOptions': Object.fromEntries(
    defaultOptions().map((o) => [o.id, o.label]),
  ),
};

describe('Vietnamese strings', () => {
  it.each(Object.entries(tables))('%s uses the traditional tone-mark placement', (_, table) => {
    const offending = Object.entries(table).flatMap(([key, text]) =>
      newStyleToneMarks(text).map((word) => `${key}: ${word}`),
    );
    expect(offending).toEqual([]);
  });

  it.each(Object.entries(tables))('%s is NFC', (_, table) => {
    const notNfc = Object.entries(table)
      .filter(([, text]) => text !== text.normalize('NFC'))
      .map(([key]) => key);
    expect(notNfc).toEqual([]);
  });

  it('the scan would catch a regression', () => {
    expect(newStyleToneMarks('Chỉ chủ toạ mới được huỷ.')).toEqual(['toạ', 'huỷ']);
  });
});
