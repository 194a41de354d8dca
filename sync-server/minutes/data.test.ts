import { sampleMember } from '../../core/testing/control-fixtures';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { AttendanceMemberView } from '../../core/api/votes';
import { writeAttendance } from '../../core/docs/control/attendance';
import { metaMap } from '../../core/docs/control/meta';
import { writeFloor } from '../../core/docs/control/speakers';
import { speechText } from '../../core/minutes/sections';
import { EMPTY_FLOOR, giveFloor, requestFloor, stopSpeaker } from '../../core/speakers/floor';
import { parseMinutesData } from '../../core/minutes';
import type { MeetingRecord } from '../meetings/directory';
import { buildMinutesData, type MinutesMember } from './data';

const meeting: MeetingRecord = {
  id: 'hop-1',
  title: 'Họp Ủy ban nhân dân phường',
  startsAt: '2026-12-03T01:00:00.000Z',
  location: 'Phòng họp tầng 2',
  organisation: 'UBND phường Diên Hồng',
  agenda: [{ id: 'i1', title: 'Khai mạc' }],
  createdAt: '2026-11-01T00:00:00.000Z',
  documentNumber: '12/BB-UBND',
  place: 'Hà Nội',
};

const members: MinutesMember[] = [
  { id: 'sy', name: 'Nguyễn Tiến Sỹ', role: 'secretary', position: 'Chánh Văn phòng' },
  { id: 'nhung', name: 'Trần Thị Hồng Nhung', role: 'chair', position: 'Chủ tịch UBND phường' },
  { id: 'an', name: 'Vũ Văn An', role: 'delegate', position: null },
  { id: 'dung', name: 'Lê Văn Dũng', role: 'delegate' },
];

function control(
  meta: Record<string, string> = {},
  records: Record<string, Partial<AttendanceMemberView>> = {},
): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    for (const [k, v] of Object.entries(meta)) metaMap(doc).set(k, v);
    for (const m of members)
      writeAttendance(
        doc,
        sampleMember(m.id, {
          role: m.role,
          status: m.id === 'dung' ? 'absent' : 'present',
          ...records[m.id],
        }),
      );
  });
  return doc;
}

const now = new Date('2026-12-03T09:00:00.000Z');
const draft = { blocks: [], legacy: false };

