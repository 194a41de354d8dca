import { describe, expect, it } from 'vitest';
import { attendanceLines, voteLines } from './generated-view';

describe('generated sections as the editor shows them', () => {
  it('lists attendance as the PDF does: by given name, positions, present then absent', () => {
    const lines = attendanceLines([
      { name: 'Nguyễn Tiến Sỹ', role: 'secretary', position: 'Chánh Văn phòng', present: true },
      { name: 'Vũ Văn An', role: 'delegate', position: null, present: true },
      { name: 'Lê Văn Dũng', role: 'delegate', position: null, present: false },
    ]);
    expect(lines.map((l) => l.text)).toEqual([
      'Thành viên có mặt: 2/3',
      '1. Vũ Văn An – Đại biểu',
      '2. Nguyễn Tiến Sỹ – Chánh Văn phòng',
      'Thành viên vắng mặt: 1/3',
      '1. Lê Văn Dũng – Đại biểu',
    ]);
  });

  it('shows the notes the PDF prints after names, and leaves out the room screen as it does', () => {
    const lines = attendanceLines([
      {
        name: 'Đặng Quốc Việt',
        role: 'delegate',
        position: 'Ủy viên Ban Chấp hành',
        present: true,
        note: 'đến muộn lúc 08 giờ 40 phút',
      },
      { name: 'Hoàng Minh Tuấn', role: 'delegate', position: null, present: false, note: '' },
      { name: 'Màn hình phòng họp', role: 'display', position: null, present: false },
    ]);
    expect(lines.map((l) => l.text)).toEqual([
      'Thành viên có mặt: 1/2',
      '1. Đặng Quốc Việt – Ủy viên Ban Chấp hành (đến muộn lúc 08 giờ 40 phút)',
      'Thành viên vắng mặt: 1/2',
      '1. Hoàng Minh Tuấn – Đại biểu',
    ]);
  });

  it('shows the recorded figures of each poll, with the quorum and the result', () => {
    const lines = voteLines([
      {
        title: 'Thông qua chương trình',
        options: [
          { label: 'Tán thành', count: 3, percent: 75 },
          { label: 'Không tán thành', count: 1, percent: 25 },
        ],
        cast: 4,
        eligible: 5,
        quorumMet: true,
        passed: true,
      },
    ]);
    expect(lines.map((l) => l.text)).toEqual([
      'Thông qua chương trình',
      'Tán thành: 3 (75%)',
      'Không tán thành: 1 (25%)',
      'Số thành viên biểu quyết: 4/5',
      'Túc số: Đạt',
      'Kết quả: THÔNG QUA',
    ]);
    expect(voteLines([]).map((l) => l.text)).toEqual(['Không có nội dung biểu quyết.']);
  });
});
