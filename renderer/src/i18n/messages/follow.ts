import { defineMessages } from '../define';

/** Follow the presenter. Keys start with `follow.`. */
export const followMessages = defineMessages(
  {
    'follow.snapBack': 'Theo người trình bày',
    'follow.detach': 'Xem tự do',
    'follow.following': 'Đang theo {{name}}',
    'follow.detached': 'Bạn đang xem tự do',
    'follow.presenting': 'Bạn đang trình bày',
    'follow.followers': '{{following}}/{{total}} người đang theo',
    'follow.detachedList': 'Đang xem tự do: {{names}}',
    'follow.present': 'Trình bày tài liệu này',
    'follow.stop': 'Dừng trình bày',
    'follow.assign': 'Giao trình bày cho…',
    'follow.assignLabel': 'Chọn người trình bày',
    'follow.noPresenter': 'Chưa có ai trình bày',
    'follow.error.not-presenter': 'Bạn không phải người đang trình bày.',
    'follow.error.forbidden': 'Chỉ chủ tọa mới giao quyền trình bày.',
    'follow.error.generic': 'Không cập nhật được vị trí trình bày.',
  },
  {
    'follow.snapBack': 'Follow the presenter',
    'follow.detach': 'Browse freely',
    'follow.following': 'Following {{name}}',
    'follow.detached': 'You are browsing on your own',
    'follow.presenting': 'You are presenting',
    'follow.followers': '{{following}}/{{total}} following',
    'follow.detachedList': 'Browsing on their own: {{names}}',
    'follow.present': 'Present this document',
    'follow.stop': 'Stop presenting',
    'follow.assign': 'Hand presenting to…',
    'follow.assignLabel': 'Choose the presenter',
    'follow.noPresenter': 'Nobody is presenting',
    'follow.error.not-presenter': 'You are not the presenter.',
    'follow.error.forbidden': 'Only the chair names the presenter.',
    'follow.error.generic': 'The presenter position could not be updated.',
  },
);
