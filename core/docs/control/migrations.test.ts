import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { isCodedError } from '../../errors/coded-error';
import { agendaArray, readAgenda } from './agenda';
import { pollsMap, readPoll } from './polls';
import { CONTROL_SCHEMA_VERSION, metaMap, readControlMeta } from './meta';
import {
  CONTROL_MIGRATIONS,
  ControlSchemaError,
  controlSchemaState,
  migrateControl,
  type ControlMigration,
} from './migrations';

const LEGACY = 'ab'.repeat(32);
const UNKNOWN = { title: '', pages: 0, size: 0, addedBy: null, addedAt: null };
const ATTACHED = {
  sha256: 'cd'.repeat(32),
  title: 'Tờ trình.pdf',
  pages: 4,
  size: 2048,
  addedBy: 'thu-ky',
  addedAt: '2026-01-05T08:00:00Z',
};

/** A control document as an older server left it: `version` stamped (or not) and `documents`. */
function stored(version: number | null, documents: unknown[]): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    if (version !== null) metaMap(doc).set('schemaVersion', version);
    metaMap(doc).set('title', 'Họp Hội đồng quản trị');
    const item = new Y.Map<unknown>();
    item.set('id', 'item-1');
    item.set('title', 'Báo cáo tài chính');
    item.set('documents', documents);
    agendaArray(doc).push([item]);
  });
  return doc;
}

