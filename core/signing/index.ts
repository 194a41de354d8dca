/** Public API of PDF signing: sign (PAdES B-B, incremental) and verify. */
export { signPdf, type SignPdfOptions, type SignatureAppearance } from './pades';
export { verifyPdfSignatures, type VerifyPdfOptions, type PdfSignatureReport } from './verify';
export { buildDetachedCms, buildSignedAttributes } from './cms';
export { type AppearanceTextPainter } from './appearance';
export { createOutlineTextPainter } from './appearance-text';
export { addEmptySignatureFields, type EmptySignatureField } from './signature-fields';
export { SigningError, type SigningErrorCode } from './errors';
