/**
 * `minutes` (Y.Map) of the control document: the minutes' status, the PDFs by SHA-256 and
 * the accepted signatures. status: draft → final (PDF frozen) → signed-secretary → signed
 * (chair co-signed); a document with no or an unknown status reads as a draft.
 */
import type * as Y from 'yjs';
import { readString } from '../values';

export const MINUTES = 'minutes';

export type MinutesStatus = 'draft' | 'final' | 'signed-secretary' | 'signed';
export const MINUTES_STATUSES: readonly MinutesStatus[] = [
  'draft',
  'final',
  'signed-secretary',
  'signed',
];

/** The two signature fields of the minutes PDF, signed in this order. */
export type MinutesField = 'secretary' | 'chair';
export const MINUTES_FIELDS: readonly MinutesField[] = ['secretary', 'chair'];

export const isMinutesField = (v: unknown): v is MinutesField =>
  typeof v === 'string' && (MINUTES_FIELDS as readonly string[]).includes(v);

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

export const DRAFT_MINUTES: MinutesState = {
  status: 'draft',
  pdfSha256: null,
  finalSha256: null,
  finalizedAt: null,
  finalizedBy: null,
  signatures: [],
};

export const minutesMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap<unknown>(MINUTES);

const isStatus = (v: unknown): v is MinutesStatus =>
  typeof v === 'string' && (MINUTES_STATUSES as readonly string[]).includes(v);

function signatureRecord(value: unknown): MinutesSignatureRecord | null {
  if (typeof value !== 'object' || value === null) return null;
  const { field, memberId, name, acceptedAt, sha256 } = value as Record<string, unknown>;
  if (!isMinutesField(field)) return null;
  if (
    typeof memberId !== 'string' ||
    typeof name !== 'string' ||
    typeof acceptedAt !== 'string' ||
    typeof sha256 !== 'string'
  )
    return null;
  return { field, memberId, name, acceptedAt, sha256 };
}

/** The minutes as the control document holds them; a fresh meeting reads as a draft. */
export function readMinutesState(doc: Y.Doc): MinutesState {
  const map = minutesMap(doc);
  const status = map.get('status');
  const raw = map.get('signatures');
  const list: unknown[] = Array.isArray(raw) ? raw : [];
  return {
    status: isStatus(status) ? status : 'draft',
    pdfSha256: readString(map, 'pdfSha256'),
    finalSha256: readString(map, 'finalSha256'),
    finalizedAt: readString(map, 'finalizedAt'),
    finalizedBy: readString(map, 'finalizedBy'),
    signatures: list.map(signatureRecord).filter((s): s is MinutesSignatureRecord => s !== null),
  };
}

/** Server side: replaces the minutes record (inside rooms.transact). */
export function writeMinutesState(doc: Y.Doc, state: MinutesState): void {
  const map = minutesMap(doc);
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
