/**
 * Minutes over HTTP: finalize, signatures, trust anchors. Request bodies are validated here,
 * at the edge, by the same code the client types against. What the control document holds
 * (MinutesState) is core/docs/control/minutes.ts.
 */
import { isMinutesField, type MinutesField } from '../docs/control/minutes';
import { ApiValidationError } from './meetings';

export {
  DRAFT_MINUTES,
  isMinutesField,
  MINUTES_FIELDS,
  type MinutesField,
  type MinutesSignatureRecord,
  type MinutesState,
  type MinutesStatus,
} from '../docs/control/minutes';

/** `POST /api/meetings/:id/minutes/signatures`: the signed PDF (already uploaded as a blob). */
export interface MinutesSignatureRequest {
  sha256: string;
  field: MinutesField;
}

/** `GET /api/trust`: the CA certificates the server trusts, for verifying signatures anywhere. */
export interface TrustResponse {
  caPem: string[];
  /** CAs trusted for the purpose "timestamping": judge signature timestamps (PAdES B-T). */
  timestampCaPem?: string[];
}

/** Stable codes of refusals the minutes routes give (besides forbidden / meeting-not-found). */
export type MinutesApiErrorCode =
  | 'minutes-not-draft'
  | 'minutes-not-final'
  | 'minutes-wrong-order'
  | 'minutes-wrong-role'
  | 'minutes-blob-missing'
  | 'minutes-earlier-bytes-changed'
  | 'minutes-revision-changes-content'
  | 'minutes-signature-invalid'
  | 'minutes-signature-unsupported-algorithm'
  | 'minutes-signer-mismatch'
  | 'minutes-certificate-refused'
  | 'minutes-certificate-revoked'
  | 'minutes-draft-invalid';

const SHA256_HEX = /^[0-9a-f]{64}$/;
export function parseMinutesSignatureRequest(body: unknown): MinutesSignatureRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new ApiValidationError('invalid-body', '', 'Expected a JSON object.');
  const { sha256, field, ...rest } = body as Record<string, unknown>;
  const extra = Object.keys(rest)[0];
  if (extra !== undefined)
    throw new ApiValidationError('invalid-field', extra, `Unexpected field ${extra}.`);
  if (typeof sha256 !== 'string' || !SHA256_HEX.test(sha256))
    throw new ApiValidationError('invalid-field', 'sha256', 'sha256 must be lower-case hex.');
  if (!isMinutesField(field))
    throw new ApiValidationError('invalid-field', 'field', 'field must be secretary or chair.');
  return { sha256, field };
}
