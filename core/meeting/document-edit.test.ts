import { describe, expect, it } from 'vitest';
import type { AgendaDocument } from '../docs/control/agenda';
import type { MeetingLifecycle } from './lifecycle';
import {
  DOCUMENT_EDIT_STATES,
  documentTitle,
  documentVersions,
  editDocuments,
  removedDocumentIds,
  type DocumentEdit,
  type DocumentEditError,
} from './document-edit';

const SHA = (c: string) => c.repeat(64);
const doc = (c: string, title: string): AgendaDocument => ({
  sha256: SHA(c),
  title,
  pages: 2,
  size: 1000,
  addedBy: 'chair',
  addedAt: '2026-03-01T08:00:00.000Z',
});
const item = { documents: [doc('a', 'Báo cáo'), doc('b', 'Tờ trình')], history: [] };
const AT = '2026-03-02T09:00:00.000Z';
const file = (c: string) => ({ sha256: SHA(c), pages: 3, size: 2000 });

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return (error as DocumentEditError).code;
  }
  return 'accepted';
}

describe('document names', () => {
  it.each<[unknown, string]>([
    ['Báo cáo tài chính', 'Báo cáo tài chính'],
    ['  Tờ trình số 5  ', 'Tờ trình số 5'],
    ['x'.repeat(200), 'x'.repeat(200)],
    // NFC: a name typed with combining marks is kept composed.
    ['Nghi\u0323 quyê\u0301t', 'Nghị quyết'],
  ])('keeps %j as %j', (raw, kept) => {
    expect(documentTitle(raw)).toBe(kept);
  });

  it.each<[string, unknown]>([
    ['empty', ''],
    ['blank', '   '],
    ['too long', 'x'.repeat(201)],
    ['a control character', 'Báo\u0000cáo'],
    ['a line break', 'Báo\ncáo'],
    ['not a string', 42],
  ])('refuses a name that is %s', (_label, raw) => {
    expect(refusal(() => documentTitle(raw))).toBe('document-bad-title');
  });
});

describe('what the meeting state allows', () => {
  const kinds: DocumentEdit[] = [
    { kind: 'rename', documentId: SHA('a'), title: 'Mới' },
    { kind: 'replace', documentId: SHA('a'), file: file('c') },
    { kind: 'remove', documentId: SHA('a') },
  ];
  it.each<[MeetingLifecycle, string]>([
    ['scheduled', 'accepted'],
    ['open', 'accepted'],
    ['paused', 'accepted'],
    ['closed', 'meeting-closed'],
  ])('a %s meeting: %s', (state, expected) => {
    for (const edit of kinds) {
      expect(refusal(() => editDocuments(state, item, edit, 'chair', AT))).toBe(expected);
      expect(DOCUMENT_EDIT_STATES[edit.kind].includes(state)).toBe(expected === 'accepted');
    }
  });
});

describe('editing documents', () => {
  it.each<[string, DocumentEdit, string]>([
    ['an unknown document', { kind: 'remove', documentId: SHA('f') }, 'document-not-found'],
    [
      'renaming to the same name',
      { kind: 'rename', documentId: SHA('a'), title: ' Báo cáo ' },
      'document-unchanged',
    ],
    ['a bad name', { kind: 'rename', documentId: SHA('a'), title: '' }, 'document-bad-title'],
    [
      'replacing with the same file',
      { kind: 'replace', documentId: SHA('a'), file: file('a') },
      'document-unchanged',
    ],
    [
      "replacing with another document's file",
      { kind: 'replace', documentId: SHA('a'), file: file('b') },
      'document-already-attached',
    ],
  ])('refuses %s, changing nothing', (_label, edit, code) => {
    const before = JSON.stringify(item);
    expect(refusal(() => editDocuments('open', item, edit, 'chair', AT))).toBe(code);
    expect(JSON.stringify(item)).toBe(before);
  });

  it('renames, recording the attachment first', () => {
    const out = editDocuments(
      'open',
      item,
      { kind: 'rename', documentId: SHA('a'), title: 'Báo cáo quý I' },
      'secretary',
      AT,
    );
    expect(out.documents.map((d) => d.title)).toEqual(['Báo cáo quý I', 'Tờ trình']);
    expect(out.history).toEqual([
      {
        documentId: SHA('a'),
        change: 'attach',
        sha256: SHA('a'),
        title: 'Báo cáo',
        by: 'chair',
        at: '2026-03-01T08:00:00.000Z',
      },
      {
        documentId: SHA('a'),
        change: 'rename',
        sha256: SHA('a'),
        title: 'Báo cáo quý I',
        by: 'secretary',
        at: AT,
      },
    ]);
    expect(item.documents[0]?.title).toBe('Báo cáo');
  });

  it('replaces a file twice: the id stays the first hash, every version is kept', () => {
    const once = editDocuments(
      'open',
      item,
      { kind: 'replace', documentId: SHA('a'), file: file('c') },
      'chair',
      AT,
    );
    expect(once.documents[0]).toMatchObject({ sha256: SHA('c'), origin: SHA('a'), pages: 3 });
    const twice = editDocuments(
      'paused',
      once,
      { kind: 'replace', documentId: SHA('a'), file: file('d') },
      'chair',
      AT,
    );
    expect(twice.documents[0]).toMatchObject({ sha256: SHA('d'), origin: SHA('a') });
    expect(documentVersions(twice.history, SHA('a')).map((v) => [v.change, v.sha256])).toEqual([
      ['attach', SHA('a')],
      ['replace', SHA('c')],
      ['replace', SHA('d')],
    ]);
    // Going back to the first file is a new version, not a refusal.
    const back = editDocuments(
      'open',
      twice,
      { kind: 'replace', documentId: SHA('a'), file: file('a') },
      'chair',
      AT,
    );
    expect(back.documents[0]?.sha256).toBe(SHA('a'));
  });

  it('removes a document from the agenda but not from the history', () => {
    const out = editDocuments(
      'scheduled',
      item,
      { kind: 'remove', documentId: SHA('b') },
      'chair',
      AT,
    );
    expect(out.documents.map((d) => d.sha256)).toEqual([SHA('a')]);
    expect(documentVersions(out.history, SHA('b')).map((v) => v.change)).toEqual([
      'attach',
      'remove',
    ]);
    expect(removedDocumentIds(out)).toEqual([SHA('b')]);
    expect(
      refusal(() =>
        editDocuments('open', out, { kind: 'remove', documentId: SHA('b') }, 'chair', AT),
      ),
    ).toBe('document-not-found');
  });
});
