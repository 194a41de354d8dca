/**
 * Migrations of the control document, keyed on `meta.schemaVersion`. The server applies them
 * when it loads a control document and before each of its writes, so clients only ever read
 * the current shape. A document newer than this code is refused, never half-read or rewritten.
 */
import * as Y from 'yjs';
import { CodedError } from '../../errors/coded-error';
import { agendaArray, rawDocuments, SHA256_HEX, type AgendaDocument } from './agenda';
import { SCHEDULED } from '../../meeting/lifecycle';
import {
  CONTROL_SCHEMA_VERSION,
  metaMap,
  readControlMeta,
  writeMeetingLifecycle,
  writeSchemaVersion,
} from './meta';
import { pollsMap } from './polls';

export interface ControlMigration {
  from: number;
  to: number;
  /** What the step changes, for logs. */
  what: string;
  /** Rewrites the document in place (the server runs it inside its own transaction). */
  migrate(doc: Y.Doc): void;
}

export type ControlSchemaErrorCode = 'control-schema-newer' | 'control-schema-unknown';

/** The control document's version is one this code cannot bring to the current one. */
export class ControlSchemaError extends CodedError<ControlSchemaErrorCode> {
  override name = 'ControlSchemaError';
  constructor(
    code: ControlSchemaErrorCode,
    readonly version: number,
    message: string,
  ) {
    super(code, message);
  }
}

/** Version 1 agenda items could list documents as bare SHA-256 strings: make them objects. */
function agendaDocumentObjects(doc: Y.Doc): void {
  agendaArray(doc).forEach((entry) => {
    if (!(entry instanceof Y.Map)) return;
    const item = entry as Y.Map<unknown>;
    const list = rawDocuments(item);
    if (!list.some((d) => typeof d === 'string')) return;
    const upgraded = list.flatMap((d): unknown[] => {
      if (typeof d !== 'string') return [d];
      if (!SHA256_HEX.test(d)) return [];
      const document: AgendaDocument = {
        sha256: d,
        title: '',
        pages: 0,
        size: 0,
        addedBy: null,
        addedAt: null,
      };
      return [document];
    });
    item.set('documents', upgraded);
  });
}

/**
 * Version 2 → 3 (issue 12 §3): every poll entry gets `cancelledReason` (null when it has none),
 * and a published named poll's result its `notVoted` list — the eligible members without a
 * ballot — so the named list shows them. Secret results get none.
 */
function pollResultsAddUp(doc: Y.Doc): void {
  pollsMap(doc).forEach((value) => {
    if (!(value instanceof Y.Map)) return;
    const entry = value as Y.Map<unknown>;
    if (!entry.has('cancelledReason')) entry.set('cancelledReason', null);
    const result = entry.get('result');
    if (typeof result !== 'object' || result === null) return;
    const { ballots, notVoted } = result as Record<string, unknown>;
    if (!Array.isArray(ballots) || Array.isArray(notVoted)) return;
    const voted = new Set(
      (ballots as unknown[]).map((b) =>
        typeof b === 'object' && b !== null ? (b as Record<string, unknown>).memberId : null,
      ),
    );
    const eligible = entry.get('eligible');
    const missing = (Array.isArray(eligible) ? (eligible as unknown[]) : [])
      .filter((id): id is string => typeof id === 'string' && !voted.has(id))
      .sort((a, b) => a.localeCompare(b));
    entry.set('result', { ...(result as Record<string, unknown>), notVoted: missing });
  });
}

/**
 * Version 3 → 4 (issue 12 §1): version 3 documents had no lifecycle: their meetings were run without one, so they start as
 * scheduled with no events; a current item cannot have been set.
 */
function stampLifecycle(doc: Y.Doc): void {
  if (metaMap(doc).has('lifecycle')) return;
  writeMeetingLifecycle(doc, SCHEDULED);
}

/** Every step, oldest first; each `to` is the next step's `from`. */
export const CONTROL_MIGRATIONS: readonly ControlMigration[] = [
  {
    from: 0,
    to: 1,
    what: 'stamp a document written before versions were stamped (same shape as 1)',
    migrate: () => {},
  },
  {
    from: 1,
    to: 2,
    what: 'agenda documents listed as bare SHA-256 strings become AgendaDocument objects',
    migrate: agendaDocumentObjects,
  },
  {
    from: 2,
    to: 3,
    what: 'polls gain cancelledReason; named results list the eligible members who did not vote',
    migrate: pollResultsAddUp,
  },
  {
    from: 3,
    to: 4,
    what: 'meta gains the meeting lifecycle (scheduled, no events, no current item)',
    migrate: stampLifecycle,
  },
];

export type ControlSchemaState = 'current' | 'older' | 'newer';

/** How a document's version compares with this code's (clients show a newer one as such). */
export function controlSchemaState(
  doc: Y.Doc,
  current: number = CONTROL_SCHEMA_VERSION,
): ControlSchemaState {
  const version = readControlMeta(doc).schemaVersion;
  return version === current ? 'current' : version > current ? 'newer' : 'older';
}

/** The steps from `version` to `target`; throws (before anything is written) when there are none. */
function plan(
  version: number,
  target: number,
  steps: readonly ControlMigration[],
): ControlMigration[] {
  if (version > target)
    throw new ControlSchemaError(
      'control-schema-newer',
      version,
      `The control document is schema version ${version}; this server knows up to ${target}.`,
    );
  const path: ControlMigration[] = [];
  let at = version;
  while (at < target) {
    const step = steps.find((s) => s.from === at && s.to > at && s.to <= target);
    if (!step)
      throw new ControlSchemaError(
        'control-schema-unknown',
        version,
        `No migration of the control document from schema version ${at}.`,
      );
    path.push(step);
    at = step.to;
  }
  return path;
}

export interface MigrationOutcome {
  from: number;
  to: number;
  /** The steps applied, in order (empty when the document was current). */
  applied: readonly ControlMigration[];
}

/**
 * Brings the document to `target` (the current version by default) and stamps it. Throws a
 * ControlSchemaError and writes nothing when the document is newer or no path exists.
 */
export function migrateControl(
  doc: Y.Doc,
  steps: readonly ControlMigration[] = CONTROL_MIGRATIONS,
  target: number = CONTROL_SCHEMA_VERSION,
): MigrationOutcome {
  const from = readControlMeta(doc).schemaVersion;
  const applied = plan(from, target, steps);
  for (const step of applied) step.migrate(doc);
  if (applied.length > 0) writeSchemaVersion(doc, target);
  return { from, to: target, applied };
}
