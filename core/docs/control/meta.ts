/**
 * `meta` (Y.Map) of the control document: the schema version the document is written in, and
 * the meeting's title, start and place as the server's meeting record has them.
 */
import type * as Y from 'yjs';
import { readNumber, readString } from '../values';

/** The version of the control document's shape this code reads and writes (see migrations.ts). */
export const CONTROL_SCHEMA_VERSION = 2;

export const META = 'meta';

export interface ControlMeta {
  /** 0 for a document nothing has written yet. */
  schemaVersion: number;
  title: string | null;
  /** ISO time. */
  startsAt: string | null;
  location: string | null;
  /** ISO time the chair opened the meeting (khai mạc), or null. */
  openedAt: string | null;
  /** ISO time the chair closed the meeting (bế mạc), or null. */
  closedAt: string | null;
}

/** The fields of the meeting record that the control document mirrors. */
export interface ControlMetaFields {
  title: string;
  startsAt: string;
  location: string;
}

export const metaMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap<unknown>(META);

export function readControlMeta(doc: Y.Doc): ControlMeta {
  const meta = metaMap(doc);
  return {
    schemaVersion: readNumber(meta, 'schemaVersion') ?? 0,
    title: readString(meta, 'title'),
    startsAt: readString(meta, 'startsAt'),
    location: readString(meta, 'location'),
    openedAt: readString(meta, 'openedAt'),
    closedAt: readString(meta, 'closedAt'),
  };
}

/** Server side: writes the meeting's fields, touching only what changed. */
export function writeControlMeta(doc: Y.Doc, fields: ControlMetaFields): void {
  const meta = metaMap(doc);
  for (const [key, value] of Object.entries(fields) as [string, string][]) {
    if (meta.get(key) !== value) meta.set(key, value);
  }
}

/** Server side: stamps the version the document is now written in (migrations only). */
export function writeSchemaVersion(doc: Y.Doc, version: number): void {
  const meta = metaMap(doc);
  if (meta.get('schemaVersion') !== version) meta.set('schemaVersion', version);
}
