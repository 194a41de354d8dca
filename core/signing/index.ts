/** Public API of PDF signing: sign (PAdES B-B, incremental) and verify. */
export {
  signPdf,
  preparePdfSignature,
  DEFAULT_CONTENTS_SIZE,
  contentsSizeFor,
  type PreparedPdfSignature,
  type PrepareSignatureOptions,
  type SignPdfOptions,
  type SignatureAppearance,
} from './pades';
export {
  verifyPdf,
  verifyPdfSignatures,
  type VerifyPdfOptions,
  type PdfSignatureReport,
  type SignatureTimestampReport,
  type PdfVerification,
} from './verify';
export { type SignatureVerdict, fileVerdict, signatureVerdict } from './verdict';
export {
  REVOCATION_NOT_CHECKED,
  revokedRelativeTo,
  type SignerRevocation,
  type SignerRevocationCheck,
  type SignerRevocationQuery,
  type SignerRevocationStatus,
} from './signer-revocation';
export type {
  ChangeAnalysis,
  ModificationLevel,
  PermittedChange,
  RefusedChange,
  RefusedChangeCode,
} from './diff-vocabulary';
export { type DocMdpPermission } from './docmdp';
export {
  assembleDetachedCms,
  buildDetachedCms,
  buildSignedAttributes,
  keySchemeOf,
  signWithCertificateKey,
  type KeyScheme,
} from './cms';
export { type AppearanceTextPainter } from './appearance';
export { createOutlineTextPainter } from './appearance-text';
export {
  APPEARANCE_IMAGE_MAX_SIDE,
  checkAppearanceImage,
  type AppearanceImage,
  type SignatureImages,
} from './appearance-image';
export { addEmptySignatureFields, type EmptySignatureField } from './signature-fields';
export { SigningError, type SigningErrorCode } from './errors';
export {
  RemoteSigningError,
  signPdfsRemotely,
  type RemoteCredential,
  type RemoteSigner,
  type RemoteSignOptions,
  type RemoteSigningErrorCode,
} from './remote-signer';
export {
  TimestampError,
  buildTimestampRequest,
  checkTimestampToken,
  parseTimestampResponse,
  type CheckedTimestamp,
  type TimestampAuthority,
  type TimestampErrorCode,
} from './timestamp';
export { embedSignatureTimestamp, type EmbeddedTimestamp } from './timestamp-embed';
export { addDocumentTimestamp, type DocumentTimestampOptions } from './doc-timestamp';
