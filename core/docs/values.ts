/** Small typed readers over plain values held in Yjs maps; shared by the document schemas. */
import * as Y from 'yjs';

export function readString(map: Y.Map<unknown>, key: string): string | null {
  const value = map.get(key);
  return typeof value === 'string' ? value : null;
}

export function readNumber(map: Y.Map<unknown>, key: string): number | null {
  const value = map.get(key);
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** The entries of a map whose values are nested Y.Maps, keyed by id (other values are skipped). */
export function readNestedMaps(map: Y.Map<unknown>): Map<string, Y.Map<unknown>> {
  const out = new Map<string, Y.Map<unknown>>();
  map.forEach((value, key) => {
    if (value instanceof Y.Map) out.set(key, value as Y.Map<unknown>);
  });
  return out;
}

/** Server side: the Y.Map under `key` in `parent`, created there if it is absent or not a map. */
export function nestedMap(parent: Y.Map<unknown>, key: string): Y.Map<unknown> {
  const entry = parent.get(key);
  if (entry instanceof Y.Map) return entry as Y.Map<unknown>;
  const created = new Y.Map<unknown>();
  parent.set(key, created);
  return created;
}

/** A document's schema version, or 0 when it has never been written (a brand-new document). */
export function readSchemaVersion(doc: Y.Doc, metaName: string): number {
  return readNumber(doc.getMap<unknown>(metaName), 'schemaVersion') ?? 0;
}
