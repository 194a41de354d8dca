import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { attachAgendaDocument, readAgenda, writeAgendaItems, writeItemDocuments } from './agenda';

const SHA = 'ab'.repeat(32);
const doc = () => {
  const d = new Y.Doc();
  writeAgendaItems(d, [
    { id: 'a', title: 'Khai mạc' },
    { id: 'b', title: 'Báo cáo' },
    { id: 'c', title: 'Biểu quyết' },
  ]);
  attachAgendaDocument(d, 'b', {
    sha256: SHA,
    title: 'Báo cáo.pdf',
    size: 10,
    pages: 2,
    addedBy: 'an',
    addedAt: '2027-03-04T01:30:00.000Z',
  });
  return d;
};

describe('writing the agenda', () => {
  it('reorders items and keeps each one’s documents', () => {
    const d = doc();
    writeAgendaItems(d, [
      { id: 'b', title: 'Báo cáo' },
      { id: 'a', title: 'Khai mạc' },
      { id: 'c', title: 'Biểu quyết' },
    ]);
    const agenda = readAgenda(d);
    expect(agenda.map((i) => i.id)).toEqual(['b', 'a', 'c']);
    expect(agenda[0]?.documents.map((x) => x.sha256)).toEqual([SHA]);
    expect(agenda[1]?.documents).toEqual([]);
  });

  it('a reorder keeps each item’s document history, removed documents included', () => {
    const d = doc();
    const history = [
      {
        documentId: SHA,
        change: 'attach' as const,
        sha256: SHA,
        title: 'Báo cáo.pdf',
        by: 'an',
        at: null,
      },
      {
        documentId: SHA,
        change: 'remove' as const,
        sha256: SHA,
        title: 'Báo cáo.pdf',
        by: 'an',
        at: null,
      },
    ];
    expect(writeItemDocuments(d, 'b', [], history)).toBe(true);
    expect(writeItemDocuments(d, 'zz', [], history)).toBe(false);
    writeAgendaItems(d, [
      { id: 'c', title: 'Biểu quyết' },
      { id: 'b', title: 'Báo cáo' },
      { id: 'a', title: 'Khai mạc' },
    ]);
    const agenda = readAgenda(d);
    expect(agenda[1]).toEqual({ id: 'b', title: 'Báo cáo', documents: [], history });
    expect(agenda[0]?.history).toBeUndefined();
  });

  it('a replaced document’s first file counts as attached', () => {
    const d = doc();
    const NEW = 'cd'.repeat(32);
    const [current] = readAgenda(d)[1]!.documents;
    writeItemDocuments(d, 'b', [{ ...current!, sha256: NEW, origin: SHA }], []);
    expect(readAgenda(d)[1]?.documents[0]).toMatchObject({ sha256: NEW, origin: SHA });
    const again = { ...current!, title: 'Lại' };
    expect(attachAgendaDocument(d, 'b', again)).toBe('already-attached');
  });

  it('renames in place without touching documents, and removes a dropped item', () => {
    const d = doc();
    writeAgendaItems(d, [
      { id: 'a', title: 'Khai mạc kỳ họp' },
      { id: 'b', title: 'Báo cáo' },
    ]);
    const agenda = readAgenda(d);
    expect(agenda.map((i) => [i.id, i.title])).toEqual([
      ['a', 'Khai mạc kỳ họp'],
      ['b', 'Báo cáo'],
    ]);
    expect(agenda[1]?.documents).toHaveLength(1);
  });
});
