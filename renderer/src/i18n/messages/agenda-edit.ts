import { defineMessages } from '../define';

/** The agenda editor on the overview (renderer/src/meeting/AgendaEditor). Keys start with `agendaEdit.`. */
export const agendaEditMessages = defineMessages(
  {
    'agendaEdit.title': 'Sửa chương trình họp',
    'agendaEdit.titleLabel': 'Tên nội dung {{number}}',
    'agendaEdit.rename': 'Đổi tên',
    'agendaEdit.save': 'Lưu',
    'agendaEdit.cancel': 'Hủy',
    'agendaEdit.up': 'Đưa “{{title}}” lên',
    'agendaEdit.down': 'Đưa “{{title}}” xuống',
    'agendaEdit.remove': 'Xóa “{{title}}”',
    'agendaEdit.confirmRemove': 'Xóa nội dung “{{title}}” khỏi chương trình họp?',
    'agendaEdit.newLabel': 'Nội dung mới',
    'agendaEdit.newPlaceholder': 'Thêm nội dung vào cuối chương trình…',
    'agendaEdit.add': 'Thêm',
    'meeting.error.agenda-item-in-use':
      'Nội dung này đã có tài liệu, biểu quyết hoặc phát biểu nên không xóa được; hãy đổi tên hoặc chuyển chỗ.',
    'meeting.error.agenda-item-not-found': 'Nội dung này không còn trong chương trình.',
  },
  {
    'agendaEdit.title': 'Edit the agenda',
    'agendaEdit.titleLabel': 'Title of item {{number}}',
    'agendaEdit.rename': 'Rename',
    'agendaEdit.save': 'Save',
    'agendaEdit.cancel': 'Cancel',
    'agendaEdit.up': 'Move “{{title}}” up',
    'agendaEdit.down': 'Move “{{title}}” down',
    'agendaEdit.remove': 'Remove “{{title}}”',
    'agendaEdit.confirmRemove': 'Remove “{{title}}” from the agenda?',
    'agendaEdit.newLabel': 'New item',
    'agendaEdit.newPlaceholder': 'Add an item at the end of the agenda…',
    'agendaEdit.add': 'Add',
    'meeting.error.agenda-item-in-use':
      'This item already has documents, polls or speeches, so it cannot be removed; rename or move it instead.',
    'meeting.error.agenda-item-not-found': 'This item is no longer on the agenda.',
  },
);