describe('buildMinutesData', () => {
  it('prints who spoke on an item, in order, from the speakers list', () => {
    const doc = control();
    const t = Date.parse('2026-12-03T01:40:00.000Z'); // 08:40 in Hà Nội
    let floor = requestFloor(EMPTY_FLOOR, { id: 'r1', memberId: 'nhung', kind: 'speech', now: t });
    floor = requestFloor(floor, { id: 'r2', memberId: 'an', kind: 'point-of-order', now: t });
    floor = giveFloor(floor, { requestId: 'r2', turnId: 't1', now: t });
    floor = giveFloor(floor, { turnId: 't2', now: t + 5 * 60_000 });
    floor = stopSpeaker(floor, t + 9 * 60_000);
    writeFloor(doc, 'i1', floor);
    const data = parseMinutesData(buildMinutesData({ meeting, members, control: doc, draft, now }));
    const speeches = data.items[0]?.speeches ?? [];
    expect(speeches.map(speechText)).toEqual([
      '08 giờ 40 phút: Đồng chí Vũ Văn An nêu kiến nghị về thủ tục.',
      '08 giờ 45 phút: Đồng chí Trần Thị Hồng Nhung, Chủ tịch UBND phường, phát biểu.',
    ]);
  });

  it('prints no speeches for an item nobody spoke on', () => {
    const data = buildMinutesData({ meeting, members, control: control(), draft, now });
    expect(data.items[0]?.speeches).toBeUndefined();
  });

  it('takes number, place, positions and given-name order from the records', () => {
    const data = parseMinutesData(
      buildMinutesData({ meeting, members, control: control(), draft, now }),
    );
    expect(data.documentNumber).toBe('12/BB-UBND');
    expect(data.locality).toBe('Hà Nội');
    expect(data.chair).toEqual({ name: 'Trần Thị Hồng Nhung', role: 'Chủ tịch UBND phường' });
    expect(data.secretary).toEqual({ name: 'Nguyễn Tiến Sỹ', role: 'Chánh Văn phòng' });
    // An, Dũng, Nhung, Sỹ: by given name; no position recorded → the meeting role.
    expect(data.attendance.map((a) => [a.name, a.role, a.present])).toEqual([
      ['Vũ Văn An', 'Đại biểu', true],
      ['Lê Văn Dũng', 'Đại biểu', false],
      ['Trần Thị Hồng Nhung', 'Chủ tịch UBND phường', true],
      ['Nguyễn Tiến Sỹ', 'Chánh Văn phòng', true],
    ]);
  });

  it('names no position when none is recorded, rather than repeating the role', () => {
    const bare = members.map((m) => ({ ...m, position: null }));
    const data = buildMinutesData({ meeting, members: bare, control: control(), draft, now });
    expect(data.chair).toEqual({ name: 'Trần Thị Hồng Nhung' });
  });

  it('has no end and the scheduled start when the lifecycle recorded nothing', () => {
    const data = buildMinutesData({ meeting, members, control: control(), draft, now });
    expect(data.startsAt.iso).toBe(meeting.startsAt);
    expect(data.endsAt).toBeUndefined();
    expect(data.issuedAt?.iso).toBe(now.toISOString());
    expect(data.startsAt.utcOffsetMinutes).toBe(420);
  });

  it('uses the opening and closing times of the lifecycle', () => {
    const data = buildMinutesData({
      meeting,
      members,
      control: control({
        openedAt: '2026-12-03T01:07:00.000Z',
        closedAt: '2026-12-03T03:40:00.000Z',
      }),
      draft,
      now,
    });
    expect(data.startsAt.iso).toBe('2026-12-03T01:07:00.000Z');
    expect(data.endsAt?.iso).toBe('2026-12-03T03:40:00.000Z');
  });

  it('ignores a close that is not a time or comes before the start', () => {
    for (const closedAt of ['soon', '2026-12-03T00:30:00.000Z']) {
      const data = buildMinutesData({
        meeting,
        members,
        control: control({ closedAt }),
        draft,
        now,
      });
      expect(data.endsAt).toBeUndefined();
    }
  });

  // Dũng's record, and what Section II prints after his name (times are UTC+07).
  const notes: [string, Partial<AttendanceMemberView>, string | undefined][] = [
    ['absent, nothing recorded', { status: 'absent' }, undefined],
    [
      'excused with the reason',
      { status: 'excused', reason: 'đi công tác' },
      'vắng có lý do: đi công tác',
    ],
    [
      'a reason typed on two lines',
      { status: 'excused', reason: 'đi công tác\n  tại Huế ' },
      'vắng có lý do: đi công tác tại Huế',
    ],
    ['absent with a reason', { status: 'absent', reason: 'ốm' }, 'lý do: ốm'],
    [
      'a late arrival',
      { status: 'present', arrivedAt: '2026-12-03T01:40:00.000Z', late: true },
      'đến muộn lúc 08 giờ 40 phút',
    ],
    [
      'on time',
      { status: 'present', arrivedAt: '2026-12-03T01:02:00.000Z', late: false },
      undefined,
    ],
    [
      'late, then left early',
      {
        status: 'absent',
        arrivedAt: '2026-12-03T01:40:00.000Z',
        late: true,
        leftAt: '2026-12-03T03:15:00.000Z',
      },
      'đến muộn lúc 08 giờ 40 phút; về sớm lúc 10 giờ 15 phút',
    ],
    [
      'left early, excused',
      {
        status: 'excused',
        arrivedAt: '2026-12-03T01:00:00.000Z',
        leftAt: '2026-12-03T03:15:00.000Z',
        reason: 'có việc gia đình',
      },
      'về sớm lúc 10 giờ 15 phút; có lý do: có việc gia đình',
    ],
    ['late without a time', { status: 'present', late: true }, undefined],
    ['a departure time that is not a time', { status: 'absent', leftAt: 'soon' }, undefined],
  ];
  it.each(notes)('prints the attendance note: %s', (_, record, note) => {
    const doc = control({}, { dung: record });
    const data = parseMinutesData(buildMinutesData({ meeting, members, control: doc, draft, now }));
    const dung = data.attendance.find((a) => a.name === 'Lê Văn Dũng');
    expect(dung?.note).toBe(note);
    // One who left before bế mạc took part: listed as attending, with the time they left.
    expect(dung?.present).toBe(record.status === 'present' || (note ?? '').includes('về sớm'));
    // Nobody else has anything recorded, so nobody else has a note.
    expect(data.attendance.filter((a) => a.note !== undefined).length).toBe(note ? 1 : 0);
  });
});
