import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { AnnotationHistory } from './history';
import {
  createAnnotation,
  listAnnotations,
  moveAnnotation,
  setVisibility,
  type AnnotationDocs,
} from './store';

const SHA = 'cd'.repeat(32);
const dung = { memberId: 'dung', name: 'Lê Văn Dũng' };
const hang = { memberId: 'hang', name: 'Phạm Thị Thu Hằng' };
const ORIGIN = { local: 'dung' };
const ctx = { actor: dung, now: '2026-12-01T02:00:00.000Z', origin: ORIGIN };
const note = (id: string, text: string) =>
  ({
    id,
    documentSha256: SHA,
    pageIndex: 0,
    color: '#000000',
    visibility: 'private',
    shape: { kind: 'note', at: [1, 2], text },
  }) as const;
const list = (docs: AnnotationDocs) =>
  listAnnotations(docs, { documentSha256: SHA }).map((a) => `${a.id}:${a.visibility}`);

describe('AnnotationHistory', () => {
  it('undoes and redoes only the member’s own edits, across both documents', () => {
    const docs: AnnotationDocs = { shared: new Y.Doc(), private: new Y.Doc() };
    const history = new AnnotationHistory(docs, ORIGIN);
    createAnnotation(docs, note('n1', 'mine'), ctx);
    // Someone else's shared mark arrives over the network.
    const remote = new Y.Doc();
    createAnnotation(
      { shared: remote, private: new Y.Doc() },
      { ...note('r1', 'theirs'), visibility: 'shared' },
      { actor: hang, now: 'x' },
    );
    Y.applyUpdate(docs.shared, Y.encodeStateAsUpdate(remote), 'remote');
    history.batch(() => setVisibility(docs, 'n1', 'shared', ctx));
    moveAnnotation(docs, 'n1', 10, 0, ctx);
    expect(list(docs)).toEqual(['n1:shared', 'r1:shared']);

    history.undo(); // the move
    expect(listAnnotations(docs, { documentSha256: SHA })[0]).toMatchObject({ at: [1, 2] });
    history.undo(); // the switch to shared, both halves at once
    expect(list(docs)).toEqual(['n1:private', 'r1:shared']);
    history.undo(); // the creation
    expect(list(docs)).toEqual(['r1:shared']);
    expect(history.canUndo()).toBe(false);

    history.redo();
    history.redo();
    expect(list(docs)).toEqual(['n1:shared', 'r1:shared']);
    history.destroy();
  });
});
