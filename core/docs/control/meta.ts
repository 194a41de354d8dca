/**
 * `meta` (Y.Map) of the control document: the schema version the document is written in, the
 * meeting's title, start and place as the server's meeting record has them, and the meeting's
 * lifecycle as the chair runs it (core/meeting/lifecycle.ts): lifecycle, openedAt, closedAt,
 * currentItemId and events (a plain array of LifecycleEvent).
 */
import type * as Y from 'yjs';
import {
  isLifecycleEventKind,
  isMeetingLifecycle,
  type LifecycleEvent,
  type MeetingLifecycleState,
} from '../../meeting/lifecycle';
import { readNumber, readString } from '../values';

/** The version of the control document's shape this code reads and writes (see migrations.ts). */
export const CONTROL_SCHEMA_VERSION = 4;

export const META = 'meta';

export interface ControlMeta extends MeetingLifecycleState {
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
    ...readLifecycle(meta),
  };
}

function readEvents(value: unknown): LifecycleEvent[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((e: unknown): LifecycleEvent[] => {
    if (typeof e !== 'object' || e === null) return [];
    const { kind, at, by } = e as Record<string, unknown>;
    if (!isLifecycleEventKind(kind) || typeof at !== 'string' || typeof by !== 'string') return [];
    return [{ kind, at, by }];
  });
}

function readLifecycle(meta: Y.Map<unknown>): MeetingLifecycleState {
  const lifecycle = meta.get('lifecycle');
  return {
    lifecycle: isMeetingLifecycle(lifecycle) ? lifecycle : 'scheduled',
    openedAt: readString(meta, 'openedAt'),
    closedAt: readString(meta, 'closedAt'),
    currentItemId: readString(meta, 'currentItemId'),
    events: readEvents(meta.get('events')),
  };
}

/** The lifecycle part of `meta` alone (what the server decides by). */
export const readMeetingLifecycle = (doc: Y.Doc): MeetingLifecycleState =>
  readLifecycle(metaMap(doc));

/** Server side: writes the lifecycle fields, touching only what changed (events as one array). */
export function writeMeetingLifecycle(doc: Y.Doc, state: MeetingLifecycleState): void {
  const meta = metaMap(doc);
  const scalars: Record<string, string | null> = {
    lifecycle: state.lifecycle,
    openedAt: state.openedAt,
    closedAt: state.closedAt,
    currentItemId: state.currentItemId,
  };
  for (const [key, value] of Object.entries(scalars)) {
    if (meta.get(key) !== value) meta.set(key, value);
  }
  if (JSON.stringify(readEvents(meta.get('events'))) !== JSON.stringify(state.events))
    meta.set(
      'events',
      state.events.map((e) => ({ ...e })),
    );
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
