import { defineMessages } from '../define';

/** The room's big screen (renderer/src/projector). Keys start with `projector.`. */
export const projectorMessages = defineMessages(
  {
    'projector.open': 'Màn hình phòng họp',
    'projector.clock': 'Giờ Hà Nội',
    'projector.item': 'Nội dung {{n}}',
    'projector.pollNamed': 'Đang biểu quyết (công khai)',
    'projector.pollSecret': 'Đang biểu quyết (bỏ phiếu kín)',
    'projector.cast': '{{cast}}/{{total}} đã biểu quyết',
    'projector.page': 'trang {{n}}',
    'projector.documentLoading': 'Đang tải tài liệu…',
    'projector.documentFailed': 'Không tải được tài liệu đang trình bày.',
  },
  {
    'projector.open': 'Room screen',
    'projector.clock': 'Hanoi time',
    'projector.item': 'Item {{n}}',
    'projector.pollNamed': 'Voting now (named)',
    'projector.pollSecret': 'Voting now (secret ballot)',
    'projector.cast': '{{cast}}/{{total}} have voted',
    'projector.page': 'page {{n}}',
    'projector.documentLoading': 'Loading the document…',
    'projector.documentFailed': 'The presented document could not be loaded.',
  },
);
