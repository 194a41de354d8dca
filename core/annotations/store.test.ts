import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { privateAnnotations } from '../docs/private';
import { readSharedAnnotations, readSharedSchemaVersion, sharedAnnotations } from '../docs/shared';
import { AnnotationError, quadFromRect } from './model';
import {
  createAnnotation,
  deleteAnnotation,
  listAnnotations,
  moveAnnotation,
  setVisibility,
  updateAnnotation,
  type AnnotationDocs,
} from './store';

const SHA = 'ab'.repeat(32);
const dung = { memberId: 'dung', name: 'Lê Văn Dũng' };
const hang = { memberId: 'hang', name: 'Phạm Thị Thu Hằng' };
const ctx = (actor = dung, now = '2026-12-01T02:00:00.000Z') => ({ actor, now, origin: 'me' });
const docsOf = (): AnnotationDocs => ({ shared: new Y.Doc(), private: new Y.Doc() });

describe('annotation store', () => {
  it('creates each kind in PDF coordinates and reads them back per page', () => {
    const docs = docsOf();
    const base = { documentSha256: SHA, color: '#F2C14E' };
    createAnnotation(
      docs,
      {
        ...base,
        id: 'h1',
        pageIndex: 0,
        visibility: 'private',
        shape: { kind: 'highlight', quads: [quadFromRect([72, 700, 200, 712])], text: 'Điều 1' },
      },
      ctx(),
    );
    createAnnotation(
      docs,
      {
        ...base,
        id: 'i1',
        pageIndex: 0,
        visibility: 'shared',
        shape: { kind: 'ink', paths: [[10, 10, 20, 30, 40, 35]], width: 2 },
      },
      ctx(),
    );
    createAnnotation(
      docs,
      {
        ...base,
        id: 'n1',
        pageIndex: 1,
        visibility: 'shared',
        shape: { kind: 'note', at: [300, 400], text: 'Xem lại số liệu' },
      },
      ctx(),
    );
    createAnnotation(
      docs,
      {
        ...base,
        id: 't1',
        pageIndex: 1,
        visibility: 'private',
        shape: { kind: 'text', rect: [50, 50, 250, 80], text: 'Đồng ý', fontSize: 12 },
      },
      ctx(),
    );
    const page0 = listAnnotations(docs, { documentSha256: SHA, pageIndex: 0 });
    expect(page0.map((a) => [a.id, a.visibility, a.color])).toEqual([
      ['h1', 'private', '#f2c14e'],
      ['i1', 'shared', '#f2c14e'],
    ]);
    expect(listAnnotations(docs, { documentSha256: SHA }).map((a) => a.id)).toEqual([
      'h1',
      'i1',
      'n1',
      't1',
    ]);
    // Another member (no private doc of ours) sees only the shared marks.
    expect(
      listAnnotations({ shared: docs.shared }, { documentSha256: SHA }).map((a) => a.id),
    ).toEqual(['i1', 'n1']);
    // The older head reader still understands the stored entries, and the schema is stamped.
    expect(readSharedAnnotations(docs.shared).map((h) => [h.id, h.kind, h.authorId])).toEqual([
      ['i1', 'ink', 'dung'],
      ['n1', 'note', 'dung'],
    ]);
    expect(readSharedSchemaVersion(docs.shared)).toBe(1);
  });

  it('moves, recolours, edits text, switches visibility keeping the id, and deletes', () => {
    const docs = docsOf();
    createAnnotation(
      docs,
      {
        id: 'n1',
        documentSha256: SHA,
        pageIndex: 2,
        color: '#6fb7ff',
        visibility: 'private',
        shape: { kind: 'note', at: [100, 100], text: 'a' },
      },
      ctx(),
    );
    moveAnnotation(docs, 'n1', 5, -10, ctx());
    updateAnnotation(
      docs,
      'n1',
      { color: '#ff8fa3', text: 'Ý kiến' },
      ctx(dung, '2026-12-01T02:05:00.000Z'),
    );
    const shared = setVisibility(docs, 'n1', 'shared', ctx());
    expect(shared).toMatchObject({
      id: 'n1',
      visibility: 'shared',
      at: [105, 90],
      color: '#ff8fa3',
      text: 'Ý kiến',
    });
    expect(privateAnnotations(docs.private).has('n1')).toBe(false);
    expect(sharedAnnotations(docs.shared).has('n1')).toBe(true);
    setVisibility(docs, 'n1', 'private', ctx());
    expect(sharedAnnotations(docs.shared).has('n1')).toBe(false);
    deleteAnnotation(docs, 'n1', ctx());
    expect(listAnnotations(docs, { documentSha256: SHA })).toEqual([]);
  });

  it('refuses edits by someone other than the author, and malformed drafts', () => {
    const docs = docsOf();
    createAnnotation(
      docs,
      {
        id: 'i1',
        documentSha256: SHA,
        pageIndex: 0,
        color: '#7ad17a',
        visibility: 'shared',
        shape: { kind: 'ink', paths: [[0, 0, 1, 1]], width: 1 },
      },
      ctx(),
    );
    const theirs = { shared: docs.shared, private: new Y.Doc() };
    expect(() => moveAnnotation(theirs, 'i1', 1, 1, ctx(hang))).toThrow(
      expect.objectContaining({ code: 'not-author' }),
    );
    expect(() => deleteAnnotation(theirs, 'i1', ctx(hang))).toThrow(AnnotationError);
    const bad =
      (shape: unknown, extra: Record<string, unknown> = {}) =>
      () =>
        createAnnotation(
          docs,
          {
            id: 'x',
            documentSha256: SHA,
            pageIndex: 0,
            color: '#7ad17a',
            visibility: 'shared',
            shape: shape as never,
            ...extra,
          },
          ctx(),
        );
    expect(bad({ kind: 'ink', paths: [[0, 0, 1]], width: 1 })).toThrow(
      expect.objectContaining({ code: 'invalid-annotation' }),
    );
    expect(bad({ kind: 'highlight', quads: [[1, 2, 3]], text: '' })).toThrow(AnnotationError);
    expect(bad({ kind: 'note', at: [0, 0], text: '' }, { color: 'red' })).toThrow(AnnotationError);
    expect(bad({ kind: 'note', at: [0, 0], text: '' }, { pageIndex: -1 })).toThrow(AnnotationError);
  });

  it('ignores malformed entries another client wrote into the shared map', () => {
    const docs = docsOf();
    const map = sharedAnnotations(docs.shared);
    docs.shared.transact(() => {
      map.set('junk', 42);
      const noKind = new Y.Map<unknown>();
      noKind.set('documentSha256', SHA);
      noKind.set('pageIndex', 0);
      map.set('nokind', noKind);
      const badPath = new Y.Map<unknown>();
      for (const [k, v] of Object.entries({
        documentSha256: SHA,
        pageIndex: 0,
        kind: 'ink',
        authorId: 'x',
        color: '#000000',
        createdAt: 't',
        paths: [['a', 'b']],
        width: 1,
      }))
        badPath.set(k, v);
      map.set('badpath', badPath);
      const nanPage = new Y.Map<unknown>();
      for (const [k, v] of Object.entries({
        documentSha256: SHA,
        pageIndex: 1.5,
        kind: 'note',
        authorId: 'x',
        color: '#000000',
        createdAt: 't',
        at: [0, 0],
        text: '',
      }))
        nanPage.set(k, v);
      map.set('nanpage', nanPage);
    });
    createAnnotation(
      docs,
      {
        id: 'ok',
        documentSha256: SHA,
        pageIndex: 0,
        color: '#000000',
        visibility: 'shared',
        shape: { kind: 'note', at: [1, 2], text: 'ok' },
      },
      ctx(),
    );
    expect(listAnnotations(docs, { documentSha256: SHA }).map((a) => a.id)).toEqual(['ok']);
  });
});
