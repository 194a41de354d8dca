import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatMeetingTime, languageOf } from './dates';

// A fixed instant, not today: 2026-12-02 01:00 UTC = 08:00 in Hà Nội.
const at = new Date(Date.UTC(2026, 11, 2, 1, 0));
const hanoi = { timeZone: 'Asia/Ho_Chi_Minh' };

describe('dates', () => {
  it('writes Vietnamese dates as dd/mm/yyyy with a 24-hour clock and the weekday in words', () => {
    expect(formatMeetingTime(at, 'vi', hanoi)).toBe('thứ Tư, 02/12/2026, 08:00');
    expect(formatDateTime(at, 'vi', hanoi)).toBe('02/12/2026 08:00');
    expect(formatDate(at, 'vi', hanoi)).toBe('02/12/2026');
    const evening = new Date(Date.UTC(2026, 11, 6, 13, 5)); // 20:05 on a Sunday in Hà Nội
    expect(formatMeetingTime(evening, 'vi', hanoi)).toBe('Chủ nhật, 06/12/2026, 20:05');
    const midnight = new Date(Date.UTC(2026, 0, 4, 17, 0)); // 00:00, Monday 05/01/2026
    expect(formatMeetingTime(midnight, 'vi', hanoi)).toBe('thứ Hai, 05/01/2026, 00:00');
  });

  it('keeps English style in English', () => {
    expect(formatDate(at, 'en', hanoi)).toBe('December 2, 2026');
    expect(formatMeetingTime(at, 'en', hanoi)).toMatch(/^Wednesday, December 2, 2026.*8:00\sAM$/);
    expect(formatDateTime(at, 'en', { timeZone: 'UTC' })).toMatch(/^Dec 2, 2026.*1:00\sAM$/);
  });

  it('reads any non-English language as Vietnamese', () => {
    expect(languageOf('en-GB')).toBe('en');
    expect(languageOf('vi')).toBe('vi');
    expect(languageOf(undefined)).toBe('vi');
  });
});
