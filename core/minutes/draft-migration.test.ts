import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { sharedMinutesDraft } from '../docs/shared';
import {
  legacyGeneratedBlocks,
  MINUTES_DRAFT_VERSION,
  migrateMinutesDraft,
  readMinutesDraftVersion,
} from './draft-migration';
import { GENERATED_ATTRIBUTE } from './generated';

/** Top-level blocks as an editor writes them: [node name, text]. */
function draftDoc(blocks: [string, string][]): Y.Doc {
  const doc = new Y.Doc();
  const fragment = sharedMinutesDraft(doc);
  for (const [name, value] of blocks) {
    const element = new Y.XmlElement(name);
    fragment.push([element]);
    if (name === 'bulletList') {
      const item = new Y.XmlElement('listItem');
      const para = new Y.XmlElement('paragraph');
      element.push([item]);
      item.push([para]);
      para.push([new Y.XmlText(value)]);
    } else element.push([new Y.XmlText(value)]);
  }
  return doc;
}

const kinds = (doc: Y.Doc) =>
  sharedMinutesDraft(doc)
    .toArray()
    .map((n) => (n instanceof Y.XmlElement ? (n.getAttribute(GENERATED_ATTRIBUTE) ?? null) : null));

describe('legacyGeneratedBlocks', () => {
  it('a copy runs from its heading to the next heading or decision label', () => {
    const block = (heading: boolean, text: string, list = false) => ({ heading, list, text });
    expect(
      legacyGeneratedBlocks([
        block(true, 'Thành phần tham dự'),
        block(false, 'Có mặt (2/3):'),
        block(false, 'Nguyễn Tiến Sỹ – Thư ký', true),
        block(true, '1. Khai mạc'),
        block(false, 'Chủ tọa khai mạc.'),
        block(true, 'KẾT QUẢ BIỂU QUYẾT: Chương trình'),
        block(false, 'Kết luận: thông qua', true), // a list item does not end the copy
        block(false, 'Kết luận: Thông qua chương trình.'),
        block(true, 'Vote results: budget'),
        block(true, 'Attendance'),
      ]),
    ).toEqual([
      'attendance',
      'attendance',
      'attendance',
      null,
      null,
      'votes',
      'votes',
      null,
      'votes',
      'attendance',
    ]);
  });
});

describe('migrateMinutesDraft', () => {
  it('stamps the legacy copies with their type, once, and sets the version', () => {
    const doc = draftDoc([
      ['heading', 'Thành phần tham dự'],
      ['paragraph', 'Có mặt (1/2):'],
      ['bulletList', 'Nguyễn Tiến Sỹ – Thư ký'],
      ['heading', '1. Khai mạc'],
      ['paragraph', 'Chủ tọa khai mạc.'],
      ['heading', 'Kết quả biểu quyết: Chương trình'],
      ['bulletList', 'Tán thành: 2 phiếu'],
      ['paragraph', 'Kết luận: Thông qua.'],
    ]);
    expect(readMinutesDraftVersion(doc)).toBe(1);
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    expect(migrateMinutesDraft(doc)).toBe(true);
    expect(updates).toHaveLength(1); // one transaction: peers never see half a migration
    expect(kinds(doc)).toEqual([
      'attendance',
      'attendance',
      'attendance',
      null,
      null,
      'votes',
      'votes',
      null,
    ]);
    expect(readMinutesDraftVersion(doc)).toBe(MINUTES_DRAFT_VERSION);
    expect(migrateMinutesDraft(doc)).toBe(false);
    expect(updates).toHaveLength(1);
  });

  it('leaves a current draft alone: a heading typed by hand stays text', () => {
    const doc = draftDoc([
      ['heading', 'Thành phần tham dự của tổ công tác'],
      ['paragraph', 'Tổ công tác gồm ba người.'],
    ]);
    doc.getMap('meta').set('minutesDraftVersion', MINUTES_DRAFT_VERSION);
    expect(migrateMinutesDraft(doc)).toBe(false);
    expect(kinds(doc)).toEqual([null, null]);
  });

  it('marks an empty draft current, so what is typed into it later is never read as legacy', () => {
    const doc = new Y.Doc();
    expect(migrateMinutesDraft(doc)).toBe(true);
    expect(readMinutesDraftVersion(doc)).toBe(MINUTES_DRAFT_VERSION);
    expect(sharedMinutesDraft(doc).length).toBe(0);
  });
});
