/**
 * `speakers` (Y.Map itemId → plain object) of the control document: each agenda item's speakers
 * list (core/speakers/floor.ts), replaced whole on every change so a reader never sees half a
 * step. Added after schema version 4 as a new top-level part: absent reads as no lists, so it
 * needs no migration; an entry this version cannot read is skipped.
 */
import type * as Y from 'yjs';
import {
  EMPTY_FLOOR,
  SPEECH_KINDS,
  type FloorRequest,
  type FloorState,
  type FloorTurn,
  type SpeechKind,
} from '../../speakers/floor';

export const SPEAKERS = 'speakers';

export const speakersMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap<unknown>(SPEAKERS);

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isKind = (v: unknown): v is SpeechKind =>
  typeof v === 'string' && (SPEECH_KINDS as readonly string[]).includes(v);
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isText = (v: unknown): v is string =>
  typeof v === 'string' && v.length > 0 && v.length <= 128;

function readRequest(v: unknown): FloorRequest | null {
  if (!isObject(v) || !isText(v.id) || !isText(v.memberId) || !isKind(v.kind)) return null;
  if (!isTime(v.requestedAt) || typeof v.accepted !== 'boolean') return null;
  return {
    id: v.id,
    memberId: v.memberId,
    kind: v.kind,
    requestedAt: v.requestedAt,
    accepted: v.accepted,
  };
}

function readTurn(v: unknown): FloorTurn | null {
  if (!isObject(v) || !isText(v.id) || !isText(v.memberId) || !isKind(v.kind)) return null;
  if (!isTime(v.startedAt) || !(v.endedAt === null || isTime(v.endedAt))) return null;
  return {
    id: v.id,
    memberId: v.memberId,
    kind: v.kind,
    startedAt: v.startedAt,
    endedAt: v.endedAt,
  };
}

const list = <T>(v: unknown, read: (x: unknown) => T | null): T[] =>
  Array.isArray(v) ? v.map(read).filter((x): x is T => x !== null) : [];

/** One item's list from its stored object; null when it is not one. */
export function readFloor(value: unknown): FloorState | null {
  if (!isObject(value)) return null;
  const seconds = (v: unknown, fallback: number) =>
    typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : fallback;
  return {
    queue: list(value.queue, readRequest),
    current: value.current === null || value.current === undefined ? null : readTurn(value.current),
    spoken: list(value.spoken, readTurn),
    limitSeconds: seconds(value.limitSeconds, EMPTY_FLOOR.limitSeconds),
    warnSeconds: seconds(value.warnSeconds, EMPTY_FLOOR.warnSeconds),
  };
}

/** Every item's speakers list, by agenda item id. */
export function readSpeakers(doc: Y.Doc): Record<string, FloorState> {
  const out: Record<string, FloorState> = {};
  speakersMap(doc).forEach((value, itemId) => {
    const floor = readFloor(value);
    if (floor) out[itemId] = floor;
  });
  return out;
}

/** Server side: stores one item's list whole (a plain copy: no shared references). */
export function writeFloor(doc: Y.Doc, itemId: string, floor: FloorState): void {
  speakersMap(doc).set(itemId, JSON.parse(JSON.stringify(floor)) as unknown);
}
