import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { PollView } from '../api/votes';
import { sampleMember, samplePoll } from '../testing/control-fixtures';
import { seededRandom } from '../testing/seeded-random';
import {
  agendaArray,
  attachAgendaDocument,
  readAgenda,
  writeAgendaItems,
  type AgendaDocument,
} from './control/agenda';
import {
  attendanceMap,
  readAttendanceView,
  writeAttendance,
  writeRoster,
} from './control/attendance';
import { CONTROL_PART_NAMES, readControlPart, type ControlViews } from './control/index';
import { SCHEDULED, stepLifecycle } from '../meeting/lifecycle';
import {
  CONTROL_SCHEMA_VERSION,
  metaMap,
  readControlMeta,
  readMeetingLifecycle,
  writeControlMeta,
  writeMeetingLifecycle,
} from './control/meta';
import { migrateControl } from './control/migrations';
import {
  DRAFT_MINUTES,
  minutesMap,
  readMinutesState,
  writeMinutesState,
  type MinutesState,
} from './control/minutes';
import { pollsMap, readPolls, writePoll } from './control/polls';
import { presenterMap, readPresenterView, writePresenter } from './control/presenter';
import { privateNotes, readNote, readPrivateAnnotations } from './private';
import { readSharedAnnotations, readSharedSchemaVersion, sharedAnnotations } from './shared';

const SHA = (c: string) => c.repeat(64).slice(0, 64);

/** The server's own write: one transaction, migrations first (as transactControl does). */
function serverWrite(doc: Y.Doc, fn: (doc: Y.Doc) => void): void {
  doc.transact(() => {
    migrateControl(doc);
    fn(doc);
  });
}

const member = sampleMember;
const poll = (id: string, patch: Partial<PollView> = {}): PollView =>
  samplePoll({
    id,
    title: `Nghị quyết ${id}`,
    options: [
      { id: 'for', label: 'Tán thành', labelKey: 'votes.option.for' },
      { id: 'against', label: 'Không tán thành' },
    ],
    ...patch,
  });

function document(sha256: string, title: string): AgendaDocument {
  return {
    sha256,
    title,
    pages: 3,
    size: 1024,
    addedBy: 'thu-ky',
    addedAt: '2026-01-05T08:00:00Z',
  };
}

