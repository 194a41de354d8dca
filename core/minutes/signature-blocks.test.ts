import { describe, expect, it } from 'vitest';
import { parseMinutesData } from './parse';
import { recipientLines, signatureBlockTitle } from './signature-blocks';
import { sampleMinutes } from './testing';
import type { MinutesPerson } from './types';

const person = (extra: Partial<MinutesPerson> = {}): MinutesPerson => ({
  name: 'Trần Thị Hồng Nhung',
  ...extra,
});

describe('the lines above a signature (Decree 30/2020, thẩm quyền ký)', () => {
  it.each<[string, string, MinutesPerson, string[]]>([
    ['plain chair', 'CHỦ TỌA', person({ role: 'Chủ tịch Công đoàn' }), ['CHỦ TỌA']],
    ['plain secretary', 'THƯ KÝ', person(), ['THƯ KÝ']],
    [
      'TM. a collective body, then the signer’s position',
      'CHỦ TỌA',
      person({ role: 'Chủ tịch', authority: { kind: 'TM', onBehalfOf: 'Ban Chấp hành' } }),
      ['TM. BAN CHẤP HÀNH', 'CHỦ TỊCH'],
    ],
    [
      'KT. the head, then the deputy’s own position',
      'CHỦ TỌA',
      person({ role: 'Phó Chủ tịch', authority: { kind: 'KT', onBehalfOf: 'Chủ tịch' } }),
      ['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'],
    ],
    [
      'TL. by the head’s leave',
      'THƯ KÝ',
      person({ role: 'Chánh Văn phòng', authority: { kind: 'TL', onBehalfOf: 'Giám đốc' } }),
      ['TL. GIÁM ĐỐC', 'CHÁNH VĂN PHÒNG'],
    ],
    [
      'TUQ. by authorisation',
      'THƯ KÝ',
      person({ role: 'Trưởng phòng Tổ chức', authority: { kind: 'TUQ', onBehalfOf: 'Giám đốc' } }),
      ['TUQ. GIÁM ĐỐC', 'TRƯỞNG PHÒNG TỔ CHỨC'],
    ],
    [
      'an authority without a recorded position falls back to the meeting role',
      'THƯ KÝ',
      person({ authority: { kind: 'TM', onBehalfOf: 'Hội đồng quản trị' } }),
      ['TM. HỘI ĐỒNG QUẢN TRỊ', 'THƯ KÝ'],
    ],
  ])('%s', (_, roleTitle, who, lines) => {
    expect(signatureBlockTitle(roleTitle, who)).toEqual(lines);
  });
});

describe('the "Nơi nhận" lines', () => {
  it.each<[string, Parameters<typeof recipientLines>[0], string[]]>([
    ['none given: no block', undefined, []],
    [
      'each recipient ends with ";", the archive line last with "."',
      { to: ['Ban Thường vụ Công đoàn ngành', 'Các ủy viên Ban Chấp hành'], archive: 'VT, CĐ' },
      ['- Ban Thường vụ Công đoàn ngành;', '- Các ủy viên Ban Chấp hành;', '- Lưu: VT, CĐ.'],
    ],
    [
      'punctuation typed at the end is not doubled',
      { to: ['Như trên;', 'Văn phòng.'] },
      ['- Như trên;', '- Văn phòng.'],
    ],
    ['only where it is filed', { to: [], archive: 'VT' }, ['- Lưu: VT.']],
  ])('%s', (_, recipients, lines) => {
    expect(recipientLines(recipients)).toEqual(lines);
  });
});

describe('parsing the new parts of MinutesData', () => {
  it('keeps an authority and recipients, drops an empty recipients block', () => {
    const data = parseMinutesData({
      ...sampleMinutes(),
      chair: { name: 'A', authority: { kind: 'TM', onBehalfOf: ' Ban Chấp hành ' } },
      recipients: { to: ['Ban Thường vụ', ''], archive: 'VT' },
    });
    expect(data.chair.authority).toEqual({ kind: 'TM', onBehalfOf: 'Ban Chấp hành' });
    expect(data.recipients).toEqual({ to: ['Ban Thường vụ'], archive: 'VT' });
    const none = parseMinutesData({ ...sampleMinutes(), recipients: { to: [] } });
    expect('recipients' in none).toBe(false);
  });

  it('refuses an unknown authority kind or an empty body signed for', () => {
    expect(() =>
      parseMinutesData({ ...sampleMinutes(), chair: { name: 'A', authority: { kind: 'Q' } } }),
    ).toThrow(/chair.authority.kind/);
    expect(() =>
      parseMinutesData({
        ...sampleMinutes(),
        secretary: { name: 'A', authority: { kind: 'KT', onBehalfOf: ' ' } },
      }),
    ).toThrow(/secretary.authority.onBehalfOf/);
  });
});
