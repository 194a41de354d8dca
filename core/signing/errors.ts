import { CodedError } from '../errors/coded-error';

/**
 * Stable codes for problems a user can cause (bad PDF, bad certificate, bad options). They keep
 * their SCREAMING_CASE: they cross the bridge to the renderer and the admin CLI prints them
 * (`error [PDF_MALFORMED]: …`), so operators' scripts may read them.
 */
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
  | 'CMS_MALFORMED'
  /** A signature or seal image for the appearance is not a usable RGB(A) raster. */
  | 'APPEARANCE_IMAGE_INVALID'
  /** The certificate's key is neither RSA nor EC on a NIST curve, or the signer cannot use it. */
  | 'SIGNER_KEY_UNSUPPORTED';

export class SigningError extends CodedError<SigningErrorCode> {
  override readonly name = 'SigningError';
}
