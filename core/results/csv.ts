/**
 * RFC 4180 CSV for spreadsheets: UTF-8 with a byte-order mark (so Excel reads Vietnamese as
 * UTF-8), CRLF line ends, fields quoted when they hold a comma, quote or line break. A cell
 * that a spreadsheet would run as a formula (starting with = + - @, or a tab or CR) gets a
 * leading apostrophe, as OWASP advises against CSV injection.
 */
import { OUTCOME_LABELS, STATE_LABELS, type ResultSheet } from './sheet';

export const CSV_BOM = '\uFEFF';
const FORMULA_START = /^[=+\-@\t\r]/u;

export function csvCell(value: string | number): string {
  let text = typeof value === 'number' ? String(value) : value.normalize('NFC');
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/u.test(text) ? `"${text.replace(/"/gu, '""')}"` : text;
}

/** The whole file, BOM first; every row has the header's width. */
export function toCsv(rows: readonly (readonly (string | number)[])[]): string {
  return CSV_BOM + rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export const RESULT_COLUMNS = [
  'STT',
  'Biểu quyết',
  'Nội dung chương trình',
  'Hình thức',
  'Trạng thái',
  'Kết quả',
  'Dòng',
  'Thành viên',
  'Phương án',
  'Số lượng',
  'Tỷ lệ (%)',
  'Cơ sở tính tỷ lệ',
  'Lý do hủy',
] as const;

/**
 * One row per results-table row ('Dòng' = "Kết quả"), then one per member of a named poll
 * ('Dòng' = "Danh sách"); a poll without a result has one row with its state. Percentages are
 * plain numbers with a dot (two decimals at most) so any spreadsheet reads them as numbers.
 */
export function resultsCsv(sheet: ResultSheet): string {
  const rows: (string | number)[][] = [[...RESULT_COLUMNS]];
  sheet.polls.forEach((poll, i) => {
    const head = [
      i + 1,
      poll.title,
      poll.agendaItemTitle,
      poll.kind === 'secret' ? 'Bỏ phiếu kín' : 'Biểu quyết công khai',
      STATE_LABELS[poll.state],
      poll.outcome === null ? '' : OUTCOME_LABELS[poll.outcome],
    ];
    const reason = poll.cancelledReason ?? '';
    const vote = poll.vote;
    if (vote === null || vote.options.length === 0) {
      rows.push([...head, 'Trạng thái', '', '', '', '', '', reason]);
      return;
    }
    for (const row of vote.options) {
      const percent = row.percent === null ? '' : row.percent;
      rows.push([...head, 'Kết quả', '', row.label, row.count, percent, vote.baseLabel, reason]);
    }
    for (const member of poll.named ?? []) {
      rows.push([...head, 'Danh sách', member.name, member.choice, '', '', '', reason]);
    }
  });
  return toCsv(rows);
}
