/**
 * Section II as printed (issue 12, last gaps): from the attendance records the chair's controls
 * write into the control document to the words of the signed PDF — an excused member with the
 * reason, a latecomer with the arrival time, one who left early with the departure time, in
 * UTC+07, and nothing after the name of anyone with nothing recorded. Read back with pdftotext.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { writeAttendance } from '../../core/docs/control/attendance';
import { renderMinutesPdf } from '../../core/minutes';
import { sampleMember } from '../../core/testing/control-fixtures';
import type { MeetingRecord } from '../../sync-server/meetings/directory';
import { buildMinutesData, type MinutesMember } from '../../sync-server/minutes/data';
import { minutesFonts } from '../helpers/minutes-fonts';
import { pdftotext } from '../helpers/pdf-judges';

const BOARD = 'Ủy viên Ban Chấp hành';

const meeting: MeetingRecord = {
  id: 'hop-bch',
  title: 'Họp Ban Chấp hành Công đoàn',
  startsAt: '2026-12-03T01:00:00.000Z',
  location: 'Phòng họp số 3',
  organisation: 'Công đoàn Văn phòng Quốc hội',
  agenda: [{ id: 'i1', title: 'Khai mạc' }],
  createdAt: '2026-11-01T00:00:00.000Z',
};

const members: MinutesMember[] = [
  { id: 'nhung', name: 'Trần Thị Hồng Nhung', role: 'chair', position: 'Chủ tịch Công đoàn' },
  { id: 'sy', name: 'Nguyễn Tiến Sỹ', role: 'secretary', position: BOARD },
  { id: 'tuan', name: 'Hoàng Minh Tuấn', role: 'delegate', position: BOARD },
  { id: 'viet', name: 'Đặng Quốc Việt', role: 'delegate', position: BOARD },
  { id: 'hang', name: 'Phạm Thị Thu Hằng', role: 'delegate', position: BOARD },
  { id: 'dung', name: 'Lê Văn Dũng', role: 'delegate', position: BOARD },
];

function control(): Y.Doc {
  const doc = new Y.Doc();
  const at = '2026-12-03T01:00:00.000Z';
  doc.transact(() => {
    for (const id of ['nhung', 'sy'])
      writeAttendance(doc, sampleMember(id, { status: 'present', arrivedAt: at }));
    writeAttendance(doc, sampleMember('tuan', { status: 'excused', reason: 'đi công tác' }));
    // 01:40Z is 08:40 in Hà Nội; 03:15Z is 10:15.
    writeAttendance(
      doc,
      sampleMember('viet', {
        status: 'present',
        arrivedAt: '2026-12-03T01:40:00.000Z',
        late: true,
      }),
    );
    writeAttendance(
      doc,
      sampleMember('hang', { status: 'absent', arrivedAt: at, leftAt: '2026-12-03T03:15:00.000Z' }),
    );
    writeAttendance(doc, sampleMember('dung', { status: 'absent' }));
  });
  return doc;
}

describe('Section II of the printed minutes', () => {
  it('prints the reason, the late arrival and the early departure the chair recorded', async () => {
    const data = buildMinutesData({
      meeting,
      members,
      control: control(),
      draft: { blocks: [], legacy: false },
      now: new Date('2026-12-03T09:00:00.000Z'),
    });
    const pdf = await renderMinutesPdf(data, minutesFonts());
    const dir = mkdtempSync(path.join(tmpdir(), 'dh-minutes-notes-'));
    const file = path.join(dir, 'bien-ban.pdf');
    writeFileSync(file, pdf);
    const printed = pdftotext(file);
    rmSync(dir, { recursive: true, force: true });
    const text = printed.normalize('NFC').replace(/\s+/gu, ' ');
    const present = text.slice(text.indexOf('Thành viên có mặt'), text.indexOf('Thành viên vắng'));
    const absent = text.slice(text.indexOf('Thành viên vắng'), text.indexOf('III.'));
    expect(present).toContain(`Đặng Quốc Việt – ${BOARD} (đến muộn lúc 08 giờ 40 phút)`);
    expect(absent).toContain(`Hoàng Minh Tuấn – ${BOARD} (vắng có lý do: đi công tác)`);
    // She took part and left before bế mạc: attending, with the time she left.
    expect(present).toContain(`Phạm Thị Thu Hằng – ${BOARD} (về sớm lúc 10 giờ 15 phút)`);
    expect(absent).not.toContain('Phạm Thị Thu Hằng');
    // Nothing recorded, nothing printed: no bracket after anyone else's name.
    expect(`${present}${absent}`.split('(').length - 1).toBe(3);
    for (const name of ['Lê Văn Dũng', 'Nguyễn Tiến Sỹ', 'Trần Thị Hồng Nhung'])
      expect(`${present}${absent}`).not.toMatch(new RegExp(`${name} – [^.]*?\\(`, 'u'));
  });
});
