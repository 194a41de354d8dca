/** Stable codes for problems a user can cause (bad PDF, bad certificate, bad options). */
export type SigningErrorCode =
  | 'PDF_MALFORMED'
  | 'PDF_ENCRYPTED'
  | 'PDF_UNSUPPORTED'
  | 'SIGNATURE_FIELD_TAKEN'
  | 'SIGNATURE_FIELD_NOT_SIGNATURE'
  | 'SIGNATURE_TOO_LARGE'
  | 'PAGE_NOT_FOUND'
  | 'DOCUMENT_CERTIFIED_NO_CHANGES'
  | 'CERTIFICATION_NOT_FIRST'
  | 'CERTIFICATE_MALFORMED'
  | 'CMS_MALFORMED';

export class SigningError extends Error {
  override readonly name = 'SigningError';
  constructor(
    readonly code: SigningErrorCode,
    message: string,
  ) {
    super(message);
  }
}