describe('document schemas', () => {
  it('reads a control document written the way the server writes it', () => {
    const doc = new Y.Doc();
    serverWrite(doc, (d) => {
      writeControlMeta(d, {
        title: 'Họp Hội đồng quản trị',
        startsAt: '2026-01-05T08:00:00Z',
        location: 'Phòng họp số 1',
      });
      writeAgendaItems(d, [{ id: 'item-1', title: 'Báo cáo tài chính' }]);
      writeAttendance(d, member('alice', { status: 'present' }));
      writePresenter(d, { page: 3 });
    });
    // What no writer can produce, a client must survive: junk beside the real entries.
    doc.transact(() => {
      agendaArray(doc).push(['junk']);
      const bogus = new Y.Map<unknown>();
      bogus.set('status', 'asleep');
      bogus.set('role', 'delegate');
      attendanceMap(doc).set('bob', bogus);
    });
    expect(readControlMeta(doc)).toMatchObject({
      schemaVersion: CONTROL_SCHEMA_VERSION,
      title: 'Họp Hội đồng quản trị',
      location: 'Phòng họp số 1',
    });
    expect(readAgenda(doc)).toEqual([{ id: 'item-1', title: 'Báo cáo tài chính', documents: [] }]);
    expect(readAttendanceView(doc).members).toEqual([member('alice', { status: 'present' })]);
    expect(readPresenterView(doc)).toEqual({
      memberId: null,
      memberName: null,
      documentSha256: null,
      page: 3,
      zoom: null,
      fit: null,
      at: null,
    });
  });

  it('reads junk and a fresh document as defaults, never throwing', () => {
    const fresh = new Y.Doc();
    expect(readControlMeta(fresh)).toEqual({
      schemaVersion: 0,
      title: null,
      startsAt: null,
      location: null,
      ...SCHEDULED,
    });
    const doc = new Y.Doc();
    doc.transact(() => {
      metaMap(doc).set('title', 42);
      metaMap(doc).set('schemaVersion', 'two');
      const item = new Y.Map<unknown>();
      item.set('id', 'item-1');
      item.set('documents', [42, null, 'not-a-sha', { sha256: 'XYZ' }, [SHA('a')]]);
      const noId = new Y.Map<unknown>();
      noId.set('title', 'no id');
      agendaArray(doc).push([item, noId, 7]);
      attendanceMap(doc).set('carol', 'present');
      pollsMap(doc).set('p1', new Y.Map<unknown>());
      pollsMap(doc).set('p2', 'junk');
      presenterMap(doc).set('page', 'three');
      presenterMap(doc).set('zoom', Number.NaN);
      minutesMap(doc).set('status', 'lost');
      minutesMap(doc).set('signatures', [{ field: 'judge' }, 'junk']);
    });
    for (const part of CONTROL_PART_NAMES) expect(() => readControlPart(doc, part)).not.toThrow();
    expect(readControlMeta(doc)).toMatchObject({ schemaVersion: 0, title: null });
    expect(readAgenda(doc)).toEqual([{ id: 'item-1', title: '', documents: [] }]);
    expect(readAttendanceView(doc)).toEqual({
      members: [],
      present: 0,
      presentVoting: 0,
      votingMembers: 0,
    });
    expect(readPolls(doc)).toEqual([]);
    expect(readPresenterView(doc)).toMatchObject({ page: null, zoom: null });
    expect(readMinutesState(doc)).toEqual(DRAFT_MINUTES);
  });

  it('reads annotations and notes, and a fresh document as version 0', () => {
    const doc = new Y.Doc();
    expect(readSharedSchemaVersion(doc)).toBe(0);
    const note = new Y.Map<unknown>();
    note.set('documentSha256', 'cd'.repeat(32));
    note.set('pageIndex', 2);
    note.set('kind', 'highlight');
    sharedAnnotations(doc).set('a1', note);
    expect(readSharedAnnotations(doc)).toEqual([
      {
        id: 'a1',
        documentSha256: 'cd'.repeat(32),
        pageIndex: 2,
        kind: 'highlight',
        authorId: null,
      },
    ]);
    const mine = new Y.Doc();
    const text = new Y.Text();
    privateNotes(mine).set('item-1', text);
    text.insert(0, 'Ghi chú riêng');
    expect(readNote(mine, 'item-1')).toBe('Ghi chú riêng');
    expect(readNote(mine, 'item-2')).toBe('');
    expect(readPrivateAnnotations(mine)).toEqual([]);
  });
});

