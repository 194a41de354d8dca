import { defineMessages } from '../define';

/** The room's banner when the sync server closed a connection with a reason (core/docs/close-codes). */
export const connectionMessages = defineMessages(
  {
    'syncProblem.label': 'Sự cố đồng bộ',
    'syncProblem.doc.control': 'Dữ liệu điều hành cuộc họp',
    'syncProblem.doc.shared': 'Tài liệu chung',
    'syncProblem.doc.private': 'Ghi chú riêng của bạn',
    'syncProblem.session-ended': 'Phiên đăng nhập đã kết thúc; hãy đăng nhập lại.',
    'syncProblem.access-changed':
      'Quyền của bạn trong cuộc họp đã thay đổi; máy chủ không nhận thay đổi của bạn nữa ({{doc}}). Thay đổi chưa gửi vẫn được giữ trên máy này. Hãy hỏi thư ký hoặc chủ tọa cuộc họp.',
    'syncProblem.quota-exceeded':
      '{{doc}} đã đạt giới hạn dung lượng; thay đổi mới không được lưu trên máy chủ. Thay đổi của bạn vẫn được giữ trên máy này nhưng chưa được gửi đi. Hãy báo quản trị viên.',
    'syncProblem.storage-full':
      'Máy chủ đã hết dung lượng lưu trữ; thay đổi mới chưa được lưu. Thay đổi của bạn vẫn được giữ trên máy này. Hãy báo quản trị viên.',
    'syncProblem.slow-consumer':
      'Kết nối quá chậm nên máy chủ đã ngắt; đang kết nối lại. Nếu còn lặp lại, hãy kiểm tra mạng.',
    'syncProblem.too-many-connections':
      'Tài khoản của bạn đang mở cuộc họp ở quá nhiều cửa sổ hoặc máy; máy chủ không nhận thêm kết nối. Hãy đóng bớt cửa sổ không dùng; ứng dụng sẽ tự thử lại.',
    'syncProblem.too-many-messages':
      'Máy này gửi quá nhiều tin trong thời gian ngắn nên máy chủ đã ngắt kết nối; đang kết nối lại.',
    'syncProblem.too-big':
      'Một thay đổi quá lớn để máy chủ nhận; nó vẫn được giữ trên máy này nhưng chưa được gửi đi. Nếu còn lặp lại, hãy báo quản trị viên.',
    'syncProblem.server-error': 'Máy chủ gặp lỗi và đã ngắt kết nối; đang kết nối lại.',
    'syncProblem.server-restarting': 'Máy chủ đang khởi động lại; đang kết nối lại.',
    'syncProblem.refused-data':
      'Máy chủ từ chối dữ liệu từ máy này; thay đổi chưa gửi vẫn được giữ trên máy này. Nếu còn lặp lại, hãy báo quản trị viên.',
    'syncProblem.retrySeconds': 'Ứng dụng sẽ tự thử kết nối lại sau {{n}} giây.',
    'syncProblem.retryMinutes': 'Ứng dụng sẽ tự thử kết nối lại sau {{n}} phút.',
    'syncProblem.offline':
      'Mất kết nối tới máy chủ. Ứng dụng đang tự kết nối lại; những gì bạn làm vẫn được giữ trên máy này và sẽ được gửi khi có kết nối.',
    'syncProblem.controlNewer':
      'Cuộc họp này được máy chủ lưu theo một phiên bản Diên Hồng mới hơn ứng dụng này; một số thông tin có thể hiển thị không đúng. Hãy cập nhật ứng dụng.',
  },
  {
    'syncProblem.label': 'Sync problem',
    'syncProblem.doc.control': 'the meeting’s control data',
    'syncProblem.doc.shared': 'the shared document',
    'syncProblem.doc.private': 'your private notes',
    'syncProblem.session-ended': 'Your session has ended; please log in again.',
    'syncProblem.access-changed':
      'Your rights in this meeting have changed; the server no longer accepts your changes to {{doc}}. Unsent changes are kept on this computer. Ask the secretary or the chair.',
    'syncProblem.quota-exceeded':
      'The size limit of {{doc}} has been reached; new changes are not saved on the server. Your changes are kept on this computer but have not been sent. Tell the administrator.',
    'syncProblem.storage-full':
      'The server has run out of storage space; new changes are not saved yet. Your changes are kept on this computer. Tell the administrator.',
    'syncProblem.slow-consumer':
      'The connection was too slow, so the server closed it; reconnecting. If this keeps happening, check the network.',
    'syncProblem.too-many-connections':
      'Your account has this meeting open in too many windows or computers; the server accepts no more connections. Close the windows you do not use; the app will try again by itself.',
    'syncProblem.too-many-messages':
      'This computer sent too many messages in a short time, so the server closed the connection; reconnecting.',
    'syncProblem.too-big':
      'A change was too large for the server; it is kept on this computer but has not been sent. If this keeps happening, tell the administrator.',
    'syncProblem.server-error':
      'The server ran into an error and closed the connection; reconnecting.',
    'syncProblem.server-restarting': 'The server is restarting; reconnecting.',
    'syncProblem.refused-data':
      'The server refused data from this computer; unsent changes are kept here. If this keeps happening, tell the administrator.',
    'syncProblem.retrySeconds': 'The app will try to reconnect in {{n}} seconds.',
    'syncProblem.retryMinutes': 'The app will try to reconnect in {{n}} minutes.',
    'syncProblem.offline':
      'The connection to the server is lost. The app is reconnecting by itself; what you do is kept on this computer and sent once connected.',
    'syncProblem.controlNewer':
      'The server keeps this meeting in a newer version of Diên Hồng than this app; some information may show wrongly. Please update the app.',
  },
);
