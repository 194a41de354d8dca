/**
 * The y-websocket wire protocol (as y-websocket 3.x clients speak it) and the checks the server
 * runs on incoming frames before anything touches a document.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as authProtocol from 'y-protocols/auth';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { CloseCode } from '../../core/docs/close-codes';
import { CodedError } from '../../core/errors/coded-error';

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

/** The close codes live in core, so the renderer explains them from the same table. */
export { CloseCode };

/**
 * A frame the server refuses; the connection that sent it is closed with `closeCode`. Its `code`
 * is the metric reason (`rate-limit`, `read-only`, …); `reason` is what the close frame says.
 */
export class FrameError extends CodedError {
  override readonly name = 'FrameError';
  constructor(
    readonly closeCode: number,
    readonly reason: string,
    readonly metricReason: string,
  ) {
    super(metricReason, reason);
  }
}

export type IncomingFrame =
  | { type: 'sync-step1'; stateVector: Uint8Array }
  | { type: 'sync-update'; update: Uint8Array }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'query-awareness' };

const malformed = (what: string): FrameError =>
  new FrameError(CloseCode.protocolError, `malformed frame: ${what}`, 'malformed');

/** Decodes one frame; throws FrameError for anything a standard client would never send. */
export function parseFrame(data: Uint8Array): IncomingFrame {
  const decoder = decoding.createDecoder(data);
  let type: number;
  try {
    type = decoding.readVarUint(decoder);
  } catch {
    throw malformed('bad message type');
  }
  switch (type) {
    case MESSAGE_SYNC: {
      let syncType: number;
      let payload: Uint8Array;
      try {
        syncType = decoding.readVarUint(decoder);
        payload = decoding.readVarUint8Array(decoder);
      } catch {
        throw malformed('bad sync message');
      }
      if (syncType === syncProtocol.messageYjsSyncStep1) {
        try {
          Y.decodeStateVector(payload);
        } catch {
          throw malformed('bad state vector');
        }
        return { type: 'sync-step1', stateVector: payload };
      }
      if (
        syncType === syncProtocol.messageYjsSyncStep2 ||
        syncType === syncProtocol.messageYjsUpdate
      ) {
        return { type: 'sync-update', update: payload };
      }
      throw malformed(`unknown sync message type ${syncType}`);
    }
    case MESSAGE_AWARENESS:
      try {
        return { type: 'awareness', update: decoding.readVarUint8Array(decoder) };
      } catch {
        throw malformed('bad awareness message');
      }
    case MESSAGE_QUERY_AWARENESS:
      return { type: 'query-awareness' };
    default:
      throw new FrameError(
        CloseCode.unsupportedData,
        `unsupported message type ${type}`,
        'unknown-type',
      );
  }
}

type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

/** Fully decodes an update so garbage is refused before it is stored or applied. */
export function decodeUpdateOrThrow(update: Uint8Array): DecodedUpdate {
  try {
    return Y.decodeUpdate(update);
  } catch {
    throw malformed('undecodable update');
  }
}

/**
 * True when applying `decoded` would change nothing: every struct is already covered by the
 * document's state vector and every deletion already happened. Clients answer the server's
 * sync step 1 with such updates (they always carry the whole delete set), so these must pass
 * silently even from read-only connections; only real changes count as writes.
 */
export function addsNothing(doc: Y.Doc, decoded: DecodedUpdate): boolean {
  const state = Y.decodeStateVector(Y.encodeStateVector(doc));
  for (const struct of decoded.structs) {
    if (struct instanceof Y.Skip) continue;
    if (struct.id.clock + struct.length > (state.get(struct.id.client) ?? 0)) return false;
  }
  if (decoded.ds.clients.size === 0) return true;
  const deleted = Y.createDeleteSetFromStructStore(doc.store).clients;
  for (const [client, ranges] of decoded.ds.clients) {
    const known = deleted.get(client) ?? [];
    for (const { clock, len } of ranges) {
      if (len > 0 && !covered(known, clock, clock + len)) return false;
    }
  }
  return true;
}

/** `known` is sorted and merged (createDeleteSetFromStructStore); one range must hold [from, to). */
function covered(
  known: readonly { clock: number; len: number }[],
  from: number,
  to: number,
): boolean {
  let lo = 0;
  let hi = known.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const range = known[mid] as { clock: number; len: number };
    if (range.clock + range.len <= from) lo = mid + 1;
    else if (range.clock > from) hi = mid - 1;
    else return range.clock + range.len >= to;
  }
  return false;
}

/** One client's entry in an awareness update: its clock and its state as JSON text. */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: string;
}

/** Splits an awareness update (y-protocols format) into its entries; the JSON is checked later. */
export function decodeAwarenessEntries(update: Uint8Array): AwarenessEntry[] {
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    const entries: AwarenessEntry[] = [];
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      entries.push({ clientId, clock, state: decoding.readVarString(decoder) });
    }
    return entries;
  } catch {
    throw malformed('bad awareness update');
  }
}

export function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, entry.state);
  }
  return encoding.toUint8Array(encoder);
}

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep2(encoder, doc, stateVector);
  return encoding.toUint8Array(encoder);
}

export function encodeSyncUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

export function encodeAwareness(
  awareness: awarenessProtocol.Awareness,
  clients: number[],
): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  return encoding.toUint8Array(encoder);
}

export function encodePermissionDenied(reason: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AUTH);
  authProtocol.writePermissionDenied(encoder, reason);
  return encoding.toUint8Array(encoder);
}
