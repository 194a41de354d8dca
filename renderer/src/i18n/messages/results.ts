import { defineMessages } from '../define';

/**
 * Results that add up (issue 12 §3): the extra rows of a results table, cancelling with a
 * reason, the meeting-wide results list and its export. Errors are `results.error.<code>`
 * (export) and `votes.error.<code>` (cancelling).
 */
export const resultsMessages = defineMessages(
  {
    'votes.row.notVoted': 'Không tham gia biểu quyết',
    'votes.row.absent': 'Vắng mặt',
    'votes.row.outsideBase': 'Không tính vào cơ sở tỷ lệ',
    'votes.cancel.reasonRequired': 'Lý do hủy (bắt buộc, sẽ ghi vào biên bản)',
    'votes.cancel.reasonOptional': 'Lý do hủy (không bắt buộc)',
    'votes.error.cancel-reason-required':
      'Biểu quyết đã kết thúc: chỉ có thể hủy khi nêu lý do (lý do được ghi vào biên bản).',
    'votes.error.bad-cancel-reason': 'Lý do hủy phải có từ 1 đến 500 ký tự.',
    'results.nav': 'Kết quả biểu quyết',
    'results.heading': 'Kết quả biểu quyết của cuộc họp',
    'results.empty': 'Cuộc họp chưa có biểu quyết nào.',
    'results.poll': 'Biểu quyết',
    'results.item': 'Nội dung chương trình',
    'results.state': 'Trạng thái',
    'results.cancelledReason': 'Đã hủy: {{reason}}',
    'results.export.all': 'Xuất toàn bộ kết quả',
    'results.export.one': 'Xuất',
    'results.export.csv': 'Tải CSV',
    'results.export.pdf': 'Tải PDF',
    'results.error.bad-export-format': 'Chỉ xuất được CSV hoặc PDF.',
    'results.error.forbidden': 'Vai trò của bạn không được xuất kết quả.',
    'results.error.poll-not-found': 'Không tìm thấy biểu quyết này.',
    'results.error.network': 'Không kết nối được máy chủ. Hãy kiểm tra mạng rồi thử lại.',
    'results.error.unexpected': 'Không xuất được kết quả. Hãy thử lại.',
    'votes.result.admittedLate': 'Đến muộn, được Chủ tọa cho biểu quyết lúc {{time}}',
  },
  {
    'votes.row.notVoted': 'Did not vote',
    'votes.row.absent': 'Absent',
    'votes.row.outsideBase': 'Not part of the base',
    'votes.cancel.reasonRequired': 'Reason for cancelling (required, printed in the minutes)',
    'votes.cancel.reasonOptional': 'Reason for cancelling (optional)',
    'votes.error.cancel-reason-required':
      'The vote is closed: it can only be cancelled with a reason (printed in the minutes).',
    'votes.error.bad-cancel-reason': 'The reason must be 1 to 500 characters.',
    'results.nav': 'Vote results',
    'results.heading': 'Vote results of the meeting',
    'results.empty': 'This meeting has no votes yet.',
    'results.poll': 'Vote',
    'results.item': 'Agenda item',
    'results.state': 'State',
    'results.cancelledReason': 'Cancelled: {{reason}}',
    'results.export.all': 'Export all results',
    'results.export.one': 'Export',
    'results.export.csv': 'Download CSV',
    'results.export.pdf': 'Download PDF',
    'results.error.bad-export-format': 'Only CSV or PDF can be exported.',
    'results.error.forbidden': 'Your role may not export results.',
    'results.error.poll-not-found': 'This vote was not found.',
    'results.error.network': 'Cannot reach the server. Check the network and try again.',
    'results.error.unexpected': 'The results could not be exported. Try again.',
    'votes.result.admittedLate': 'Arrived late, admitted to the vote by the chair at {{time}}',
  },
);