describe('control document migrations', () => {
  it('chains every version up to the current one', () => {
    let at = 0;
    for (const step of CONTROL_MIGRATIONS) {
      expect(step.from).toBe(at);
      expect(step.to).toBeGreaterThan(step.from);
      at = step.to;
    }
    expect(at).toBe(CONTROL_SCHEMA_VERSION);
  });

  const cases: {
    name: string;
    version: number | null;
    documents: unknown[];
    applied: number[];
    read: unknown[];
  }[] = [
    {
      name: 'version 1 with a legacy bare SHA-256 entry (and junk)',
      version: 1,
      documents: [LEGACY, 42, 'not-a-sha', ATTACHED],
      applied: [1, 2, 3],
      // A legacy bare SHA-256 entry still reads, as a document with unknown details.
      read: [{ sha256: LEGACY, ...UNKNOWN }, ATTACHED],
    },
    {
      name: 'never stamped (version 0), legacy entries',
      version: null,
      documents: [LEGACY],
      applied: [0, 1, 2, 3],
      read: [{ sha256: LEGACY, ...UNKNOWN }],
    },
    {
      name: 'version 1 already in objects',
      version: 1,
      documents: [ATTACHED],
      applied: [1, 2, 3],
      read: [ATTACHED],
    },
    {
      name: 'current version: nothing to do',
      version: CONTROL_SCHEMA_VERSION,
      documents: [ATTACHED],
      applied: [],
      read: [ATTACHED],
    },
  ];

  it.each(cases)('$name', ({ version, documents, applied, read }) => {
    const doc = stored(version, documents);
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    let outcome = migrateControl(doc);
    expect(outcome.from).toBe(version ?? 0);
    expect(outcome.to).toBe(CONTROL_SCHEMA_VERSION);
    expect(outcome.applied.map((s) => s.from)).toEqual(applied);
    expect(readControlMeta(doc).schemaVersion).toBe(CONTROL_SCHEMA_VERSION);
    expect(readAgenda(doc)).toEqual([
      { id: 'item-1', title: 'Báo cáo tài chính', documents: read },
    ]);
    if (applied.length === 0) expect(updates).toEqual([]);
    // Migrating again changes nothing.
    const before = updates.length;
    outcome = migrateControl(doc);
    expect(outcome.applied).toEqual([]);
    expect(updates.length).toBe(before);
  });

  it('version 3 gains the lifecycle as a scheduled meeting; a stamped lifecycle is kept', () => {
    const doc = stored(3, [ATTACHED]);
    expect(migrateControl(doc).applied.map((s) => s.from)).toEqual([3]);
    expect(readControlMeta(doc)).toMatchObject({
      lifecycle: 'scheduled',
      openedAt: null,
      closedAt: null,
      currentItemId: null,
      events: [],
    });
    expect(metaMap(doc).get('lifecycle')).toBe('scheduled');
    const running = stored(3, []);
    const events = [{ kind: 'open', at: '2030-01-01T01:00:00.000Z', by: 'chu-toa' }];
    running.transact(() => {
      metaMap(running).set('lifecycle', 'open');
      metaMap(running).set('events', events);
    });
    migrateControl(running);
    expect(readControlMeta(running)).toMatchObject({ lifecycle: 'open', events });
  });

  it('reads a malformed lifecycle as scheduled and skips malformed events', () => {
    const doc = stored(CONTROL_SCHEMA_VERSION, []);
    doc.transact(() => {
      metaMap(doc).set('lifecycle', 'đang họp');
      metaMap(doc).set('events', [
        { kind: 'open', at: '2030-01-01T01:00:00.000Z', by: 'chu-toa' },
        { kind: 'explode', at: 'x', by: 'y' },
        'junk',
        null,
      ]);
    });
    const meta = readControlMeta(doc);
    expect(meta.lifecycle).toBe('scheduled');
    expect(meta.events).toEqual([{ kind: 'open', at: '2030-01-01T01:00:00.000Z', by: 'chu-toa' }]);
  });

  it('a bare SHA-256 entry is not a document to the current reader', () => {
    const doc = stored(CONTROL_SCHEMA_VERSION, [LEGACY, ATTACHED]);
    expect(readAgenda(doc)[0]?.documents).toEqual([ATTACHED]);
  });

  it('refuses a document newer than the code and writes nothing', () => {
    const doc = stored(CONTROL_SCHEMA_VERSION + 1, [LEGACY]);
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    expect(controlSchemaState(doc)).toBe('newer');
    let caught: unknown = null;
    try {
      migrateControl(doc);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ControlSchemaError);
    expect(isCodedError(caught, 'control-schema-newer')).toBe(true);
    expect((caught as ControlSchemaError).version).toBe(CONTROL_SCHEMA_VERSION + 1);
    expect(updates).toEqual([]);
    expect(readControlMeta(doc).schemaVersion).toBe(CONTROL_SCHEMA_VERSION + 1);
  });

  it('refuses a version no step starts from, before running any step', () => {
    let ran = 0;
    const steps: ControlMigration[] = [
      { from: 0, to: 1, what: 'a', migrate: () => ran++ },
      { from: 2, to: 3, what: 'b', migrate: () => ran++ },
    ];
    const doc = stored(null, []);
    expect(() => migrateControl(doc, steps, 3)).toThrow(
      expect.objectContaining({ code: 'control-schema-unknown' }),
    );
    expect(ran).toBe(0);
    const odd = stored(1.5, []);
    expect(() => migrateControl(odd)).toThrow(
      expect.objectContaining({ code: 'control-schema-unknown' }),
    );
  });

  it('tells clients how the document compares', () => {
    expect(controlSchemaState(stored(CONTROL_SCHEMA_VERSION, []))).toBe('current');
    expect(controlSchemaState(stored(1, []))).toBe('older');
    expect(controlSchemaState(new Y.Doc())).toBe('older');
  });

  it('2 → 3: polls gain cancelledReason, named results list who did not vote, secret ones none', () => {
    const doc = stored(2, [ATTACHED]);
    doc.transact(() => {
      const entry = (id: string, kind: string, result: unknown) => {
        const poll = new Y.Map<unknown>();
        for (const [k, v] of Object.entries({
          id,
          agendaItemId: 'item-1',
          title: `Biểu quyết ${id}`,
          kind,
          options: [{ id: 'for', label: 'Tán thành' }],
          rule: 'simple',
          base: 'present',
          quorum: 0,
          allowChange: false,
          state: 'published',
          createdAt: 1,
          eligible: ['c', 'a', 'b'],
          memberCount: 3,
          result,
        }))
          poll.set(k, v);
        pollsMap(doc).set(id, poll);
      };
      entry('named', 'named', { tally: {}, ballots: [{ memberId: 'a', optionId: 'for' }] });
      entry('secret', 'secret', { tally: {}, ballots: null });
    });
    expect(migrateControl(doc).applied.map((s) => s.from)).toEqual([2, 3]);
    const [named, secret] = ['named', 'secret'].map((id) => readPoll(doc, id));
    expect(named?.cancelledReason).toBeNull();
    expect(named?.result?.notVoted).toEqual(['b', 'c']);
    expect(secret?.result?.notVoted).toBeNull();
    expect(pollsMap(doc).get('secret')).toBeInstanceOf(Y.Map);
    // Running it again changes nothing.
    const again: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => again.push(u));
    migrateControl(doc);
    expect(again).toEqual([]);
  });
});