describe('control parts: what a writer writes, the reader reads back', () => {
  it('meta', () => {
    const doc = new Y.Doc();
    const fields = { title: 'Kỳ họp thứ 8', startsAt: '2026-03-01T01:00:00Z', location: 'Hà Nội' };
    serverWrite(doc, (d) => writeControlMeta(d, fields));
    expect(readControlMeta(doc)).toEqual({
      schemaVersion: CONTROL_SCHEMA_VERSION,
      ...fields,
      ...SCHEDULED,
    });
  });

  it('meta: the lifecycle, written only where it changed', () => {
    const doc = new Y.Doc();
    let state = stepLifecycle(SCHEDULED, 'open', '2030-03-01T01:00:00.000Z', 'chu-toa');
    state = { ...state, currentItemId: 'item-2' };
    serverWrite(doc, (d) => writeMeetingLifecycle(d, state));
    expect(readMeetingLifecycle(doc)).toEqual(state);
    expect(readControlMeta(doc)).toMatchObject(state);
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    serverWrite(doc, (d) => writeMeetingLifecycle(d, state));
    expect(updates).toEqual([]);
    state = stepLifecycle(state, 'pause', '2030-03-01T02:00:00.000Z', 'chu-toa');
    serverWrite(doc, (d) => writeMeetingLifecycle(d, state));
    expect(readMeetingLifecycle(doc)).toEqual(state);
  });

  it('agenda: items in order, kept maps on rename, documents attached once', () => {
    const doc = new Y.Doc();
    serverWrite(doc, (d) =>
      writeAgendaItems(d, [
        { id: 'a', title: 'Khai mạc' },
        { id: 'b', title: 'Báo cáo' },
      ]),
    );
    const first = document(SHA('1'), 'Báo cáo.pdf');
    let outcome = '';
    serverWrite(doc, (d) => (outcome = attachAgendaDocument(d, 'b', first)));
    expect(outcome).toBe('attached');
    serverWrite(doc, (d) => (outcome = attachAgendaDocument(d, 'b', first)));
    expect(outcome).toBe('already-attached');
    serverWrite(doc, (d) => (outcome = attachAgendaDocument(d, 'zz', first)));
    expect(outcome).toBe('item-not-found');
    const kept = agendaArray(doc).get(1);
    serverWrite(doc, (d) =>
      writeAgendaItems(d, [
        { id: 'b', title: 'Báo cáo tài chính' },
        { id: 'c', title: 'Bế mạc' },
      ]),
    );
    expect(readAgenda(doc)).toEqual([
      { id: 'b', title: 'Báo cáo tài chính', documents: [first] },
      { id: 'c', title: 'Bế mạc', documents: [] },
    ]);
    expect(agendaArray(doc).get(0)).toBe(kept);
  });

  it('attendance: the roster with head counts; removed members leave', () => {
    const doc = new Y.Doc();
    const roster = [
      member('an', { role: 'chair', status: 'present', at: '2026-01-05T08:01:00Z' }),
      member('binh'),
      member('quan-sat', { role: 'observer', votes: false, status: 'present' }),
    ];
    serverWrite(doc, (d) => writeRoster(d, roster));
    expect(readAttendanceView(doc)).toEqual({
      members: roster,
      present: 2,
      presentVoting: 1,
      votingMembers: 2,
    });
    serverWrite(doc, (d) => writeRoster(d, roster.slice(0, 1)));
    expect(readAttendanceView(doc).members).toEqual(roster.slice(0, 1));
  });

  it('polls: oldest first, as written', () => {
    const doc = new Y.Doc();
    const later = poll('p2', { createdAt: 5, state: 'open', openedAt: 6, eligible: ['an'] });
    const earlier = poll('p1', { kind: 'secret', createdAt: 2, ballotsCast: 0 });
    serverWrite(doc, (d) => {
      writePoll(d, later);
      writePoll(d, earlier);
    });
    expect(readPolls(doc)).toEqual([earlier, later]);
  });

  it('presenter: fields set, null clears', () => {
    const doc = new Y.Doc();
    const view = {
      memberId: 'an',
      memberName: 'Nguyễn Văn An',
      documentSha256: SHA('f'),
      page: 0,
      zoom: 1.5,
      fit: null,
      at: '2026-01-05T08:02:00Z',
    };
    serverWrite(doc, (d) => writePresenter(d, view));
    expect(readPresenterView(doc)).toEqual(view);
    serverWrite(doc, (d) => writePresenter(d, { zoom: null, fit: 'page-fit', page: 4 }));
    expect(readPresenterView(doc)).toEqual({ ...view, zoom: null, fit: 'page-fit', page: 4 });
    // A fit this version does not know reads as none, never as garbage.
    serverWrite(doc, (d) => d.getMap('presenter').set('fit', 'stretch'));
    expect(readPresenterView(doc).fit).toBeNull();
  });

  it('minutes: a fresh meeting is a draft; the record reads back whole', () => {
    const doc = new Y.Doc();
    expect(readMinutesState(doc)).toEqual(DRAFT_MINUTES);
    const state: MinutesState = {
      status: 'signed-secretary',
      pdfSha256: SHA('b'),
      finalSha256: SHA('a'),
      finalizedAt: '2026-01-05T10:00:00Z',
      finalizedBy: 'thu-ky',
      signatures: [
        {
          field: 'secretary',
          memberId: 'thu-ky',
          name: 'Trần Thị Thư',
          acceptedAt: '2026-01-05T10:05:00Z',
          sha256: SHA('b'),
        },
      ],
    };
    serverWrite(doc, (d) => writeMinutesState(d, state));
    expect(readMinutesState(doc)).toEqual(state);
  });
});

