/**
 * Minutes over HTTP and in the control document: finalize, signatures, trust anchors. The
 * server writes the control document's `minutes` map (readMinutesState reads it for everyone);
 * request bodies are validated here, at the edge, by the same code the client types against.
 */
import type * as Y from 'yjs';
import { ApiValidationError } from './meetings';

/** draft → final (PDF frozen) → signed-secretary → signed (chair co-signed). */
export type MinutesStatus = 'draft' | 'final' | 'signed-secretary' | 'signed';

/** The two signature fields of the minutes PDF, signed in this order. */
export type MinutesField = 'secretary' | 'chair';
export const MINUTES_FIELDS: readonly MinutesField[] = ['secretary', 'chair'];

export interface MinutesSignatureRecord {
  field: MinutesField;
  memberId: string;
  /** The signer certificate's common name, as the PDF names it. */
  name: string;
  /** ISO time the server accepted the signature. */
  acceptedAt: string;
  /** SHA-256 of the PDF with this signature (each signature is one more revision). */
  sha256: string;
}

export interface MinutesState {
  status: MinutesStatus;
  /** The current PDF: the finalized one, then each signed revision; null while a draft. */
  pdfSha256: string | null;
  /** The unsigned PDF made at finalize. */
  finalSha256: string | null;
  finalizedAt: string | null;
  finalizedBy: string | null;
  signatures: MinutesSignatureRecord[];
}

/** `POST /api/meetings/:id/minutes/signatures`: the signed PDF (already uploaded as a blob). */
export interface MinutesSignatureRequest {
  sha256: string;
  field: MinutesField;
}

/** `GET /api/trust`: the CA certificates the server trusts, for verifying signatures anywhere. */
export interface TrustResponse {
  caPem: string[];
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
  | 'minutes-draft-invalid';

const SHA256_HEX = /^[0-9a-f]{64}$/;
const STATUSES: readonly MinutesStatus[] = ['draft', 'final', 'signed-secretary', 'signed'];

export const isMinutesField = (v: unknown): v is MinutesField =>
  typeof v === 'string' && (MINUTES_FIELDS as readonly string[]).includes(v);

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

export const MINUTES_MAP = 'minutes';

function text(map: Y.Map<unknown>, key: string): string | null {
  const v = map.get(key);
  return typeof v === 'string' ? v : null;
}

function signatureRecord(value: unknown): MinutesSignatureRecord | null {
  if (typeof value !== 'object' || value === null) return null;
  const r = value as Record<string, unknown>;
  if (!isMinutesField(r.field)) return null;
  const strings = [r.memberId, r.name, r.acceptedAt, r.sha256];
  if (!strings.every((s) => typeof s === 'string')) return null;
  return {
    field: r.field,
    memberId: r.memberId as string,
    name: r.name as string,
    acceptedAt: r.acceptedAt as string,
    sha256: r.sha256 as string,
  };
}

/** The minutes as the control document holds them; a fresh meeting reads as a draft. */
export function readMinutesState(doc: Y.Doc): MinutesState {
  const map = doc.getMap<unknown>(MINUTES_MAP);
  const status = text(map, 'status');
  const raw = map.get('signatures');
  const list: unknown[] = Array.isArray(raw) ? raw : [];
  return {
    status:
      status !== null && (STATUSES as readonly string[]).includes(status)
        ? (status as MinutesStatus)
        : 'draft',
    pdfSha256: text(map, 'pdfSha256'),
    finalSha256: text(map, 'finalSha256'),
    finalizedAt: text(map, 'finalizedAt'),
    finalizedBy: text(map, 'finalizedBy'),
    signatures: list.map(signatureRecord).filter((s): s is MinutesSignatureRecord => s !== null),
  };
}

/** Server side: replaces the minutes record (inside rooms.transact). */
export function writeMinutesState(doc: Y.Doc, state: MinutesState): void {
  const map = doc.getMap<unknown>(MINUTES_MAP);
  map.set('status', state.status);
  map.set('pdfSha256', state.pdfSha256);
  map.set('finalSha256', state.finalSha256);
  map.set('finalizedAt', state.finalizedAt);
  map.set('finalizedBy', state.finalizedBy);
  map.set(
    'signatures',
    state.signatures.map((s) => ({ ...s })),
  );
}

export const DRAFT_MINUTES: MinutesState = {
  status: 'draft',
  pdfSha256: null,
  finalSha256: null,
  finalizedAt: null,
  finalizedBy: null,
  signatures: [],
};
