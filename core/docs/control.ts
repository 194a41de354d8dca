/**
 * `meeting/<id>/control`: written by the server only (clients are read-only). Top-level types:
 * - `meta` (Y.Map): schemaVersion, title, startsAt (ISO), status, currentItemId
 * - `agenda` (Y.Array of Y.Map): agenda items in order: id, title, documents (a plain array of
 *   AgendaDocument objects; older documents hold bare SHA-256 hex strings, still readable)
 * - `attendance` (Y.Map memberId → Y.Map): status ('present' | 'absent' | 'excused'), at (ISO)
 * - `polls` (Y.Map pollId → Y.Map): the poll record as core/votes defines it (later features)
 * - `presenter` (Y.Map): memberId, documentSha256, page, zoom — follow mode
 * - `minutes` (Y.Map): status ('draft' | 'final' | 'signed'), pdfSha256
 */
import * as Y from 'yjs';
import { readNestedMaps, readNumber, readSchemaVersion, readString } from './values';

export const CONTROL_SCHEMA_VERSION = 1;

export const ControlTypes = {
  meta: 'meta',
  agenda: 'agenda',
  attendance: 'attendance',
  polls: 'polls',
  presenter: 'presenter',
  minutes: 'minutes',
} as const;

export interface ControlMeta {
  schemaVersion: number;
  title: string | null;
  startsAt: string | null;
  status: string | null;
  currentItemId: string | null;
}

/** A PDF attached to an agenda item; the bytes are the meeting blob named by `sha256`. */
export interface AgendaDocument {
  sha256: string;
  title: string;
  /** Page count, checked by the server when the document was attached (0 if unknown). */
  pages: number;
  /** Size in bytes (0 if unknown). */
  size: number;
  addedBy: string | null;
  addedAt: string | null;
}

export interface AgendaItem {
  id: string;
  title: string;
  /** The item's documents in the order they were attached. */
  documents: AgendaDocument[];
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** One `documents` entry: an AgendaDocument object, or a legacy bare SHA-256 string. */
export function readAgendaDocument(value: unknown): AgendaDocument | null {
  if (typeof value === 'string')
    return SHA256_HEX.test(value)
      ? { sha256: value, title: '', pages: 0, size: 0, addedBy: null, addedAt: null }
      : null;
  if (typeof value !== 'object' || value === null) return null;
  const entry = value as Record<string, unknown>;
  const sha256 = entry.sha256;
  if (typeof sha256 !== 'string' || !SHA256_HEX.test(sha256)) return null;
  const count = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : 0);
  const text = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    sha256,
    title: text(entry.title) ?? '',
    pages: count(entry.pages),
    size: count(entry.size),
    addedBy: text(entry.addedBy),
    addedAt: text(entry.addedAt),
  };
}

export type AttendanceStatus = 'present' | 'absent' | 'excused';
export interface AttendanceEntry {
  status: AttendanceStatus;
  at: string | null;
}

export interface PresenterPosition {
  memberId: string | null;
  documentSha256: string | null;
  page: number | null;
  zoom: number | null;
}

export const controlMap = (
  doc: Y.Doc,
  name: 'meta' | 'attendance' | 'polls' | 'presenter' | 'minutes',
): Y.Map<unknown> => doc.getMap<unknown>(ControlTypes[name]);
export const controlAgenda = (doc: Y.Doc): Y.Array<unknown> =>
  doc.getArray<unknown>(ControlTypes.agenda);

export function readControlMeta(doc: Y.Doc): ControlMeta {
  const meta = controlMap(doc, 'meta');
  return {
    schemaVersion: readSchemaVersion(doc, ControlTypes.meta),
    title: readString(meta, 'title'),
    startsAt: readString(meta, 'startsAt'),
    status: readString(meta, 'status'),
    currentItemId: readString(meta, 'currentItemId'),
  };
}

/** Agenda items in order; malformed entries (not a map, no id) are skipped. */
export function readAgenda(doc: Y.Doc): AgendaItem[] {
  const items: AgendaItem[] = [];
  for (const entry of controlAgenda(doc).toArray()) {
    if (!(entry instanceof Y.Map)) continue;
    const item = entry as Y.Map<unknown>;
    const id = readString(item, 'id');
    if (id === null) continue;
    const raw = item.get('documents');
    const list: unknown[] = Array.isArray(raw) ? raw : raw instanceof Y.Array ? raw.toArray() : [];
    const documents: AgendaDocument[] = [];
    for (const value of list) {
      const document = readAgendaDocument(value);
      if (document) documents.push(document);
    }
    items.push({ id, title: readString(item, 'title') ?? '', documents });
  }
  return items;
}

const ATTENDANCE: readonly string[] = ['present', 'absent', 'excused'];

export function readAttendance(doc: Y.Doc): Map<string, AttendanceEntry> {
  const out = new Map<string, AttendanceEntry>();
  for (const [memberId, entry] of readNestedMaps(controlMap(doc, 'attendance'))) {
    const status = readString(entry, 'status');
    if (status === null || !ATTENDANCE.includes(status)) continue;
    out.set(memberId, { status: status as AttendanceStatus, at: readString(entry, 'at') });
  }
  return out;
}

export function readPresenter(doc: Y.Doc): PresenterPosition {
  const presenter = controlMap(doc, 'presenter');
  return {
    memberId: readString(presenter, 'memberId'),
    documentSha256: readString(presenter, 'documentSha256'),
    page: readNumber(presenter, 'page'),
    zoom: readNumber(presenter, 'zoom'),
  };
}

/** Poll ids present in the document; the poll records themselves are read by the votes feature. */
export function readPollIds(doc: Y.Doc): string[] {
  return [...readNestedMaps(controlMap(doc, 'polls')).keys()];
}

export function readMinutesStatus(doc: Y.Doc): string | null {
  return readString(controlMap(doc, 'minutes'), 'status');
}