// ------------------------------------------------------------------ convergence

const MEMBERS = ['an', 'binh', 'chi', 'dao'];
const ITEMS = ['i1', 'i2', 'i3'];

type Write = (doc: Y.Doc) => void;

/** One random server write, chosen and parameterised by `random`. */
function randomWrite(random: () => number): Write {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const n = Math.floor(random() * 1000);
  const writes: Write[] = [
    (d) =>
      writeControlMeta(d, {
        title: `Họp ${n}`,
        startsAt: `2026-01-0${1 + (n % 9)}`,
        location: pick(MEMBERS),
      }),
    (d) =>
      writeAgendaItems(
        d,
        ITEMS.filter(() => random() < 0.7).map((id) => ({ id, title: `${id} ${n}` })),
      ),
    (d) => {
      attachAgendaDocument(d, pick(ITEMS), document(SHA(pick(['1', '2', '3', '4'])), `${n}.pdf`));
    },
    (d) =>
      writeAttendance(
        d,
        member(pick(MEMBERS), { status: random() < 0.5 ? 'present' : 'absent', at: `t${n}` }),
      ),
    (d) =>
      writeRoster(
        d,
        MEMBERS.filter(() => random() < 0.8).map((id) => member(id)),
      ),
    (d) => {
      const voters = MEMBERS.filter(() => random() < 0.5);
      writePoll(
        d,
        poll(pick(['p1', 'p2']), {
          createdAt: n,
          state: 'open',
          voters,
          ballotsCast: voters.length,
        }),
      );
    },
    (d) =>
      writePresenter(d, { memberId: pick(MEMBERS), page: n % 20, zoom: random() < 0.3 ? null : 1 }),
    (d) =>
      writeMinutesState(d, {
        ...DRAFT_MINUTES,
        status: pick(['draft', 'final', 'signed-secretary', 'signed'] as const),
        pdfSha256: SHA(pick(['a', 'b'])),
      }),
  ];
  return pick(writes);
}

const views = (doc: Y.Doc): Partial<ControlViews> =>
  Object.fromEntries(CONTROL_PART_NAMES.map((part) => [part, readControlPart(doc, part)]));

/** Sends `from` what `to` lacks. */
const sync = (from: Y.Doc, to: Y.Doc): void =>
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));

describe('control document convergence', () => {
  it.each([1, 7, 42, 1234, 99_991])(
    'random writes on two replicas converge to the same views (seed %i)',
    (seed) => {
      const random = seededRandom(seed);
      const a = new Y.Doc();
      const b = new Y.Doc();
      for (let step = 0; step < 150; step++) {
        const replica = random() < 0.5 ? a : b;
        serverWrite(replica, randomWrite(random));
        if (random() < 0.2) sync(a, b);
        if (random() < 0.2) sync(b, a);
      }
      sync(a, b);
      sync(b, a);
      const seen = views(a);
      expect(views(b)).toEqual(seen);
      // A third replica that only ever received the merged state reads the same.
      const c = new Y.Doc();
      Y.applyUpdate(c, Y.encodeStateAsUpdate(a));
      expect(views(c)).toEqual(seen);
      expect(seen.meta?.schemaVersion).toBe(CONTROL_SCHEMA_VERSION);
    },
  );
});
