/**
 * Dates and times as each language writes them, in one place. Vietnamese: "thứ Tư, 02/12/2026,
 * 08:00" — weekday in words, dd/mm/yyyy, 24-hour clock (the style of official documents);
 * English keeps English style through Intl. The Vietnamese form is built from parts so it does
 * not depend on the ICU data a browser ships.
 */
import type { Language } from './index';

export interface DateOptions {
  /** IANA zone; the viewer's own zone when absent. */
  readonly timeZone?: string;
}

const WEEKDAYS_VI = ['Chủ nhật', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy'];
const WEEKDAY_INDEX: Readonly<Record<string, number>> = {
  Sun: 0,
  Mon: 1,
  Tue: 2,
  Wed: 3,
  Thu: 4,
  Fri: 5,
  Sat: 6,
};

interface Parts {
  readonly weekday: number;
  readonly day: string;
  readonly month: string;
  readonly year: string;
  readonly hour: string;
  readonly minute: string;
}

function partsOf(date: Date, timeZone: string | undefined): Parts {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((p) => p.type === type)?.value ?? '';
  return {
    weekday: WEEKDAY_INDEX[get('weekday')] ?? 0,
    day: get('day'),
    month: get('month'),
    year: get('year'),
    hour: get('hour'),
    minute: get('minute'),
  };
}

const viDate = (p: Parts) => `${p.day}/${p.month}/${p.year}`;
const viTime = (p: Parts) => `${p.hour}:${p.minute}`;

/** "02/12/2026" · "December 2, 2026". */
export function formatDate(date: Date, language: Language, options: DateOptions = {}): string {
  if (language === 'vi') return viDate(partsOf(date, options.timeZone));
  return new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: options.timeZone }).format(
    date,
  );
}

/** "02/12/2026 08:00" · "Dec 2, 2026, 8:00 AM". */
export function formatDateTime(date: Date, language: Language, options: DateOptions = {}): string {
  if (language === 'vi') {
    const p = partsOf(date, options.timeZone);
    return `${viDate(p)} ${viTime(p)}`;
  }
  return new Intl.DateTimeFormat('en', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: options.timeZone,
  }).format(date);
}

/** "thứ Tư, 02/12/2026, 08:00" · "Wednesday, December 2, 2026 at 8:00 AM". */
export function formatMeetingTime(
  date: Date,
  language: Language,
  options: DateOptions = {},
): string {
  if (language === 'vi') {
    const p = partsOf(date, options.timeZone);
    return `${WEEKDAYS_VI[p.weekday] ?? ''}, ${viDate(p)}, ${viTime(p)}`;
  }
  return new Intl.DateTimeFormat('en', {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone: options.timeZone,
  }).format(date);
}

/** i18next's language as ours: anything but English reads Vietnamese, the product's first. */
export const languageOf = (lng: string | undefined): Language =>
  lng?.startsWith('en') ? 'en' : 'vi';
