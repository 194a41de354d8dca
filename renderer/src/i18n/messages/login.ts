import { defineMessages } from '../define';

/** Login, the member’s certificates and the session. */
export const loginMessages = defineMessages(
  {
    'account.label': 'Tài khoản',
    'account.logout': 'Đăng xuất',
    'account.admin': 'Quản trị viên',
    'login.title': 'Đăng nhập',
    'login.intro': 'Đăng nhập bằng chứng thư số do đơn vị cấp cho bạn.',
    'login.choose': 'Chọn chứng thư số',
    'login.none': 'Máy này chưa có chứng thư số nào. Hãy nhập tệp .p12 do đơn vị cấp.',
    'login.email': 'Thư điện tử',
    'login.issuer': 'Cấp bởi',
    'login.validUntil': 'Hiệu lực đến',
    'login.expiredTag': 'Đã hết hạn',
    'login.remove': 'Xóa',
    'login.removeLabel': 'Xóa chứng thư số của {{name}} khỏi máy này',
    'login.removeConfirm':
      'Xóa chứng thư số của {{name}} khỏi máy này? Bạn sẽ cần tệp .p12 để nhập lại.',
    'login.password': 'Mật khẩu chứng thư số',
    'login.submit': 'Đăng nhập',
    'login.busy': 'Đang đăng nhập…',
    'login.import': 'Nhập tệp .p12',
    'login.importDialogTitle': 'Chọn tệp chứng thư số (.p12, .pfx)',
    'login.importHeading': 'Nhập tệp {{fileName}}',
    'login.importPassword': 'Mật khẩu của tệp',
    'login.importSubmit': 'Nhập và đăng nhập',
    'login.shared.label': 'Máy dùng chung',
    'login.shared.text':
      'Bạn đã đăng xuất. Máy này vẫn giữ chứng thư số của {{name}}. Nếu đây là máy dùng chung, hãy xóa để người sau không thấy và không dùng được.',
    'login.shared.remove': 'Xóa khỏi máy này',
    'login.shared.keep': 'Giữ lại',
    'login.importCancel': 'Hủy',
    'login.importBusy': 'Đang kiểm tra tệp…',
    'login.imported': 'Đã nhập chứng thư số của {{name}}.',
    'login.passwordRequired': 'Hãy nhập mật khẩu.',
    'login.chooseRequired': 'Hãy chọn một chứng thư số.',
    'session.expired': 'Phiên làm việc đã hết hạn. Hãy đăng nhập lại.',
    'login.error.p12-bad-password': 'Sai mật khẩu của tệp chứng thư số.',
    'login.error.p12-malformed': 'Tệp này không phải tệp chứng thư số .p12, hoặc tệp đã bị hỏng.',
    'login.error.p12-incomplete': 'Tệp .p12 thiếu khóa bí mật hoặc chứng thư số.',
    'login.error.p12-key-mismatch': 'Khóa bí mật trong tệp không khớp với chứng thư số.',
    'login.error.p12-unsupported':
      'Tệp .p12 dùng thuật toán chưa được hỗ trợ (chỉ hỗ trợ khóa RSA).',
    'login.error.p12-too-large': 'Tệp quá lớn (trên 1 MiB) nên không phải tệp .p12.',
    'login.error.cert-malformed': 'Chứng thư số bị hỏng.',
    'login.error.cert-unsupported': 'Chứng thư số dùng tính năng chưa được hỗ trợ.',
    'login.error.cert-expired': 'Chứng thư số đã hết hạn. Hãy đề nghị đơn vị cấp chứng thư mới.',
    'login.error.cert-not-yet-valid':
      'Chứng thư số chưa đến ngày có hiệu lực. Hãy kiểm tra đồng hồ của máy tính.',
    'login.error.cert-key-usage':
      'Chứng thư số này không được phép dùng để ký nên không thể đăng nhập.',
    'login.error.cert-untrusted': 'Máy chủ không tin cậy đơn vị đã cấp chứng thư số này.',
    // trust lists, purposes and revocation (issue #15)
    'login.error.cert-eku': 'Chứng thư số này không được cấp cho mục đích đăng nhập.',
    'login.error.cert-policy': 'Chứng thư số không thuộc chính sách chứng thư mà đơn vị yêu cầu.',
    'login.error.cert-chain-incomplete':
      'Thiếu chứng thư của đơn vị cấp trung gian. Hãy đề nghị quản trị viên bổ sung.',
    'login.error.cert-revoked': 'Chứng thư số này đã bị thu hồi.',
    'login.error.cert-revocation-unknown':
      'Đơn vị cấp không xác nhận được tình trạng chứng thư số này.',
    'login.error.cert-revocation-unreachable':
      'Không kiểm tra được tình trạng thu hồi của chứng thư số. Hãy thử lại sau.',
    'login.error.trust-invalid': 'Danh sách tin cậy của máy chủ bị lỗi. Hãy liên hệ quản trị viên.',
    'login.error.cert-bad-signature': 'Chữ ký của đơn vị cấp trên chứng thư số không hợp lệ.',
    'login.error.login-bad-signature': 'Chữ ký đăng nhập không khớp với chứng thư số.',
    'login.error.login-malformed': 'Yêu cầu đăng nhập không hợp lệ. Hãy thử lại.',
    'login.error.login-wrong-origin': 'Ứng dụng chỉ ký đăng nhập cho máy chủ mà nó đã kết nối.',
    'login.error.nonce-unknown':
      'Lượt đăng nhập đã hết hạn hoặc đã được dùng. Hãy bấm Đăng nhập lại.',
    'login.error.member-unknown':
      'Chứng thư số hợp lệ nhưng chưa gắn với thành viên nào. Hãy liên hệ quản trị viên.',
    'login.error.certificate-pending-approval':
      'Chứng thư số hợp lệ nhưng chưa được ghi danh. Yêu cầu đã được ghi lại: hãy đợi quản trị viên duyệt.',
    'login.error.rate-limited': 'Có quá nhiều lần đăng nhập. Hãy đợi một lát rồi thử lại.',
    'login.error.identity-not-found': 'Chứng thư số này không còn trên máy. Hãy nhập lại tệp .p12.',
    'login.error.network': 'Không kết nối được máy chủ. Hãy kiểm tra mạng rồi thử lại.',
    'login.error.unexpected': 'Đã xảy ra lỗi ngoài dự kiến.',
  },
  {
    'account.label': 'Account',
    'account.logout': 'Log out',
    'account.admin': 'Administrator',
    'login.title': 'Log in',
    'login.intro': 'Log in with the digital certificate your organisation issued to you.',
    'login.choose': 'Choose a certificate',
    'login.none':
      'This computer holds no certificate yet. Import the .p12 file your organisation gave you.',
    'login.email': 'E-mail',
    'login.issuer': 'Issued by',
    'login.validUntil': 'Valid until',
    'login.expiredTag': 'Expired',
    'login.remove': 'Remove',
    'login.removeLabel': 'Remove the certificate of {{name}} from this computer',
    'login.removeConfirm':
      'Remove the certificate of {{name}} from this computer? You will need the .p12 file to import it again.',
    'login.password': 'Certificate password',
    'login.submit': 'Log in',
    'login.busy': 'Logging in…',
    'login.import': 'Import a .p12 file',
    'login.importDialogTitle': 'Choose a certificate file (.p12, .pfx)',
    'login.importHeading': 'Import {{fileName}}',
    'login.importPassword': 'Password of the file',
    'login.importSubmit': 'Import and log in',
    'login.shared.label': 'Shared computer',
    'login.shared.text':
      'You have logged out. This computer still holds the certificate of {{name}}. If it is a shared computer, remove it so the next person neither sees nor uses it.',
    'login.shared.remove': 'Remove from this computer',
    'login.shared.keep': 'Keep it',
    'login.importCancel': 'Cancel',
    'login.importBusy': 'Checking the file…',
    'login.imported': 'Imported the certificate of {{name}}.',
    'login.passwordRequired': 'Enter the password.',
    'login.chooseRequired': 'Choose a certificate.',
    'session.expired': 'Your session has expired. Please log in again.',
    'login.error.p12-bad-password': 'Wrong password for this certificate file.',
    'login.error.p12-malformed': 'This file is not a .p12 certificate file, or it is damaged.',
    'login.error.p12-incomplete': 'The .p12 file lacks its private key or its certificate.',
    'login.error.p12-key-mismatch':
      'The private key in the file does not belong to its certificate.',
    'login.error.p12-unsupported':
      'The .p12 file uses an algorithm that is not supported (only RSA keys are).',
    'login.error.p12-too-large': 'The file is too large (over 1 MiB) to be a .p12 file.',
    'login.error.cert-malformed': 'The certificate is damaged.',
    'login.error.cert-unsupported': 'The certificate uses a feature that is not supported.',
    'login.error.cert-expired': 'The certificate has expired. Ask your organisation for a new one.',
    'login.error.cert-not-yet-valid':
      'The certificate is not valid yet. Check this computer’s clock.',
    'login.error.cert-key-usage':
      'This certificate may not be used for signing, so it cannot log in.',
    'login.error.cert-untrusted':
      'The server does not trust the authority that issued this certificate.',
    // trust lists, purposes and revocation (issue #15)
    'login.error.cert-eku': 'This certificate was not issued for logging in.',
    'login.error.cert-policy':
      'The certificate is not under a certificate policy your organisation requires.',
    'login.error.cert-chain-incomplete':
      'An intermediate CA certificate is missing. Ask the administrator to add it.',
    'login.error.cert-revoked': 'This certificate has been revoked.',
    'login.error.cert-revocation-unknown':
      'The issuing CA does not confirm the status of this certificate.',
    'login.error.cert-revocation-unreachable':
      'The revocation status of the certificate could not be checked. Try again later.',
    'login.error.trust-invalid': "The server's trust list is broken. Contact the administrator.",
    'login.error.cert-bad-signature': 'The issuer’s signature on this certificate is not valid.',
    'login.error.login-bad-signature': 'The login signature does not match the certificate.',
    'login.error.login-malformed': 'The login request was malformed. Please try again.',
    'login.error.login-wrong-origin':
      'The app signs logins only for the server it is connected to.',
    'login.error.nonce-unknown':
      'The login challenge expired or was already used. Press Log in again.',
    'login.error.member-unknown':
      'The certificate is valid but belongs to no member. Contact the administrator.',
    'login.error.certificate-pending-approval':
      'The certificate is trusted but not enrolled yet. The request was recorded: wait for an administrator to approve it.',
    'login.error.rate-limited': 'Too many login attempts. Wait a moment and try again.',
    'login.error.identity-not-found':
      'This certificate is no longer on this computer. Import the .p12 file again.',
    'login.error.network': 'Could not reach the server. Check the network and try again.',
    'login.error.unexpected': 'Something unexpected went wrong.',
  },
);
