import { defineMessages } from '../define';

/**
 * The desktop signing dialog's USB token picker (renderer/src/minutes/TokenPicker.tsx). Keys
 * start with `tokenPicker.`; the token refusals themselves are `minutes.error.token-*`.
 */
export const tokenPickerMessages = defineMessages(
  {
    'tokenPicker.source': 'Ký bằng',
    'tokenPicker.source.token': 'Thiết bị ký số (USB token)',
    'tokenPicker.source.p12': 'Tệp chứng thư số .p12',
    'tokenPicker.explain':
      'Khóa nằm trong thiết bị ký số và không rời khỏi thiết bị. Mã PIN được hỏi trong cửa sổ riêng của ứng dụng khi bấm Ký.',
    'tokenPicker.certificates': 'Chứng thư số trên thiết bị',
    'tokenPicker.loading': 'Đang tìm thiết bị ký số…',
    'tokenPicker.none': 'Không tìm thấy thiết bị ký số',
    'tokenPicker.none.hint': 'Hãy cắm USB token vào máy rồi bấm Thử lại.',
    'tokenPicker.noCertificate': 'Thiết bị ký số không chứa chứng thư số nào.',
    'tokenPicker.rescan': 'Thử lại',
    'tokenPicker.token': 'Thiết bị: {{label}}',
    'tokenPicker.issuer': 'Nơi cấp: {{issuer}}',
    'tokenPicker.serial': 'Số hiệu: {{serial}}',
    'tokenPicker.validity': 'Hiệu lực: {{from}} – {{to}}',
    'tokenPicker.problem.expired': 'Hết hạn',
    'tokenPicker.problem.not-yet-valid': 'Chưa hiệu lực',
    'tokenPicker.problem.key-missing': 'Không có khóa ký trên thiết bị',
  },
  {
    'tokenPicker.source': 'Sign with',
    'tokenPicker.source.token': 'Signing token (USB token)',
    'tokenPicker.source.p12': '.p12 certificate file',
    'tokenPicker.explain':
      'The key stays inside the token. The PIN is asked in the app’s own window when you press Sign.',
    'tokenPicker.certificates': 'Certificates on the token',
    'tokenPicker.loading': 'Looking for signing tokens…',
    'tokenPicker.none': 'No signing token found',
    'tokenPicker.none.hint': 'Plug the USB token in, then press Try again.',
    'tokenPicker.noCertificate': 'The signing token holds no certificate.',
    'tokenPicker.rescan': 'Try again',
    'tokenPicker.token': 'Token: {{label}}',
    'tokenPicker.issuer': 'Issuer: {{issuer}}',
    'tokenPicker.serial': 'Serial: {{serial}}',
    'tokenPicker.validity': 'Valid: {{from}} – {{to}}',
    'tokenPicker.problem.expired': 'Expired',
    'tokenPicker.problem.not-yet-valid': 'Not yet valid',
    'tokenPicker.problem.key-missing': 'No signing key on the token',
  },
);
