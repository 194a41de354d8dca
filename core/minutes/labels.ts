/**
 * The Vietnamese wording of a biên bản (the legal language of the document, so not i18n keys),
 * and Vietnamese date and number formats.
 */
import type { MeetingRole } from '../roles/permissions';
import type { MinutesTime } from './types';

/** Roles as the biên bản, its generated blocks and the visible signatures name them. */
export const ROLE_TITLES: Readonly<Record<MeetingRole, string>> = {
  chair: 'Chủ tọa',
  secretary: 'Thư ký',
  delegate: 'Đại biểu',
  observer: 'Quan sát viên',
  display: 'Màn hình phòng họp',
};

export const LABELS = {
  nation: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  motto: 'Độc lập - Tự do - Hạnh phúc',
  title: 'BIÊN BẢN',
  number: 'Số:',
  sectionTime: 'I. THỜI GIAN, ĐỊA ĐIỂM',
  sectionAttendance: 'II. THÀNH PHẦN THAM DỰ',
  sectionContent: 'III. NỘI DUNG',
  sectionVotes: 'IV. KẾT QUẢ BIỂU QUYẾT',
  startsAt: 'Thời gian:',
  place: 'Địa điểm:',
  chair: 'Chủ trì:',
  secretary: 'Thư ký:',
  present: 'Thành viên có mặt',
  absent: 'Thành viên vắng mặt',
  discussion: 'Ý kiến thảo luận:',
  decisions: 'Kết luận:',
  noItems: 'Không có nội dung.',
  noVotes: 'Không có nội dung biểu quyết.',
  agendaItem: 'Nội dung',
  voteOption: 'Phương án',
  voteCount: 'Số phiếu',
  votePercent: 'Tỷ lệ',
  voteBase: 'Cơ sở tính tỷ lệ',
  voteTurnout: 'Số thành viên biểu quyết',
  voteKind: 'Hình thức',
  named: 'Biểu quyết công khai',
  secret: 'Bỏ phiếu kín',
  quorum: 'Túc số',
  quorumMet: 'Đạt',
  quorumNotMet: 'Không đạt',
  result: 'Kết quả',
  passed: 'THÔNG QUA',
  notPassed: 'KHÔNG THÔNG QUA',
  secretaryTitle: 'THƯ KÝ',
  chairTitle: 'CHỦ TỌA',
  signHint: '(Ký số)',
  cancelled: 'Đã hủy',
  recipients: 'Nơi nhận:',
  archive: 'Lưu:',
} as const;

export interface LocalTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
}

/** The wall-clock time at `t` in its own zone, without touching the machine's zone. */
export function localTime(t: MinutesTime): LocalTime {
  const d = new Date(Date.parse(t.iso) + t.utcOffsetMinutes * 60_000);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
  };
}

const two = (n: number): string => String(n).padStart(2, '0');

/** "ngày 28 tháng 11 năm 2026". */
export function vietnameseDate(t: LocalTime): string {
  // Decree 30/2020: days below 10 and months 1–2 are written with a leading zero.
  const day = t.day < 10 ? two(t.day) : String(t.day);
  const month = t.month < 3 ? two(t.month) : String(t.month);
  return `ngày ${day} tháng ${month} năm ${t.year}`;
}

/** "08 giờ 30 phút". */
export function vietnameseClock(t: LocalTime): string {
  return `${two(t.hour)} giờ ${two(t.minute)} phút`;
}

export function sameDay(a: LocalTime, b: LocalTime): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day;
}

/** "dd/mm/yyyy hh:mm" (the signature boxes' time, in the zone `t` carries). */
export function vietnameseDateTime(t: LocalTime): string {
  return `${two(t.day)}/${two(t.month)}/${t.year} ${two(t.hour)}:${two(t.minute)}`;
}

/** 66.6666 → "66,67%" (Vietnamese decimal comma, at most two decimals). */
export function vietnamesePercent(percent: number): string {
  const rounded = Math.round(percent * 100) / 100;
  return `${String(rounded).replace('.', ',')}%`;
}
