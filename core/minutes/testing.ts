/**
 * Sample minutes for tests and the benchmark: a union executive committee meeting with
 * Vietnamese names, and a long variant (about 50 pages) with lots of discussion.
 */
import type { MinutesData, RichText } from './types';

export const SAMPLE_SECRETARY = 'Nguyễn Tiến Sỹ';
export const SAMPLE_CHAIR = 'Trần Thị Hồng Nhung';

const SPEAKERS = ['Lê Văn Dũng', 'Phạm Thị Thu Hằng', 'Đặng Quốc Việt', 'Vũ Thị Ngọc Ánh'];

const SENTENCES = [
  'Đề nghị bổ sung số liệu thực hiện quý IV và làm rõ nguyên nhân các chỉ tiêu chưa đạt.',
  'Nguồn kinh phí cần được phân bổ theo đúng quy chế chi tiêu nội bộ đã được thông qua.',
  'Việc tổ chức hội nghị người lao động phải bảo đảm dân chủ, công khai và đúng tiến độ.',
  'Nhất trí với dự thảo, đề nghị chỉnh sửa câu chữ ở mục 3 cho rõ nghĩa hơn.',
  'Cần phối hợp chặt chẽ với phòng Tổ chức – Hành chính để rà soát danh sách đoàn viên.',
  'Kiến nghị ưu tiên hỗ trợ đoàn viên có hoàn cảnh khó khăn trước dịp Tết Nguyên đán.',
];

function discussion(itemIndex: number, paragraphs: number): RichText {
  const blocks: RichText[number][] = [];
  for (let p = 0; p < paragraphs; p++) {
    const speaker = SPEAKERS[(itemIndex + p) % SPEAKERS.length] ?? '';
    const body = Array.from(
      { length: 3 + (p % 3) },
      (_, k) => SENTENCES[(itemIndex * 7 + p * 3 + k) % SENTENCES.length],
    ).join(' ');
    blocks.push({
      type: 'paragraph',
      runs: [{ text: `Đồng chí ${speaker}`, bold: true }, { text: ': ' }, { text: body }],
    });
    if (p % 4 === 1) {
      blocks.push({
        type: 'list',
        ordered: p % 8 === 1,
        items: [
          [
            { text: 'Hoàn thiện báo cáo tổng kết năm ' },
            { text: 'trước ngày 15/12', italic: true },
          ],
          [
            { text: 'Rà soát quỹ phúc lợi và ' },
            { text: 'công khai', bold: true },
            { text: ' kết quả.' },
          ],
        ],
      });
    }
  }
  return blocks;
}

/** The sample meeting; `discussionParagraphs` per item makes it as long as needed. */
export function sampleMinutes(
  options: { discussionParagraphs?: number; items?: number } = {},
): MinutesData {
  const paragraphs = options.discussionParagraphs ?? 2;
  const titles = [
    'Báo cáo kết quả hoạt động công đoàn năm 2026',
    'Thông qua quy chế chi tiêu nội bộ sửa đổi',
    'Kế hoạch tổ chức Tết Nguyên đán Bính Ngọ cho đoàn viên',
  ];
  const count = options.items ?? titles.length;
  return {
    parentOrganisation: 'Công đoàn Viên chức Việt Nam',
    organisation: 'Công đoàn Văn phòng Quốc hội',
    documentNumber: '12/BB-CĐ',
    meetingTitle: 'Họp Ban Chấp hành Công đoàn mở rộng, kỳ họp thứ Mười Một',
    place: 'Phòng họp số 3, tầng 2, Nhà Quốc hội, số 1 Độc Lập, Ba Đình, Hà Nội',
    locality: 'Hà Nội',
    startsAt: { iso: '2026-11-28T01:30:00Z', utcOffsetMinutes: 420 },
    endsAt: { iso: '2026-11-28T04:15:00Z', utcOffsetMinutes: 420 },
    chair: { name: SAMPLE_CHAIR, role: 'Chủ tịch Công đoàn' },
    secretary: { name: SAMPLE_SECRETARY, role: 'Ủy viên Ban Chấp hành' },
    attendance: [
      { name: SAMPLE_CHAIR, role: 'Chủ tịch Công đoàn', present: true },
      { name: SAMPLE_SECRETARY, role: 'Ủy viên Ban Chấp hành', present: true },
      { name: 'Lê Văn Dũng', role: 'Phó Chủ tịch Công đoàn', present: true },
      { name: 'Phạm Thị Thu Hằng', role: 'Ủy viên Ban Thường vụ', present: true },
      { name: 'Đặng Quốc Việt', role: 'Ủy viên Ban Chấp hành', present: true },
      { name: 'Vũ Thị Ngọc Ánh', role: 'Ủy viên Ban Chấp hành', present: true },
      {
        name: 'Hoàng Minh Tuấn',
        role: 'Ủy viên Ban Chấp hành',
        present: false,
        note: 'vắng có lý do: đi công tác',
      },
    ],
    items: Array.from({ length: count }, (_, i) => ({
      title: titles[i % titles.length] ?? '',
      discussion: discussion(i, paragraphs),
      decisions: [
        {
          type: 'paragraph',
          runs: [
            { text: 'Ban Chấp hành ' },
            { text: 'thống nhất', bold: true },
            { text: ' thông qua nội dung; giao Văn phòng hoàn thiện và ' },
            { text: 'báo cáo tại kỳ họp sau', italic: true },
            { text: '.' },
          ],
        },
      ],
    })),
    votes: [
      {
        agendaItemTitle: titles[1] ?? '',
        title: 'Biểu quyết thông qua quy chế chi tiêu nội bộ sửa đổi',
        kind: 'named',
        options: [
          { label: 'Tán thành', count: 5, percent: 83.33 },
          { label: 'Không tán thành', count: 1, percent: 16.67 },
          { label: 'Không biểu quyết', count: 0, percent: 0 },
        ],
        cast: 6,
        eligible: 7,
        baseLabel: 'Số thành viên biểu quyết',
        quorumMet: true,
        passed: true,
      },
      {
        agendaItemTitle: titles[2] ?? '',
        title: 'Bỏ phiếu chọn mức quà Tết cho đoàn viên',
        kind: 'secret',
        options: [
          { label: 'Mức 1.000.000 đồng', count: 2, percent: 28.57 },
          { label: 'Mức 1.500.000 đồng', count: 3, percent: 42.86 },
          { label: 'Không biểu quyết', count: 1, percent: 14.29 },
        ],
        cast: 6,
        eligible: 7,
        baseLabel: 'Tổng số thành viên Ban Chấp hành',
        quorumMet: true,
        passed: false,
      },
    ],
  };
}

/** The sample meeting with enough discussion for 50 A4 pages (the benchmark's document). */
export function longSampleMinutes(): MinutesData {
  return sampleMinutes({ discussionParagraphs: 47, items: 6 });
}
