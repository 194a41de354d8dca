import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  controlAgenda,
  controlMap,
  readAgenda,
  readAttendance,
  readControlMeta,
  readPresenter,
} from './control';
import { privateNotes, readNote, readPrivateAnnotations } from './private';
import { readSharedAnnotations, readSharedSchemaVersion, sharedAnnotations } from './shared';

describe('document schemas', () => {
  it('reads a control document written the way the server writes it', () => {
    const doc = new Y.Doc();
    doc.transact(() => {
      const meta = controlMap(doc, 'meta');
      meta.set('schemaVersion', 1);
      meta.set('title', 'Họp Hội đồng quản trị');
      const item = new Y.Map<unknown>();
      item.set('id', 'item-1');
      item.set('title', 'Báo cáo tài chính');
      item.set('documents', ['ab'.repeat(32), 42]);
      controlAgenda(doc).push([item, 'junk']);
      const present = new Y.Map<unknown>();
      present.set('status', 'present');
      controlMap(doc, 'attendance').set('alice', present);
      const bogus = new Y.Map<unknown>();
      bogus.set('status', 'asleep');
      controlMap(doc, 'attendance').set('bob', bogus);
      controlMap(doc, 'presenter').set('page', 3);
    });
    expect(readControlMeta(doc)).toMatchObject({
      schemaVersion: 1,
      title: 'Họp Hội đồng quản trị',
      status: null,
    });
    expect(readAgenda(doc)).toEqual([
      {
        id: 'item-1',
        title: 'Báo cáo tài chính',
        // A legacy bare SHA-256 entry still reads, as a document with unknown details.
        documents: [
          { sha256: 'ab'.repeat(32), title: '', pages: 0, size: 0, addedBy: null, addedAt: null },
        ],
      },
    ]);
    expect([...readAttendance(doc)]).toEqual([['alice', { status: 'present', at: null }]]);
    expect(readPresenter(doc)).toEqual({
      memberId: null,
      documentSha256: null,
      page: 3,
      zoom: null,
    });
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
