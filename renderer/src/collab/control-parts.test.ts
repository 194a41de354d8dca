import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readAgenda, writeAgendaItems } from '../../../core/docs/control/agenda';
import { writePoll } from '../../../core/docs/control/polls';
import { writePresenter } from '../../../core/docs/control/presenter';
import { sharedMinutesDraft } from '../../../core/docs/shared';
import { samplePoll } from '../../../core/testing/control-fixtures';
import { controlPartSource, partSourceFor, type ControlSource } from './control-parts';

/**
 * The room's documents as a client holds them: a control replica fed by the server's updates,
 * the shared document the member types into, and the connection's synced flag.
 */
class Room implements ControlSource {
  readonly server = new Y.Doc();
  readonly control = new Y.Doc();
  readonly shared = new Y.Doc();
  private isSynced = false;
  private readonly connection = new Set<() => void>();

  constructor() {
    this.server.on('update', (update: Uint8Array) => Y.applyUpdate(this.control, update));
  }
  doc(): Y.Doc {
    return this.control;
  }
  synced(): boolean {
    return this.isSynced;
  }
  subscribeConnection(listener: () => void): () => void {
    this.connection.add(listener);
    return () => this.connection.delete(listener);
  }
  setSynced(synced: boolean): void {
    this.isSynced = synced;
    for (const listener of this.connection) listener();
  }
  /** The server writes through the real writers. */
  write(fn: (doc: Y.Doc) => void): void {
    this.server.transact(() => fn(this.server));
  }
  /** The member types into the minutes draft, one transaction per keystroke. */
  type(text: string): void {
    const paragraph = new Y.XmlElement('paragraph');
    const line = new Y.XmlText();
    paragraph.insert(0, [line]);
    sharedMinutesDraft(this.shared).insert(0, [paragraph]);
    [...text].forEach((ch, i) => line.insert(i, ch));
  }
}

function countingAgenda(room: Room) {
  let reads = 0;
  const source = controlPartSource(room, 'agenda', (doc) => {
    reads++;
    return readAgenda(doc);
  });
  let notified = 0;
  source.subscribe(() => notified++);
  return { source, reads: () => reads, notified: () => notified };
}

describe('control parts in the renderer', () => {
  it('typing in the minutes draft does not re-run the agenda reader', () => {
    const room = new Room();
    room.write((d) => writeAgendaItems(d, [{ id: 'i1', title: 'Khai mạc' }]));
    room.setSynced(true);
    const agenda = countingAgenda(room);
    const first = agenda.source.getSnapshot();
    expect(first).toEqual([{ id: 'i1', title: 'Khai mạc', documents: [] }]);
    expect(agenda.reads()).toBe(1);

    room.type('Cuộc họp bắt đầu lúc 8 giờ, có mặt đủ các thành viên.');
    expect(sharedMinutesDraft(room.shared).toString()).toContain('Cuộc họp bắt đầu');
    expect(agenda.source.getSnapshot()).toBe(first);
    expect(agenda.reads()).toBe(1);
    expect(agenda.notified()).toBe(0);
  });

  it('changes to other parts leave the agenda alone; its own change re-reads it once', () => {
    const room = new Room();
    room.write((d) => writeAgendaItems(d, [{ id: 'i1', title: 'Khai mạc' }]));
    room.setSynced(true);
    const agenda = countingAgenda(room);
    const first = agenda.source.getSnapshot();

    for (let page = 0; page < 20; page++) room.write((d) => writePresenter(d, { page }));
    room.write((d) =>
      writePoll(
        d,
        samplePoll({
          agendaItemId: 'i1',
          state: 'open',
          openedAt: 2,
          eligible: ['an'],
          memberCount: 1,
          voters: ['an'],
          ballotsCast: 1,
        }),
      ),
    );
    expect(agenda.source.getSnapshot()).toBe(first);
    expect(agenda.reads()).toBe(1);
    expect(agenda.notified()).toBe(0);

    room.write((d) =>
      writeAgendaItems(d, [
        { id: 'i1', title: 'Khai mạc' },
        { id: 'i2', title: 'Báo cáo' },
      ]),
    );
    expect(agenda.notified()).toBe(1);
    const second = agenda.source.getSnapshot();
    expect(second).not.toBe(first);
    expect(second?.map((i) => i.id)).toEqual(['i1', 'i2']);
    agenda.source.getSnapshot();
    expect(agenda.reads()).toBe(2);
  });

  it('reads nothing until the control document has synced, and re-reads when it has', () => {
    const room = new Room();
    room.write((d) => writeAgendaItems(d, [{ id: 'i1', title: 'Khai mạc' }]));
    const agenda = countingAgenda(room);
    expect(agenda.source.getSnapshot()).toBeNull();
    expect(agenda.reads()).toBe(0);
    room.setSynced(true);
    expect(agenda.notified()).toBe(1);
    expect(agenda.source.getSnapshot()).toHaveLength(1);
    // A connection change that does not flip the flag is not a change of the part.
    room.setSynced(true);
    expect(agenda.notified()).toBe(1);
    room.setSynced(false);
    expect(agenda.source.getSnapshot()).toBeNull();
  });

  it('shares one source per part and documents, however many components read it', () => {
    const room = new Room();
    expect(partSourceFor(room, 'agenda')).toBe(partSourceFor(room, 'agenda'));
    expect(partSourceFor(room, 'presenter')).not.toBe(partSourceFor(room, 'agenda'));
    expect(partSourceFor(new Room(), 'agenda')).not.toBe(partSourceFor(room, 'agenda'));
  });
});
